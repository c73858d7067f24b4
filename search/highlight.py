"""HTML-safe highlights: ts_headline marks matches with private sentinels, we escape the
text, then turn only the sentinels into <mark>. Markup in a capture stays text."""

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

START, STOP = "\ue000", "\ue001"  # Unicode private-use characters: never in real text
# Keyword arguments of django.contrib.postgres.search.SearchHeadline.
SNIPPET_OPTIONS = {
    "start_sel": START,
    "stop_sel": STOP,
    "max_fragments": 3,
    "max_words": 30,
    "min_words": 12,
    "fragment_delimiter": " … ",
}
FULL_OPTIONS = {"start_sel": START, "stop_sel": STOP, "highlight_all": True}


def marked(text: str | None) -> SafeString:
    """Escape `text`, then replace our sentinels (and only them) with <mark> tags."""
    clean = (text or "").replace("<mark>", "").replace("</mark>", "")
    escaped = str(escape(clean))
    opened = escaped.count(START)
    html = escaped.replace(START, "<mark>").replace(STOP, "</mark>")
    if opened != escaped.count(STOP):  # a sentinel typed by someone: drop all marks
        html = str(escape(clean.replace(START, "").replace(STOP, "")))
    return mark_safe(html)  # noqa: S308 - built from escaped text plus our own tags
