"""GET /api/v1/search: ranked articles with safe highlighted snippets."""

from datetime import date

from ninja import Field, Query, Router, Schema, Status

from archive.api_pagination import PageParams, page_of
from archive.schemas import ErrorOut, SourceRef
from archive.serializers import article_item
from search.highlight import marked
from search.parser import parse_query
from search.query import Filters, article_search, with_snippets

router = Router(tags=["search"])


class SearchParams(PageParams):
    q: str = Field(
        ...,
        description='Web-search syntax: words, "quoted phrases", OR, -exclusion. '
        "Diacritics are optional.",
        examples=["toi pham cong nghe cao"],
    )
    sort: str = Field("relevance", pattern="^(relevance|newest|oldest)$", examples=["relevance"])
    published_after: date | None = None
    published_before: date | None = None
    source: str | None = Field(None, description="Source slug", examples=["bao-cand"])
    language: str | None = Field(None, examples=["vi"])
    organisation: str | None = Field(None, description="Organisation slug", examples=["c50"])
    person: str | None = Field(None, description="Person slug")
    event: str | None = Field(None, description="Event slug")
    country: str | None = Field(None, description="ISO 3166 code", examples=["VN"])


class SearchItem(Schema):
    id: int
    slug: str
    title: str
    url: str
    source: SourceRef | None
    published_on: date | None
    language: str
    snippet: str = Field(description="HTML: escaped text, matches in <mark>")
    score: float


class SearchPage(Schema):
    count: int
    next: str | None
    previous: str | None
    items: list[SearchItem]


@router.get(
    "/search",
    response={200: SearchPage, 400: ErrorOut},
    summary="Full-text search, accent-insensitive, ranked",
)
def search(request, params: Query[SearchParams]):
    parsed = parse_query(params.q)
    if not parsed.ok:
        return Status(400, {"code": "bad_query", "message": parsed.error})
    filters = Filters(**{name: getattr(params, name) for name in Filters.__dataclass_fields__})
    qs = with_snippets(article_search(parsed, filters=filters, sort=params.sort), parsed)

    def item(request, article) -> dict:
        return {
            **article_item(request, article),
            "snippet": str(marked(article.snippet_raw)),
            "score": round(article.rank, 6),
        }

    return page_of(request, qs, params, item)
