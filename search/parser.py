"""Query string -> ParsedQuery. Pure: no database, no Django.

The syntax is the familiar web-search one, with one rule for Vietnamese:

- words must all appear (any order, any accents): ``toi pham mang``;
- ``"a quoted phrase"`` must appear as written (accents still optional);
- ``OR`` between two words or phrases accepts either: ``Europol OR Interpol``;
- ``-word`` and ``-"a phrase"`` exclude;
- a ``-`` before unquoted words excludes *all* the words after it, as one phrase, up to the next
  quote, ``OR`` or ``-``: ``cảnh sát -ma túy`` leaves out articles containing "ma túy", not every
  article containing "ma". (Vietnamese words are often several syllables; excluding only "ma"
  would silently drop articles about something else.)
"""

import re
import unicodedata
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from archive.text import fold

MAX_QUERY_LENGTH = 300
MAX_WORDS = 32
OR = "OR"  # the operator: upper case, standing alone
PREFIX = "*"  # after a word: any word starting so ("ransom*")

WORD = re.compile(r"[^\W_]+")
# A quoted phrase (closed or running to the end), or a run of other characters.
TOKEN = re.compile(r'-?"[^"]*"?|\S+')
# Letters and digits joined by punctuation with a slash, and a digit: "24/7", "I-24/7". (Other
# joined words split as the index splits them: "COVID-19" is "covid" and "19".)
RAW = re.compile(r"(?=.*\d)(?=.*/)[^\W_]+(?:[/\-][^\W_]+)+")

# Vietnamese tone marks may sit on either vowel of an open "oa", "oe" or "uy" ("hoà" / "hòa").
_TONES = "\u0300\u0301\u0309\u0303\u0323"  # grave, acute, hook above, tilde, dot below
_TONE_PAIRS = re.compile(r"([oOuU])([" + _TONES + r"]?)([aAeEyY])([" + _TONES + r"]?)(?!\w)")


@dataclass(frozen=True)
class Unit:
    """One searchable unit: a single word, or a phrase whose words must stand together."""

    words: tuple[str, ...]
    phrase: bool = False
    prefix: bool = False  # the last word is the start of a word ("ransom*", "tội phạm mạ*")
    # A token with punctuation inside and a digit ("24/7", "I-24/7"): matched as PostgreSQL's
    # own parser reads it, which keeps "24/7" one word; `words` are its letters and digits.
    raw: str = ""

    @property
    def text(self) -> str:
        return " ".join(self.words)


@dataclass(frozen=True)
class ParsedQuery:
    text: str  # NFC, trimmed: the query as the person typed it
    error: str = ""  # a message for the person searching, when there is nothing to search
    # Every clause must match; a clause matches when any of its alternatives does.
    clauses: tuple[tuple[Unit, ...], ...] = ()
    excluded: tuple[Unit, ...] = ()
    # Runs of two or more unquoted words typed together: ranked higher when adjacent.
    runs: tuple[tuple[str, ...], ...] = field(default=())

    @property
    def ok(self) -> bool:
        return not self.error

    @property
    def has_diacritics(self) -> bool:
        """Typed with Vietnamese (or other) diacritics: exact spellings then rank first."""
        return fold(self.text) != self.text.casefold()

    @property
    def positive_units(self) -> tuple[Unit, ...]:
        return tuple(unit for clause in self.clauses for unit in clause)

    @property
    def run_units(self) -> tuple[Unit, ...]:
        """Each run as a phrase (its last word a prefix when typed with `*`)."""
        return tuple(
            Unit(tuple(w.rstrip(PREFIX) for w in run), phrase=True, prefix=run[-1][-1] == PREFIX)
            for run in self.runs
        )


def tone_variants(word: str) -> tuple[str, ...]:
    """The word with its tone mark in old and new placement: hoà -> (hoà, hòa)."""
    nfc = unicodedata.normalize("NFC", word)
    nfd = unicodedata.normalize("NFD", nfc)

    def swap(m: re.Match) -> str:
        first, tone1, second, tone2 = m.groups()
        return first + tone2 + second + tone1

    other = unicodedata.normalize("NFC", _TONE_PAIRS.sub(swap, nfd))
    return (nfc,) if other == nfc else (nfc, other)


def _words(text: str) -> tuple[str, ...]:
    return tuple(WORD.findall(text))


def _plain(token: str) -> bool:
    return token != OR and not token.startswith('"') and not token.startswith("-")


def _names_around_or(tokens: list[str]) -> list[str]:
    """`le quy vuong OR luong tam quang`: where two or more words typed together stand on each
    side of an OR, each side is meant whole (two names, two terms), so it becomes a quoted
    phrase. With one word on a side, OR binds the neighbouring words as before
    (`police Europol OR Interpol`)."""
    out = list(tokens)

    def run_before(i: int) -> int:
        start = i
        while start > 0 and _plain(out[start - 1]):
            start -= 1
        if start > 0 and out[start - 1].startswith("-") and not out[start - 1].startswith('-"'):
            return i  # the words continue an exclusion
        return start

    def run_after(i: int) -> int:
        stop = i + 1
        while stop < len(out) and _plain(out[stop]):
            stop += 1
        return stop

    i = 0
    while i < len(out):
        if out[i] != OR:
            i += 1
            continue
        start, stop = run_before(i), run_after(i)
        left, right = out[start:i], out[i + 1 : stop]
        after_phrase = not left and i > 0 and out[i - 1].startswith('"')
        if len(right) >= 2 and (len(left) >= 2 or after_phrase):
            whole = [f'"{" ".join(left)}"'] if left else []
            out[start:stop] = [*whole, OR, f'"{" ".join(right)}"']
            i = start + len(whole) + 1
        else:
            i += 1
    return out


def parse_query(raw: str | None) -> ParsedQuery:
    text = unicodedata.normalize("NFC", raw or "")
    text = "".join(ch if ch.isprintable() else " " for ch in text)
    text = re.sub(r"\s+", " ", text).strip()
    if not text:
        return ParsedQuery("", _("Type a word or phrase to search for."))
    if len(text) > MAX_QUERY_LENGTH:
        return ParsedQuery(
            text[:MAX_QUERY_LENGTH],
            _("The query is too long (%(n)s characters; at most %(most)s).")
            % {"n": len(text), "most": MAX_QUERY_LENGTH},
        )
    if not any(ch.isalnum() for ch in text):
        return ParsedQuery(text, _("The query has no letters or digits to search for."))

    clauses: list[list[Unit]] = []
    excluded: list[Unit] = []
    runs: list[tuple[str, ...]] = []
    run: list[str] = []
    pending_or = False
    last_positive = False  # OR joins two wanted words, not an exclusion and a word
    excluding: list[str] | None = None  # words of an unquoted exclusion being collected

    def end_run():
        if len(run) > 1:
            runs.append(tuple(run))
        run.clear()

    def end_exclusion():
        nonlocal excluding
        if excluding:
            excluded.append(Unit(tuple(excluding), phrase=len(excluding) > 1))
        excluding = None

    def add(unit: Unit):
        nonlocal pending_or
        if pending_or and clauses:
            clauses[-1].append(unit)
        else:
            clauses.append([unit])
        pending_or = False

    for token in _names_around_or(TOKEN.findall(text)):
        if token == OR:
            end_exclusion()
            end_run()
            pending_or = last_positive
            continue
        if token.startswith('-"') or token.startswith('"'):
            end_exclusion()
            end_run()
            words = _words(token)
            if not words:
                continue
            if token.startswith("-"):
                excluded.append(Unit(words, phrase=True))
                last_positive = pending_or = False
            else:
                add(Unit(words, phrase=True))
                last_positive = True
            continue
        if token.startswith("-") and len(token) > 1:
            end_exclusion()
            end_run()
            excluding = list(_words(token))
            last_positive = pending_or = False
            continue
        words = _words(token)
        if excluding is not None:
            excluding.extend(words)
            continue
        inner = RAW.search(token)
        if inner and len(words) > 1:
            end_run()
            add(Unit(words, phrase=True, raw=inner.group()))
            last_positive = True
            continue
        prefix = token.endswith(PREFIX) and bool(words) and token.rstrip(PREFIX).endswith(words[-1])
        for word in words:
            last = prefix and word is words[-1]
            add(Unit((word,), prefix=last))
            run.append(word + PREFIX if last else word)
            last_positive = True
        if prefix:
            end_run()
    end_exclusion()
    end_run()

    total = sum(len(u.words) for c in clauses for u in c) + sum(len(u.words) for u in excluded)
    if total > MAX_WORDS:
        return ParsedQuery(
            text,
            _("The query has too many words (%(n)s; at most %(most)s).")
            % {"n": total, "most": MAX_WORDS},
        )
    if not clauses and excluded:
        return ParsedQuery(
            text, _("Add a word or phrase to search for: a query cannot only leave things out.")
        )
    if not clauses:
        return ParsedQuery(text, _("The query has no words to search for."))
    return ParsedQuery(
        text,
        clauses=tuple(tuple(c) for c in clauses),
        excluded=tuple(excluded),
        runs=tuple(runs),
    )
