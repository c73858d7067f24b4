"""Bounded work for huge result sets: exact counts up to a cap, estimates from a sample above it.

A query for "công an" matches nearly every article. Counting, faceting and ranking all of them
costs time in proportion to the archive, so above `EXACT_UP_TO` matches the count and the facets
are estimated from a fixed-size random sample of the archive (PostgreSQL's TABLESAMPLE SYSTEM,
repeatable, so paging through one search shows the same figures), and shown as estimates.
"""

from dataclasses import dataclass

from django.db import connection
from django.db.models import QuerySet

from archive.models import Article
from archive.site.routers import reading

EXACT_UP_TO = 10_000  # counts and facets are exact up to this many matches
# Counting stops at EXACT_UP_TO + 1 rows, but reading them still costs (90 ms for "công an" at
# 100,000 articles). When PostgreSQL's own estimate of the matches (from the column statistics
# ANALYZE keeps of the most common words) is this many times the cap, the count is skipped, and
# the sample decides: below twice the cap, it is counted after all. (Counting 10,001 of 22,000
# matches took 240 ms at 1,000,000 articles.)
SKIP_COUNT_AT = 1.5
SAMPLE_ROWS = 3_000  # articles read to estimate above it (README, Performance)
SAMPLE_SEED = 42  # REPEATABLE: the same sample for the same archive


@dataclass(frozen=True)
class Sample:
    percent: float  # of the archive's rows read
    archive_rows: float = 0.0  # the planner's count of articles it was drawn from

    @property
    def scale(self) -> float:
        return 100.0 / self.percent


def count_capped(qs: QuerySet, cap: int | None = None) -> int | None:
    """The exact number of rows when at most `cap` (EXACT_UP_TO), else None; never reads more
    than cap + 1."""
    cap = EXACT_UP_TO if cap is None else cap
    found = qs.order_by().values("pk")[: cap + 1].count()
    return found if found <= cap else None


def planner_rows(qs: QuerySet) -> float:
    """PostgreSQL's estimate of the rows `qs` gives: a plan, no execution (about 1 ms)."""
    sql, params = qs.order_by().values("pk").query.sql_with_params()
    with reading().cursor() as cursor:  # a replica when the request reads from one
        cursor.execute("EXPLAIN (FORMAT JSON) " + sql, params)
        plan = cursor.fetchone()[0]
    return float(plan[0]["Plan"]["Plan Rows"])


def clearly_over_cap(qs: QuerySet) -> bool:
    """Whether the planner expects SKIP_COUNT_AT times more matches than the cap."""
    return planner_rows(qs) > SKIP_COUNT_AT * EXACT_UP_TO


def count_unless_far_over(qs: QuerySet, *, sampled_total: float | None = None) -> int | None:
    """The exact number of rows up to the cap, else None: not counted at all when PostgreSQL
    expects far more and the sample's scaled count, when there is one, agrees (twice the cap)."""
    if clearly_over_cap(qs) and (sampled_total is None or sampled_total >= 2 * EXACT_UP_TO):
        return None
    return count_capped(qs)


def archive_rows() -> float:
    """The planner's count of articles (kept by ANALYZE and VACUUM), without counting."""
    with reading().cursor() as cursor:  # a replica when the request reads from one
        cursor.execute(
            "SELECT reltuples FROM pg_class WHERE oid = %s::regclass", [Article._meta.db_table]
        )
        rows = cursor.fetchone()[0]
    if rows <= 0:  # never analysed: count (only a fresh, small archive gets here)
        rows = Article.objects.count()
    return rows


def archive_sample() -> Sample:
    """A sample of about SAMPLE_ROWS articles, as a percentage of the planner's row count."""
    rows = archive_rows()
    return Sample(percent=min(100.0, 100.0 * SAMPLE_ROWS / max(rows, 1)), archive_rows=rows)


def sampled(sql: str, params: list, sample: Sample) -> tuple[str, list]:
    """The compiled query `sql` reading the articles table through TABLESAMPLE.

    The outermost FROM of the articles table is the one sampled (subqueries, such as the
    entity union, keep reading every row)."""
    table = f"FROM {connection.ops.quote_name(Article._meta.db_table)}"
    at = _outermost(sql, table)
    at += len(table)
    before = sql[:at].count("%s")
    clause = " TABLESAMPLE SYSTEM (%s) REPEATABLE (%s)"
    return (
        sql[:at] + clause + sql[at:],
        [*params[:before], sample.percent, SAMPLE_SEED, *params[before:]],
    )


def _outermost(sql: str, needle: str) -> int:
    start = 0
    while (at := sql.find(needle, start)) >= 0:
        after = sql[at + len(needle) : at + len(needle) + 1]
        if sql[:at].count("(") == sql[:at].count(")") and after in ("", " "):
            return at
        start = at + 1
    raise ValueError(f"no top-level {needle!r} in the query")
