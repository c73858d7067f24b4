"""Property-based tests: arbitrary Unicode, control characters and huge inputs never raise
anything but the documented ExtractError, and the query parser never raises at all."""

import contextlib
import time

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from archive.ingest.dates import find_date, is_date_line
from archive.ingest.extract import ExtractError, extract_text
from archive.ingest.formats.text import decode_text
from search.parser import MAX_QUERY_LENGTH, parse_query
from tests.conftest import SEED_000

# Any code point, surrogates included, with extra weight on the characters captures contain.
ANY_TEXT = st.text(st.characters(codec=None, exclude_categories=()), max_size=2000)
CAPTURE_PIECES = st.sampled_from(
    ["\n", "\n\n", "\r\n", "\t", "\x00", "\x0b", "\u200b", "\ufeff", "\u0301", "Đ", "đ",
     "Ngày 29/10/2024", "24/11/2024 10:30", "Tag:", "Sign In", "Gửi cho bạn bè", "Thứ trưởng ",
     "Bộ Công an", "tội phạm công nghệ cao. ", "“", "”", "<script>", '"', "-", "OR"]
)  # fmt: skip
CAPTURE_TEXT = st.lists(st.one_of(CAPTURE_PIECES, ANY_TEXT), max_size=60).map("".join)
SEED = SEED_000.read_text()
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(st.one_of(ANY_TEXT, CAPTURE_TEXT, st.none()))
@example("\x00" * 10_000)
@example("a" * 1_000_000)
@example('"' * 5000 + "-" * 5000)
def test_parse_query_never_raises(raw):
    parsed = parse_query(raw)
    assert parsed.ok or parsed.error
    assert len(parsed.text) <= MAX_QUERY_LENGTH
    assert all(ch.isprintable() for ch in parsed.text)


@FAST
@given(st.one_of(ANY_TEXT, CAPTURE_TEXT))
@example("")
@example("\x00binary")
@example("x\n" * 200_000)
def test_extract_text_raises_only_extract_error(text):
    try:
        result = extract_text(text)
    except ExtractError as exc:
        assert str(exc)
    else:
        assert result.title and result.lede  # a one-paragraph article has a lede, no body


@FAST
@given(CAPTURE_TEXT, CAPTURE_TEXT)
def test_extracting_a_damaged_seed_raises_only_extract_error(before, after):
    cut = len(before) % len(SEED)
    text = SEED[:cut] + before + SEED[cut:] + after
    with contextlib.suppress(ExtractError):
        extract_text(text)


@FAST
@given(st.binary(max_size=4000))
@example(b"\xff\xfe" + "x".encode("utf-16-le"))
def test_decode_refuses_bad_bytes_only_with_extract_error(raw):
    try:
        text = decode_text(raw)
    except ExtractError:
        return
    assert isinstance(text, str)


@FAST
@given(st.one_of(ANY_TEXT, CAPTURE_TEXT))
@example("99/99/2024 31/02/2023 2024-13-45")
def test_dates_never_raise(text):
    found = find_date(text)
    assert found is None or 1900 <= found.day.year <= 2099
    assert isinstance(is_date_line(text), bool)


@pytest.mark.parametrize("size", [1_000_000])
def test_huge_captures_are_handled_in_bounded_time(size):
    text = SEED + ("Bộ Công an hợp tác quốc tế. " * (size // 30))
    started = time.monotonic()
    extract_text(text)
    assert time.monotonic() - started < 20
