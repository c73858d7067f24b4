"""The search page's date histogram: matches per year (or month), each bar a link that narrows
the search to its period.

Years come from the year facet the search already counted (exact, or estimated from a sample
for broad queries; the 12 newest years with matches), so the histogram costs no query. When
those years span three years or fewer and the matches are few, one GROUP BY over the matches
(archive.charts) splits them by month."""

from archive.charts import svg
from archive.charts.timeline import Bar, Timeline, choose_unit, date_histogram
from search.query import article_matches

MONTHS_UP_TO = 2_000  # matches counted again by month, at most


def search_histogram(outcome, link) -> dict | None:
    """{"timeline", "chart", "estimated"} for the template, or None without dated matches.
    `link(**params)` is the page's query string with those parameters changed."""
    counts = {int(v.value): v.count for v in outcome.facets.get("year", [])}
    if not counts:
        return None
    low, high = min(counts), max(counts)
    few = not outcome.estimated and outcome.total <= MONTHS_UP_TO
    if choose_unit(low, high) == "month" and few:
        matches = article_matches(
            outcome.parsed, filters=outcome.filters, entities=outcome.entities
        )
        timeline = date_histogram(matches)
    else:
        bars = [Bar(year=year, articles=counts.get(year, 0)) for year in range(low, high + 1)]
        timeline = Timeline("year", bars)

    def href(bar) -> str:
        return link(
            published_after=bar.first_day.isoformat(), published_before=bar.last_day.isoformat()
        )

    return {
        "timeline": timeline,
        "chart": svg.timeline_chart(timeline, href, with_events=False),
        "estimated": outcome.facets_estimated and timeline.unit == "year",
    }
