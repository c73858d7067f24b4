"""The one place that turns a query and filters into a ranked QuerySet of articles."""

from dataclasses import dataclass
from datetime import date

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db.models import F, FloatField, QuerySet, TextField, Value
from django.db.models.functions import Coalesce, Concat

from archive.models import Article
from search.highlight import SNIPPET_OPTIONS
from search.parser import ParsedQuery
from search.vector import CONFIG

# ts_rank weights for D, C, B, A: body (C) < lede (B) < title (A).
RANK_WEIGHTS = [0.05, 0.2, 0.5, 1.0]
SORTS = ("relevance", "newest", "oldest")


@dataclass(frozen=True)
class Filters:
    published_after: date | None = None
    published_before: date | None = None
    source: str | None = None  # source slug
    language: str | None = None
    organisation: str | None = None  # organisation slug
    person: str | None = None
    event: str | None = None
    country: str | None = None  # ISO code


def tsquery(parsed: ParsedQuery) -> SearchQuery:
    return SearchQuery(parsed.text, search_type="websearch", config=CONFIG)


def articles_filtered(qs: QuerySet, filters: Filters) -> QuerySet:
    qs = qs.published_between(filters.published_after, filters.published_before)
    if filters.source:
        qs = qs.filter(source__slug=filters.source)
    if filters.language:
        qs = qs.filter(language=filters.language)
    if filters.organisation:
        qs = qs.filter(organisation_mentions__organisation__slug=filters.organisation)
    if filters.person:
        qs = qs.filter(person_mentions__person__slug=filters.person)
    if filters.event:
        qs = qs.filter(event_mentions__event__slug=filters.event)
    if filters.country:
        qs = qs.filter(country_mentions__country__code=filters.country.upper())
    return qs


def article_search(
    parsed: ParsedQuery, *, filters: Filters | None = None, sort: str = "relevance"
) -> QuerySet:
    """Articles matching `parsed`, with `rank`, in the order asked for (ties broken by id)."""
    query = tsquery(parsed)
    rank = SearchRank(F("search_vector"), query, weights=RANK_WEIGHTS, cover_density=True)
    qs = (
        articles_filtered(Article.objects.all(), filters or Filters())
        .filter(search_vector=query)
        .select_related("source")
        .annotate(rank=Coalesce(rank, Value(0.0), output_field=FloatField()))
    )
    if sort == "newest":
        return qs.order_by(F("published_on").desc(nulls_last=True), "-id")
    if sort == "oldest":
        return qs.order_by(F("published_on").asc(nulls_last=True), "id")
    return qs.order_by("-rank", F("published_on").desc(nulls_last=True), "-id")


def with_snippets(qs: QuerySet, parsed: ParsedQuery) -> QuerySet:
    """Add `snippet_raw` (sentinel-marked, unescaped): apply to the shown page only."""
    return qs.annotate(
        snippet_raw=SearchHeadline(
            Concat("lede", Value("\n"), "body", output_field=TextField()),
            tsquery(parsed),
            config=CONFIG,
            **SNIPPET_OPTIONS,
        )
    )
