"""The ingest's fast paths give what their plain definitions give, on random input.

Name matching runs on Aho-Corasick automata, word counting on one regular expression, folding
on a list-indexed table, language on letter and function-word shortcuts; each is checked
against the slower definition it replaced.
"""

import random
import re
import unicodedata

import pytest

from archive.ingest.entities import _automaton, _matches
from archive.ingest.extract import words
from archive.ingest.language import detect_language
from archive.text import _fold_slow, fold

ALPHABET = "ab cđ&_-.Ô1ứ\u00a0"


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
