"""Highlights are escaped text plus our own <mark> tags, nothing else."""

from search.highlight import START, STOP, marked


def test_markup_in_text_is_escaped():
    html = marked(f'<script>alert(1)</script> {START}tội{STOP} <img src=x onerror="x()">')
    assert html == (
        "&lt;script&gt;alert(1)&lt;/script&gt; <mark>tội</mark> "
        "&lt;img src=x onerror=&quot;x()&quot;&gt;"
    )


def test_unbalanced_sentinels_drop_all_marks():
    assert marked(f"a {START}b") == "a b"


def test_literal_mark_tags_in_text_do_not_survive():
    assert "<mark>" not in marked("<mark>x</mark>")


def test_phrase_is_marked_whole_and_only_where_it_stands_together():
    from search.highlight import highlighted
    from search.parser import parse_query

    text = "An ninh mạng và an toàn, ninh bình mạng. Rồi an ninh mạng."
    html = highlighted(text, parse_query('"an ninh mang"'))
    assert html == (
        "<mark>An ninh mạng</mark> và an toàn, ninh bình mạng. Rồi <mark>an ninh mạng</mark>."
    )


def test_unquoted_words_are_marked_wherever_they_stand_accent_insensitively():
    from search.highlight import highlighted
    from search.parser import parse_query

    html = highlighted("Đại tướng Lương Tam Quang", parse_query("dai TUONG"))
    assert html == "<mark>Đại</mark> <mark>tướng</mark> Lương Tam Quang"


def test_excluded_words_are_not_marked():
    from search.highlight import highlighted
    from search.parser import parse_query

    assert highlighted("cảnh sát ma túy", parse_query("cảnh sát -ma túy")) == (
        "<mark>cảnh</mark> <mark>sát</mark> ma túy"
    )


def test_marking_escapes_markup_in_the_text_and_in_the_query():
    from search.highlight import highlighted
    from search.parser import parse_query

    html = highlighted('<img src=x onerror="x()"> script', parse_query("<script> onerror"))
    assert html == "&lt;img src=x <mark>onerror</mark>=&quot;x()&quot;&gt; <mark>script</mark>"
