"""Facet counts for the current result set, all seven and the total in one query.

Each facet counts with every filter applied except its own, so a chosen source still shows how
many results the other sources would give. The text matches are read once (a materialised CTE
with one true/false column per active filter); each facet then counts the rows whose other
filters hold. Above `EXACT_UP_TO` text matches the CTE reads a sample of the archive instead,
and the counts are scaled estimates.
"""

from dataclasses import dataclass, field

from django.db import connection
from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Q
from django.db.models.functions import ExtractYear
from django.utils.translation import get_language

from archive.entities.kinds import KINDS
from archive.models import Article, Source
from archive.site.routers import reading
from search.entities import EntityMatch
from search.estimate import Sample, sampled
from search.parser import ParsedQuery
from search.query import Filters, matching

LIMIT = 12
FACETS = ("year", "source", "language", "organisation", "person", "event", "country")


@dataclass(frozen=True)
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class FacetCounts:
    facets: dict[str, list[FacetValue]] = field(default_factory=dict)
    total: int = 0  # matches with every filter applied
    estimated: bool = False  # counted on a sample and scaled


def _flags(filters: Filters) -> dict:
    """One boolean column per active filter, named after its facet."""
    flags = {}
    if filters.published_after or filters.published_before:
        dated = Q()
        if filters.published_after:
            dated &= Q(published_on__gte=filters.published_after)
        if filters.published_before:
            dated &= Q(published_on__lte=filters.published_before)
        flags["year"] = ExpressionWrapper(dated, output_field=BooleanField())
    if filters.source:
        flags["source"] = Exists(
            Source.objects.filter(pk=OuterRef("source_id"), slug=filters.source)
        )
    if filters.language:
        flags["language"] = ExpressionWrapper(
            Q(language=filters.language), output_field=BooleanField()
        )
    for kind in KINDS:
        value = getattr(filters, kind.name)
        if value:
            lookup = {f"{kind.field}__{kind.key}": kind.key_value(value)}
            flags[kind.name] = Exists(
                kind.mention.objects.filter(article_id=OuterRef("pk"), **lookup)
            )
    return flags


def _table(model) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def _branches() -> list[tuple[str, str]]:
    """(facet, SELECT over `hits` giving value, label, n) for every facet, and the total."""
    country_label = "name_en" if get_language() == "en" else "name_vi"

    # Only table and column names of our models and constants are formatted into this SQL
    # (hence the S608 waivers); every value the person typed is a query parameter.
    def mentions(kind) -> str:
        model, fk, entity, key = kind.mention, f"{kind.field}_id", kind.model, kind.key
        label = country_label if kind.name == "country" else kind.label
        return (
            f"SELECT e.{key}::text, e.{label}::text, c.n FROM (SELECT m.{fk}, count(*) AS n "  # noqa: S608
            # One index probe per hit (OFFSET 0 keeps the planner from turning it into a hash
            # join, which reads the whole mention table: 1.3 million rows at 1M articles).
            f"FROM hits JOIN LATERAL (SELECT m.{fk} FROM {_table(model)} m "
            f"WHERE m.article_id = hits.id OFFSET 0) m ON TRUE WHERE {{where}} "
            # Names are joined to the counts, once an entity: joined to each mention, the
            # planner scanned the entity table once a hit ("Lancaster": 44 -> 9 ms).
            f"GROUP BY m.{fk}) c JOIN {_table(entity)} e "
            f"ON e.{connection.ops.quote_name(entity._meta.pk.column)} = c.{fk} "
            f"ORDER BY 3 DESC, 2 LIMIT {LIMIT}"
        )

    return [
        ("total", "SELECT NULL, NULL, count(*) FROM hits WHERE {where}"),
        (
            "year",
            "SELECT year::text, year::text, count(*) FROM hits WHERE {where} "  # noqa: S608
            f"AND year IS NOT NULL GROUP BY year ORDER BY year DESC LIMIT {LIMIT}",
        ),
        (
            "source",
            f"SELECT s.slug, s.name, count(*) FROM hits JOIN {_table(Source)} s "  # noqa: S608
            f"ON s.id = hits.source_id WHERE {{where}} GROUP BY 1, 2 ORDER BY 3 DESC, 2 "
            f"LIMIT {LIMIT}",
        ),
        (
            "language",
            "SELECT language, language, count(*) FROM hits WHERE {where} "
            "GROUP BY 1, 2 ORDER BY 3 DESC, 1",
        ),
        *((kind.name, mentions(kind)) for kind in KINDS),
    ]


def facet_counts(
    parsed: ParsedQuery,
    filters: Filters,
    entities: list[EntityMatch] = (),
    *,
    sample: Sample | None = None,
) -> FacetCounts:
    """Every facet and the total, exactly, or estimated from `sample` of the archive."""
    flags = _flags(filters)
    hits = (
        Article.objects.filter(matching(parsed, entities, per_row=sample is not None))
        .order_by()
        .values(
            "id",
            "source_id",
            "language",
            year=ExtractYear("published_on"),
            **{f"f_{name}": flag for name, flag in flags.items()},
        )
    )
    sql, params = hits.query.sql_with_params()
    if sample:
        sql, params = sampled(sql, list(params), sample)
    parts = []
    for number, (name, select) in enumerate(_branches()):
        others = [f"hits.f_{f}" for f in flags if f != name]
        where = " AND ".join(others) or "TRUE"
        parts.append(f"(SELECT {number} AS facet, * FROM ({select.format(where=where)}) f)")  # noqa: S608
    query = f"WITH hits AS MATERIALIZED ({sql}) " + " UNION ALL ".join(parts)
    with reading().cursor() as cursor:  # a replica when the request reads from one
        cursor.execute(query, params)
        rows = cursor.fetchall()
    scale = sample.scale if sample else 1.0
    names = ["total", *FACETS]
    counts = FacetCounts(facets={name: [] for name in FACETS}, estimated=sample is not None)
    for number, value, label, n in rows:
        name = names[number]
        if name == "total":
            counts.total = round(n * scale)
        elif value is not None:
            counts.facets[name].append(
                FacetValue(
                    str(value), str(label), round(n * scale), _selected(name, value, filters)
                )
            )
    return counts


def _selected(name: str, value, filters: Filters) -> bool:
    if name == "year":
        after, before = filters.published_after, filters.published_before
        return bool(after and before and after.year == before.year == int(value))
    chosen = getattr(filters, name)
    return chosen is not None and str(chosen).lower() == str(value).lower()
