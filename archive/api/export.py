"""GET /api/v1/export.ndjson: the archive as NDJSON, self-contained, streamed in constant memory.

Every record an article names comes first (countries, sources, organisations parents first,
people with roles, events, stories), then the articles: `manage.py ingest` of it into an empty
archive rebuilds the archive, and into one that holds the same records changes nothing. The
article filters (`q`, `updated_since`, the list filters) make partial mirrors: they select the
articles and their stories, the other records always come whole.
"""

from django.contrib.postgres.search import SearchQuery
from django.http import StreamingHttpResponse
from ninja import Field, Query, Router, Schema

from archive.api import selectors
from archive.api.records import IsoDate, IsoDateTime
from archive.api.schemas import ErrorOut
from archive.events.export import event_lines
from archive.ingest.formats.ndjson import export_lines
from archive.vectors import CONFIG

router = Router(tags=["export"])


class ExportParams(Schema):
    q: str | None = Field(
        None,
        max_length=300,
        description="Only articles matching this web-search query (words, quoted phrases, OR, "
        "-exclusion; diacritics optional).",
        examples=["an ninh mạng"],
    )
    updated_since: IsoDateTime | None = Field(
        None,
        description="Only articles changed at or after (ISO 8601): for incremental mirrors.",
        examples=["2025-04-01T00:00:00Z"],
    )
    published_after: IsoDate | None = Field(
        None, description="Only articles published on or after.", examples=["2025-01-01"]
    )
    published_before: IsoDate | None = Field(
        None, description="Only articles published on or before.", examples=["2025-12-31"]
    )
    source: str | None = Field(
        None, max_length=200, description="Only this source's articles.", examples=["ttxvn"]
    )
    language: str | None = Field(
        None, max_length=8, description="Only articles in this language.", examples=["vi"]
    )
    organisation: str | None = Field(
        None, max_length=200, description="Only articles naming it (slug).", examples=["c50"]
    )
    person: str | None = Field(
        None, max_length=200, description="Only articles naming them (slug).", examples=["to-lam"]
    )
    event: str | None = Field(
        None, max_length=200, description="Only articles naming it (slug).", examples=["hanoi"]
    )
    country: str | None = Field(
        None, max_length=2, description="Only articles naming it (ISO 3166).", examples=["VN"]
    )


def export_articles(params: ExportParams):
    """The articles the filters select, or None for every article (a whole export)."""
    values = params.dict(exclude_none=True)
    if not values:
        return None
    query = values.pop("q", None)
    fields = selectors.ArticleFilters.__dataclass_fields__
    qs = selectors.article_list(
        filters=selectors.ArticleFilters(**{k: v for k, v in values.items() if k in fields})
    )
    if query is not None:
        qs = qs.filter(search_vector=SearchQuery(query, search_type="websearch", config=CONFIG))
    return qs


@router.get(
    "/export.ndjson",
    summary="The archive as NDJSON, self-contained (a mirror rebuilds from it)",
    description="One JSON object per line, each with its `format`: countries "
    "(`cyberarchive.country/1`), sources, organisations (parents first), people (with roles), "
    "events, stories, then articles (`cyberarchive.article/1`: every field, the raw capture as "
    "base64 with its SHA-256, its story, mentions by slug with counts). Each record once, "
    "every record after those it names. `python manage.py ingest export.ndjson` reads it "
    "back into an empty archive, rebuilding every record; into a populated one it changes "
    "only what differs; export → import → export is byte-identical. Filters select the "
    "articles (and their stories) for a partial mirror; the other records come whole. "
    "Streamed: memory stays flat however large the archive.",
    response={400: ErrorOut, 422: ErrorOut, 429: ErrorOut},
    openapi_extra={
        "responses": {
            "200": {
                "description": "NDJSON: one record per line",
                "content": {"application/x-ndjson": {"schema": {"type": "string"}}},
            }
        }
    },
)
def export_ndjson(request, params: Query[ExportParams]):
    lines = export_lines(articles=export_articles(params))
    response = StreamingHttpResponse(lines, content_type="application/x-ndjson")
    response["Content-Disposition"] = 'attachment; filename="cyberarchive.ndjson"'
    return response


@router.get(
    "/export/events.ndjson",
    summary="Every cooperation event, as NDJSON",
    description="One JSON object per line (format `cyberarchive.event-summary/1`): kind, dates "
    "(EDTF-style, parts may be unknown), place, counts, crime, whether a curator reviewed it, "
    "participants with their roles (by slug or ISO code) and the articles that report it (by "
    "slug, with the sentence it was found in). Streamed.",
    response={400: ErrorOut, 429: ErrorOut},  # the 200 is declared once, below (item 9)
    openapi_extra={
        "responses": {
            "200": {
                "description": "NDJSON: one event per line",
                "content": {"application/x-ndjson": {"schema": {"type": "string"}}},
            }
        }
    },
)
def export_events_ndjson(request):
    response = StreamingHttpResponse(event_lines(), content_type="application/x-ndjson")
    response["Content-Disposition"] = 'attachment; filename="cyberarchive-events.ndjson"'
    return response
