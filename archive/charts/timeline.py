"""Articles and events over time: counts per year (or month) aggregated in SQL, as bars.

`timeline_bars(articles, events)` takes any two querysets (the whole archive, one entity's, a
search's matches), so every page draws its timeline from the same two GROUP BY queries.
"""

import calendar
from dataclasses import dataclass, field
from datetime import date

from django.db import connection
from django.db.models import CharField, Count, IntegerField, QuerySet, Value
from django.db.models.functions import ExtractMonth, ExtractYear

from archive.models import Event

# A period this many years long or shorter is drawn month by month.
MONTHS_UP_TO_YEARS = 3


@dataclass
class Bar:
    year: int
    month: int | None = None  # None: the whole year
    articles: int = 0
    events: dict[str, int] = field(default_factory=dict)  # kind -> count

    @property
    def label(self) -> str:
        return f"{self.year}-{self.month:02d}" if self.month else str(self.year)

    @property
    def first_day(self) -> date:
        return date(self.year, self.month or 1, 1)

    @property
    def last_day(self) -> date:
        month = self.month or 12
        return date(self.year, month, calendar.monthrange(self.year, month)[1])

    @property
    def event_total(self) -> int:
        return sum(self.events.values())


@dataclass
class Timeline:
    unit: str  # "year" or "month"
    bars: list[Bar]
    undated_articles: int = 0
    undated_events: int = 0
    kinds: list[tuple[str, str]] = field(default_factory=list)  # kinds present, in Kind order

    @property
    def max_articles(self) -> int:
        return max((b.articles for b in self.bars), default=0)

    @property
    def max_events(self) -> int:
        return max((b.event_total for b in self.bars), default=0)

    def rows(self) -> list[dict]:
        """The table the chart is drawn from (CSV/JSON export, the <details> table)."""
        return [
            {
                "period": bar.label,
                "articles": bar.articles,
                "events": bar.event_total,
                **{kind: bar.events.get(kind, 0) for kind, _ in self.kinds},
            }
            for bar in self.bars
        ]


def choose_unit(first: int | None, last: int | None) -> str:
    if first and last and last - first + 1 <= MONTHS_UP_TO_YEARS:
        return "month"
    return "year"


def _grouped(articles: QuerySet, events: QuerySet | None, unit: str) -> list[tuple]:
    """(source, year, month, kind, n) rows: articles by publication date and events by start
    and kind, in one UNION ALL of two GROUP BYs."""
    monthly = unit == "month"
    a = articles.order_by().annotate(y=ExtractYear("published_on"))
    none = Value(None, output_field=IntegerField())
    a = a.annotate(m=ExtractMonth("published_on")) if monthly else a.annotate(m=none)
    a_sql, a_params = (
        a.annotate(k=Value("", output_field=CharField()))
        .values("y", "m", "k")
        .annotate(n=Count("pk"))
        .values_list("y", "m", "k", "n")
        .query.sql_with_params()
    )
    sql, params = f"SELECT 'a', * FROM ({a_sql}) articles", tuple(a_params)  # noqa: S608
    if events is not None:
        keys = ["start_year", "start_month" if monthly else "ev_none", "kind"]
        e = events.order_by()
        if not monthly:
            e = e.annotate(ev_none=none)
        e_sql, e_params = (
            e.values(*keys).annotate(n=Count("pk", distinct=True)).values_list(*keys, "n")
        ).query.sql_with_params()
        sql += f" UNION ALL SELECT 'e', * FROM ({e_sql}) events"  # noqa: S608
        params += tuple(e_params)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def counts(articles: QuerySet, events: QuerySet | None, unit: str):
    """({(year, month|None): articles}, undated articles, {(year, month|None): {kind: n}},
    undated events); an event whose month is unknown counts in January of a monthly chart
    (its table row says the year)."""
    by_article, by_event = {}, {}
    undated_articles = undated_events = 0
    for source, year, month, kind, n in _grouped(articles, events, unit):
        # EXTRACT answers numeric: back to int.
        year = None if year is None else int(year)
        month = None if month is None else int(month)
        if source == "a":
            if year is None:
                undated_articles += n
            else:
                by_article[(year, month)] = n
            continue
        if year is None:
            undated_events += n
            continue
        month = (month or 1) if unit == "month" else None
        per_kind = by_event.setdefault((year, month), {})
        per_kind[kind] = per_kind.get(kind, 0) + n
    return by_article, undated_articles, by_event, undated_events


def timeline_bars(
    articles: QuerySet,
    events: QuerySet,
    *,
    first: int | None = None,
    last: int | None = None,
    unit: str | None = None,
) -> Timeline:
    """Bars from `first` to `last` (default: the years with data), empty periods included."""
    unit = unit or choose_unit(first, last)
    by_article, undated_articles, by_event, undated_events = counts(articles, events, unit)
    years = [y for y, _ in by_article] + [y for y, _ in by_event]
    low = first or min(years, default=None)
    high = last or max(years, default=None)
    bars = []
    if low and high:
        for year in range(low, high + 1):
            for month in range(1, 13) if unit == "month" else [None]:
                bars.append(
                    Bar(
                        year=year,
                        month=month,
                        articles=by_article.get((year, month), 0),
                        events=by_event.get((year, month), {}),
                    )
                )
    present = {kind for per_kind in by_event.values() for kind in per_kind}
    kinds = [(value, label) for value, label in Event.Kind.choices if value in present]
    return Timeline(unit, bars, undated_articles, undated_events, kinds)
