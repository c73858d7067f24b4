"""The ingest's fast paths give what their plain definitions give, on random input.

Name matching runs on Aho-Corasick automata (one for all kinds), word counting on one regular
expression, folding on a list-indexed table line by line, white space squeezed in one pass,
rank and post patterns tried only where their words start, language on letter and
function-word shortcuts; each is checked against the slower definition it replaced.
"""

import random
import re
import unicodedata
from collections import Counter

import pytest

from archive.entities.discovery import EN_POST_RE, EN_POST_STARTS, VI_RANK_RE, VI_RANK_STARTS
from archive.entities.matching import (
    EntityMatcher,
    Key,
    _automaton,
    _follows_capitalised_word,
    _hits,
    _longest_first,
)
from archive.ingest.extract import words
from archive.ingest.language import _VIETNAMESE_LETTERS, _VIETNAMESE_ONLY, detect_language
from archive.text import _fold_line, _fold_slow, fold, squeeze, squeeze_lines

ALPHABET = "ab cđ&_-.Ô1ứ\u00a0"


def _matches(automaton, text: str) -> list[tuple[int, str]]:
    """What the matcher takes of one automaton's hits: the longest at a position, none inside
    another."""
    return list(_longest_first(_hits(automaton, text), text))


def regex_matches(names: set[str], text: str) -> list[tuple[int, str]]:
    """The definition: every name as one alternation, longest first, bounded by non-words."""
    alternation = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    pattern = re.compile(rf"(?<![\w&])(?:{alternation})(?![\w&])")
    return [(m.start(), m.group(0)) for m in pattern.finditer(text)]


@pytest.mark.parametrize("seed", range(300))
def test_automaton_matches_as_the_regular_expression(seed):
    rng = random.Random(seed)
    names = {"".join(rng.choices(ALPHABET, k=rng.randint(1, 4))).strip() for _ in range(8)}
    names.discard("")
    text = "".join(rng.choices(ALPHABET, k=rng.randint(0, 80)))
    assert list(_matches(_automaton(names), text)) == regex_matches(names, text)


def test_longest_name_at_a_position_and_none_inside_another():
    automaton = _automaton({"bo cong an", "cong an", "an", "bo"})
    found = list(_matches(automaton, "bo cong an, cong an & an; bocong an"))
    assert found == [(0, "bo cong an"), (12, "cong an"), (22, "an"), (33, "an")]


@pytest.mark.parametrize("seed", range(200))
def test_words_counts_tokens_holding_a_letter_or_digit(seed):
    rng = random.Random(seed)
    line = "".join(rng.choices("ab1 _-–.,\u00a0\u3000ờ\t", k=rng.randint(0, 40)))
    assert words(line) == sum(1 for t in line.split() if re.search(r"[^\W_]", t))


def test_fold_table_agrees_with_the_definition_on_every_character():
    for cp in range(0x10000):  # the table's range, as before it was a list
        ch = chr(cp)
        if unicodedata.category(ch) == "Cs":
            continue
        expected = unicodedata.normalize("NFC", _fold_slow(unicodedata.normalize("NFC", ch)))
        assert fold(ch) == expected.casefold(), hex(cp)


ENGLISH = (
    "Police from the two countries said on Monday that they had arrested the leaders of a "
    "network that ran online investment scams from Cambodia, with help from Interpol."
)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (ENGLISH, "en"),
        # A Vietnamese name in English text stays English; English words in Vietnamese stay vi.
        (ENGLISH + " Đại tá Nguyễn Minh Đức.", "en"),
        ("Bộ Công an phối hợp với Interpol và Europol điều tra đường dây lừa đảo online.", "vi"),
        # Other languages go to the detector, whose answer the shortcut must not take over.
        (
            "La police française et le ministère de la Sécurité publique du Vietnam ont signé "
            "un accord pour lutter contre la cybercriminalité et les escroqueries en ligne.",
            "fr",
        ),
        (
            "Die Polizei in Deutschland und das Ministerium für öffentliche Sicherheit haben ein "
            "Abkommen zur Bekämpfung der Cyberkriminalität in der Region unterzeichnet.",
            "de",
        ),
    ],
)
def test_language_shortcuts(text, language):
    assert detect_language(text) == language


def test_one_automaton_for_all_kinds_finds_what_one_per_kind_finds():
    rng = random.Random(7)
    pool = ["Bộ Công an", "Công an", "An", "Ấn Độ", "Bộ Nội vụ Ấn Độ", "Việt Nam", "Nam", "Đức"]
    for _ in range(300):
        names = [
            (rng.choice(pool), Key(rng.choice(["organisation", "country", "event"]), i), False)
            for i in range(rng.randint(1, 6))
        ]
        text = " ".join(rng.choices([*pool, "và", ",", "Ông", "tại"], k=rng.randint(0, 14)))
        expected = sum(
            (EntityMatcher([n for n in names if n[1].kind == kind]).find(text) for kind in KINDS),
            start=Counter(),
        )
        assert EntityMatcher(names).find(text) == expected, (names, text)


KINDS = ("organisation", "country", "event")


def follows_capitalised_word(text: str, start: int) -> bool:
    """The definition, over all the text before the name."""
    before = text[:start].rstrip(" ")
    if len(before) == len(text[:start]):
        return False
    previous = before.split()[-1] if before.split() else ""
    return previous[:1].isupper() and previous.isalpha() and not before.endswith((".", ":"))


@pytest.mark.parametrize("seed", range(40))
def test_the_word_before_a_name_is_read_from_a_window(seed):
    rng = random.Random(seed)
    pieces = ["Ông", "a", " ", "   ", ".", ":", "\n", "\t", "Đức", "Lê" * 150, " " * 230, "1"]
    text = "".join(rng.choices(pieces, k=rng.randint(0, 30)))
    for start in range(len(text) + 1):
        assert _follows_capitalised_word(text, start) == follows_capitalised_word(text, start)


@pytest.mark.parametrize("seed", range(100))
def test_rank_patterns_tried_where_their_words_start_find_what_finditer_finds(seed):
    rng = random.Random(seed)
    pieces = [
        "Phó ", "Đại tướng ", "Thượng tướng", " Lê Quý Vương", ", ", "Deputy Minister ",
        "Minister of ", "Public Security ", "Le Quy Vuong ", "the ", "x", "Phó Phó ",
        "General ", "Secretary-General ", "Nguyễn Văn A", ".", " và ", "GS.TS ", "aĐại tá ",
    ]  # fmt: skip
    text = "".join(rng.choices(pieces, k=rng.randint(0, 25)))
    for pattern, starting in ((VI_RANK_RE, VI_RANK_STARTS), (EN_POST_RE, EN_POST_STARTS)):
        expected = [(m.span(), m.groupdict()) for m in pattern.finditer(text)]
        assert [(m.span(), m.groupdict()) for m in starting.finditer(text)] == expected


@pytest.mark.parametrize("seed", range(200))
def test_fold_line_by_line_is_fold_of_the_whole(seed):
    rng = random.Random(seed)
    # Combining marks at line starts, Đ, ß (casefolds to two letters), final sigma.
    text = "".join(rng.choices(["\n", "\u0301", "e", "Ê", "Đ", "ß", "Σ", "ς", " ", "İ"], k=40))
    assert fold(text) == _fold_line.__wrapped__(text)


SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")


@pytest.mark.parametrize("seed", range(200))
def test_squeezing_only_the_runs_that_change_squeezes_every_run(seed):
    rng = random.Random(seed)
    text = "".join(rng.choices(" \t\u00a0\u2003\u200b\u3000\nab\x1c", k=rng.randint(0, 40)))
    assert squeeze(text) == SPACES.sub(" ", text).strip()
    assert squeeze_lines(text) == [SPACES.sub(" ", line).strip() for line in text.split("\n")]


def test_vietnamese_letters_in_both_cases_are_what_ignorecase_matches():
    ignoring_case = re.compile(f"[{_VIETNAMESE_LETTERS}]", re.IGNORECASE)
    for cp in range(0x10000):
        ch = chr(cp)
        if unicodedata.category(ch) != "Cs":
            assert bool(_VIETNAMESE_ONLY.match(ch)) == bool(ignoring_case.match(ch)), hex(cp)
