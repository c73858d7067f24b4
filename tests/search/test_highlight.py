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
