"""The search page's date histogram: matches per year, each bar a link that narrows the search
to its year.

The years come from the year facet the search has already counted (exact, or estimated from a
sample for broad queries; the 12 newest years with matches), so the histogram costs no query:
the search page's query count is pinned (tests/search/test_surfaces.py)."""

from archive.charts import svg
from archive.charts.timeline import Bar, Timeline


def search_histogram(outcome, link) -> dict | None:
    """{"timeline", "chart", "estimated"} for the template, or None without dated matches.
    `link(**params)` is the page's query string with those parameters changed."""
    counts = {int(v.value): v.count for v in outcome.facets.get("year", [])}
    if not counts:
        return None
    bars = [Bar(year=y, articles=counts.get(y, 0)) for y in range(min(counts), max(counts) + 1)]
    timeline = Timeline("year", bars)

    def href(bar) -> str:
        return link(
            published_after=bar.first_day.isoformat(), published_before=bar.last_day.isoformat()
        )

    return {
        "timeline": timeline,
        "chart": svg.timeline_chart(timeline, href, with_events=False),
        "estimated": outcome.facets_estimated,
    }
