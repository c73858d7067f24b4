"""The query parser: pure, no database."""

import unicodedata

import pytest
from django.utils import translation

from archive.text import fold
from search.parser import MAX_QUERY_LENGTH, Unit, parse_query, tone_variants


def words(units) -> list[str]:
    return [u.text for u in units]


def test_words_are_clauses_and_a_run():
    parsed = parse_query("an ninh mạng")
    assert [words(c) for c in parsed.clauses] == [["an"], ["ninh"], ["mạng"]]
    assert parsed.runs == (("an", "ninh", "mạng"),)
    assert parsed.excluded == ()


def test_quoted_phrase_is_one_unit():
    parsed = parse_query('"an ninh mạng" Singapore')
    assert parsed.clauses[0] == (Unit(("an", "ninh", "mạng"), phrase=True),)
    assert words(parsed.clauses[1]) == ["Singapore"]


def test_unclosed_quote_runs_to_the_end():
    assert parse_query('"hop tac').clauses == ((Unit(("hop", "tac"), phrase=True),),)


def test_minus_before_unquoted_syllables_excludes_them_as_one_phrase():
    parsed = parse_query("cảnh sát -ma túy")
    assert parsed.excluded == (Unit(("ma", "túy"), phrase=True),)
    assert words(parsed.positive_units) == ["cảnh", "sát"]


def test_exclusion_stops_at_the_next_operator():
    parsed = parse_query('-ma túy "hợp tác" -london')
    assert parsed.excluded == (Unit(("ma", "túy"), phrase=True), Unit(("london",)))
    assert words(parsed.positive_units) == ["hợp tác"]


def test_quoted_exclusion():
    assert parse_query('x -"ma túy"').excluded == (Unit(("ma", "túy"), phrase=True),)


def test_or_binds_the_neighbouring_words():
    parsed = parse_query("police Europol OR Interpol")
    assert [words(c) for c in parsed.clauses] == [["police"], ["Europol", "Interpol"]]


def test_or_after_an_exclusion_does_not_join_it():
    parsed = parse_query("a -b OR c")
    assert [words(c) for c in parsed.clauses] == [["a"], ["c"]]
    assert words(parsed.excluded) == ["b"]


def test_lower_case_or_is_a_word():
    assert words(parse_query("this or that").positive_units) == ["this", "or", "that"]


def test_nfd_input_becomes_nfc():
    nfd = unicodedata.normalize("NFD", "tội phạm")
    assert parse_query(nfd) == parse_query("tội phạm")


def test_diacritics_are_detected():
    assert parse_query("mã độc").has_diacritics
    assert parse_query("Đ").has_diacritics
    assert not parse_query("ma doc").has_diacritics


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("", "Type a word"),
        ("   \t ", "Type a word"),
        ("!!! ???", "no letters or digits"),
        ("x" * (MAX_QUERY_LENGTH + 1), "too long"),
        ("\x00\x01", "Type a word"),
        ("-london", "only leave things out"),
        ('-"ma túy"', "only leave things out"),
        ("OR", "no words"),
        (" ".join(["từ"] * 40), "too many words"),
    ],
)
def test_bad_queries_get_a_clear_message(query, message):
    with translation.override("en"):
        parsed = parse_query(query)
    assert not parsed.ok
    assert message in parsed.error


def test_the_messages_speak_the_readers_language():
    with translation.override("vi"):
        assert parse_query("").error == "Hãy nhập một từ hoặc cụm từ cần tìm."
        assert "tối đa 32" in parse_query(" ".join(["từ"] * 40)).error
    with translation.override("en"):
        assert parse_query("").error == "Type a word or phrase to search for."


@pytest.mark.parametrize(
    "query", ['"', '""', "a OR OR b", "-", "--x y", "' ; DROP TABLE x; --", "&|!():*", "a-b"]
)
def test_odd_queries_never_raise(query):
    parse_query(query)


def test_hyphenated_words_split_like_the_index():
    assert words(parse_query("COVID-19").positive_units) == ["COVID", "19"]


def test_fold_is_what_unaccent_does():
    assert fold("Đại TƯỚNG Lương") == "dai tuong luong"


@pytest.mark.parametrize(
    ("word", "variants"),
    [
        ("hoà", ("hoà", "hòa")),
        ("hòa", ("hòa", "hoà")),
        ("thuỷ", ("thuỷ", "thủy")),
        ("khoẻ", ("khoẻ", "khỏe")),
        ("hoàng", ("hoàng",)),  # closed syllable: one placement only
        ("tội", ("tội",)),
    ],
)
def test_tone_variants(word, variants):
    assert tone_variants(word) == variants
