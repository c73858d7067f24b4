"""The search page's date histogram: the current matches per year (or month), each bar a link
that narrows the search to its period. Counted by archive.charts in one GROUP BY over the
matches, and only when they were counted exactly (up to estimate.EXACT_UP_TO): above that the
archive-wide count it would take is what the estimate avoids."""

from archive.charts import svg
from archive.charts.timeline import date_histogram
from search.query import article_matches


def search_histogram(outcome, link) -> dict | None:
    """{"timeline", "chart"} for the template, or None when the total is an estimate.
    `link(**params)` is the page's query string with those parameters changed."""
    if outcome.estimated or not outcome.total:
        return None
    matches = article_matches(outcome.parsed, filters=outcome.filters, entities=outcome.entities)
    timeline = date_histogram(matches)
    if not timeline.bars:
        return None

    def href(bar) -> str:
        return link(
            published_after=bar.first_day.isoformat(), published_before=bar.last_day.isoformat()
        )

    return {"timeline": timeline, "chart": svg.timeline_chart(timeline, href, with_events=False)}
