"""GET /api/v1/search: ranked articles with safe highlighted snippets."""

from datetime import date

from django.utils import translation
from ninja import Field, Query, Router, Schema, Status

from archive.api.pagination import PageParams, page_of
from archive.api.records import IsoDate
from archive.api.schemas import ErrorOut, SourceRef
from archive.api.serializers import article_item
from search.parser import MAX_QUERY_LENGTH, parse_query
from search.query import Filters
from search.service import search_run
from search.suggest import suggestions

router = Router(tags=["search"])


class SearchParams(PageParams):
    q: str = Field(
        ...,
        description='Web-search syntax: words, "quoted phrases", OR, -exclusion, '
        '-"excluded phrase". Diacritics are optional. See /search/help/.',
        examples=["toi pham cong nghe cao"],
    )
    sort: str = Field(
        "relevance",
        pattern="^(relevance|newest|oldest)$",
        description="relevance, newest or oldest (undated articles last)",
        examples=["relevance"],
    )
    published_after: IsoDate | None = Field(
        None, description="Published on or after (YYYY-MM-DD)", examples=["2024-01-01"]
    )
    published_before: IsoDate | None = Field(
        None, description="Published on or before (YYYY-MM-DD)", examples=["2025-12-31"]
    )
    source: str | None = Field(None, description="Source slug", examples=["bao-cand"])
    language: str | None = Field(None, description="Language code", examples=["vi"])
    organisation: str | None = Field(None, description="Organisation slug", examples=["c50"])
    person: str | None = Field(None, description="Person slug")
    event: str | None = Field(None, description="Event slug")
    country: str | None = Field(None, description="ISO 3166 code", examples=["VN"])


class SearchItem(Schema):
    id: int = Field(description="Article id", examples=[2])
    slug: str = Field(description="Article slug, stable", examples=["bo-truong-bo-cong-an"])
    title: str = Field(description="Headline as published")
    url: str = Field(description="The article's page")
    source: SourceRef | None = Field(description="The publisher, when known")
    published_on: date | None = Field(description="Publication date; null when unknown")
    language: str = Field(description="Language code", examples=["vi"])
    snippet: str = Field(description="HTML: escaped text, matches in <mark>")
    score: float = Field(description="Relevance score (higher is better)")


class FacetOut(Schema):
    value: str = Field(description="The filter value to pass back (for year: the year)")
    label: str = Field(description="What to show for the value")
    count: int = Field(description="Matching articles with this value")
    selected: bool = Field(description="Whether this value is a current filter")


class EntityOut(Schema):
    kind: str = Field(description="organisation, person or event: also the filter's name")
    slug: str = Field(description="Pass as the filter named by `kind`")
    name: str = Field(description="Name in its original language")
    url: str = Field(description="The record's page")
    score: float = Field(description="Name similarity, 0 to 1")


class SearchPage(Schema):
    count: int = Field(
        description="Matching articles: exact up to 10,000, else an estimate from a sample "
        "of the archive (see `count_is_estimate`)",
        examples=[42],
    )
    count_is_estimate: bool = Field(
        description="Whether `count` and the facet counts are estimated", examples=[False]
    )
    ranked: int | None = Field(
        description="Relevance order covers only this many matches (a query matching more "
        "than 1,000 articles): the best by title and lede of every match, and the newest when "
        "those cannot be proven to hold the top (`exact_top`); null when every match is "
        "ranked or sorted by date. The pages hold these only: add words or filters to reach "
        "the others.",
        examples=[None],
    )
    exact_top: int | None = Field(
        description="With `ranked`: the first this many results are where ranking every "
        "match would put them (no unranked match can score above them: a bound on the score, "
        "from the best articles by title and lede). Null when every match is ranked.",
        examples=[None],
    )
    next: str | None = Field(description="URL of the next page, or null")
    previous: str | None = Field(description="URL of the previous page, or null")
    elapsed_ms: float = Field(description="Time the search took, in milliseconds")
    items: list[SearchItem] = Field(description="This page of results, best first")
    facets: dict[str, list[FacetOut]] = Field(
        description="Counts per filter value (each facet ignores its own filter)"
    )
    entities: list[EntityOut] = Field(description="Records the query names (trigram match)")


class SuggestParams(Schema):
    q: str = Field(
        ...,
        max_length=MAX_QUERY_LENGTH,
        description="What has been typed so far; the last word is a prefix",
        examples=["toi pham cong ng"],
    )


class Suggestions(Schema):
    completions: list[str] = Field(description="Article titles matching, last word as a prefix")
    entities: list[EntityOut] = Field(description="Records whose names match")


def _entity(request, match) -> dict:
    return {
        "kind": match.kind,
        "slug": match.slug,
        "name": match.name,
        "url": request.build_absolute_uri(match.url),
        "score": match.score,
    }


@router.get(
    "/search",
    response={200: SearchPage, 400: ErrorOut, 422: ErrorOut},
    summary="Full-text search, accent-insensitive, ranked, with facets",
    description="Web-search syntax (words, quoted phrases, OR, -exclusion); diacritics "
    "optional, exact diacritics rank first. Returns ranked items with safe HTML snippets, "
    "facet counts for every filter and the entities the query names.",
)
def search(request, params: Query[SearchParams]):
    filters = Filters(**{name: getattr(params, name) for name in Filters.__dataclass_fields__})
    outcome = search_run(params.q, filters=filters, sort=params.sort)
    if outcome.error:
        # Messages beside codes that programs read stay in English, whatever the language.
        with translation.override("en"):
            message = parse_query(params.q).error
        return Status(400, {"code": "bad_query", "message": message})

    def item(request, article) -> dict:
        return {
            **article_item(request, article),
            "snippet": str(article.snippet),
            "score": round(article.rank, 6),
        }

    page = page_of(request, outcome.sliceable(), params, item)
    return {
        **page,
        "count": outcome.total,
        "count_is_estimate": outcome.estimated or outcome.facets_estimated,
        "ranked": outcome.ranked,
        "exact_top": outcome.exact_top,
        "elapsed_ms": round(outcome.elapsed_ms, 1),
        "facets": {name: [vars(v) for v in values] for name, values in outcome.facets.items()},
        "entities": [_entity(request, e) for e in outcome.entities],
    }


@router.get(
    "/search/suggest",
    response={200: Suggestions, 400: ErrorOut, 422: ErrorOut},
    summary="While typing: titles with the last word as a prefix, and entities by name",
    description="For search boxes: article titles that match with the last word as a "
    "prefix, and organisations, people and events whose names are close (trigram, "
    "accent-insensitive).",
)
def suggest(request, params: Query[SuggestParams]):
    found = suggestions(params.q)
    if found is None:
        return Status(400, {"code": "bad_query", "message": "Type a few letters to search for."})
    titles, entities = found
    return {"completions": titles, "entities": [_entity(request, e) for e in entities]}
