"""HTML-safe highlights: ts_headline marks matches with private sentinels, we escape the
text, then turn only the sentinels into <mark>. Markup in a capture stays text."""

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from archive.text import fold
from search.parser import WORD, parse_query

START, STOP = "\ue000", "\ue001"  # Unicode private-use characters: never in real text
LT, GT = "\ue002", "\ue003"  # stand for < and > inside ts_headline (see query.with_snippets)
# Keyword arguments of django.contrib.postgres.search.SearchHeadline.
SNIPPET_OPTIONS = {
    "start_sel": START,
    "stop_sel": STOP,
    "max_fragments": 3,
    "max_words": 30,
    "min_words": 12,
    "fragment_delimiter": " … ",
}


def marked(text: str | None) -> SafeString:
    """Escape `text`, then replace our sentinels (and only them) with <mark> tags."""
    clean = (text or "").replace("<mark>", "").replace("</mark>", "")
    escaped = str(escape(clean))
    opened = escaped.count(START)
    html = escaped.replace(START, "<mark>").replace(STOP, "</mark>")
    if opened != escaped.count(STOP):  # a sentinel typed by someone: drop all marks
        html = str(escape(clean.replace(START, "").replace(STOP, "")))
    return mark_safe(html)  # noqa: S308 - built from escaped text plus our own tags


Phrase = tuple[tuple[str, ...], bool]  # folded words, the last one a prefix or not


def _folded(unit) -> Phrase:
    return tuple(fold(w) for w in unit.words), unit.prefix


def _terms(parsed) -> tuple[list[Phrase], list[Phrase], list[Phrase]]:
    """Folded single words to mark wherever they stand, phrases to mark only whole, and the
    runs of words typed together ("cong nghe cao"), marked whole where they stand together."""
    singles, phrases = [], []
    for unit in parsed.positive_units:
        (phrases if unit.phrase and len(unit.words) > 1 else singles).append(_folded(unit))
    return singles, phrases, [_folded(run) for run in parsed.run_units]


def _at(keys: list[str], i: int, phrase: Phrase) -> bool:
    words, prefix = phrase
    if i + len(words) > len(keys):
        return False
    *whole, last = words
    return keys[i : i + len(whole)] == list(whole) and (
        keys[i + len(whole)].startswith(last) if prefix else keys[i + len(whole)] == last
    )


def mark_text(text: str | None, parsed) -> str:
    """`text` with the query's words and phrases between sentinels (accent-insensitively).

    A quoted phrase is marked only where its words stand together, as one mark. Words typed
    together are marked (each its own mark) where they stand together ("cong nghe cao" marks
    "công nghệ cao", not a stray "công"), unless they never stand together in `text`: then
    each is marked wherever it stands."""
    text = (text or "").replace(START, "").replace(STOP, "").replace(LT, "<").replace(GT, ">")
    if parsed is None or not parsed.ok:
        return text
    singles, phrases, runs = _terms(parsed)
    words = [(m.start(), m.end(), fold(m.group())) for m in WORD.finditer(text)]
    keys = [key for _, _, key in words]
    spans = []
    together = set()
    for phrase in phrases + runs:
        n, run = len(phrase[0]), phrase in runs
        for i in (i for i in range(len(words) - n + 1) if _at(keys, i, phrase)):
            if run:  # each word its own mark; its words are marked nowhere else
                spans += [(start, end) for start, end, _ in words[i : i + n]]
                together.update(phrase[0][:-1])
                together.add(phrase[0][-1] + ("*" if phrase[1] else ""))
            else:
                spans.append((words[i][0], words[i + n - 1][1]))
    for single in singles:
        key = single[0][0] + ("*" if single[1] else "")
        if key in together:
            continue
        spans += [(w[0], w[1]) for i, w in enumerate(words) if _at(keys, i, single)]
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    out, last = [], 0
    for start, end in merged:
        out += [text[last:start], START, text[start:end], STOP]
        last = end
    out.append(text[last:])
    return "".join(out)


def highlighted(text: str | None, parsed) -> SafeString:
    """Escaped `text` with the query's matches in <mark>."""
    return marked(mark_text(text, parsed))


def snippet_html(headline: str | None, parsed) -> SafeString:
    """A ts_headline fragment re-marked by our own rules (phrases whole), escaped."""
    return highlighted(headline, parsed)


def plain(text: str | None) -> str:
    """A headline as plain text: our sentinels removed (for feeds and exports, which escape)."""
    return (text or "").replace(START, "").replace(STOP, "").replace(LT, "<").replace(GT, ">")


def query_to_highlight(q: str | None):
    """The parsed query whose matches an article page marks (?q=...), or None."""
    parsed = parse_query(q) if q else None
    return parsed if parsed is not None and parsed.ok else None
