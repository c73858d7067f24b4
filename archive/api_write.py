"""Write endpoints (API key): submit articles as raw captures or structured fields."""

from datetime import date
from typing import Literal

from ninja import Field, Schema, Status

from archive import selectors, serializers, writes
from archive.api_auth import WRITE_AUTH
from archive.api_records import router
from archive.schemas import ArticleOut, ErrorOut

# Same paths as the reads, so the operations live on the records router (ninja routes one
# URL pattern per path); each write operation carries the key auth itself.


class ArticleIn(Schema):
    raw: str | None = Field(
        None,
        max_length=5_000_000,
        description="A raw text capture, as `manage.py ingest` reads: extracted and linked "
        "the same way. Give either `raw` or `title` + `body`.",
        examples=["Bộ Công an\nHội nghị quốc tế về an ninh mạng\nNgày 01/04/2025\n..."],
    )
    url: str | None = Field(
        None,
        max_length=2000,
        description="Original URL.",
        examples=["https://dangcongsan.vn/a.html"],
    )
    title: str | None = Field(
        None,
        max_length=2000,
        description="Headline (structured).",
        examples=["Hội nghị an ninh mạng"],
    )
    lede: str = Field(
        "", max_length=100_000, description="First paragraph.", examples=["Ngày 1/4..."]
    )
    body: str | None = Field(
        None,
        max_length=5_000_000,
        description="Text, paragraphs separated by blank lines.",
        examples=["Đoạn một.\n\nĐoạn hai."],
    )
    language: str = Field("vi", max_length=8, description="Language code.", examples=["vi"])
    source: str | None = Field(
        None, max_length=200, description="Source slug.", examples=["dang-cong-san"]
    )
    source_note: str = Field(
        "", max_length=1000, description="Credit line.", examples=["Theo TTXVN"]
    )
    authors: list[str] = Field(
        default_factory=list, description="Authors.", examples=[["Phong Hà"]]
    )
    tags: list[str] = Field(default_factory=list, description="Tags.", examples=[["an ninh mạng"]])
    published_on: date | None = Field(
        None, description="Publication date.", examples=["2025-04-01"]
    )


class WriteOut(Schema):
    status: str = Field(description="added, updated or unchanged.", examples=["added"])
    article: ArticleOut = Field(description="The article as stored, with its linked entities.")


@router.post(
    "/articles",
    auth=WRITE_AUTH,
    tags=["write"],
    response={200: WriteOut, 201: WriteOut, 401: ErrorOut, 422: ErrorOut, 429: ErrorOut},
    summary="Submit an article (raw capture or structured fields)",
    description="Idempotent: the same content hash is the same article (200, `unchanged`); "
    "the same URL updates it (200, `updated`); otherwise 201 `added`. The write is recorded "
    "against your key.",
)
def articles_submit(request, payload: ArticleIn):
    if payload.raw:
        result = writes.article_submit_raw(key=request.auth, raw=payload.raw, url=payload.url)
    elif payload.title and payload.body:
        fields = payload.dict(exclude={"raw"})
        result = writes.article_submit_fields(key=request.auth, fields=fields)
    else:
        return Status(
            422,
            {
                "code": "invalid_parameter",
                "message": "Give either raw (a capture) or title and body (structured fields).",
            },
        )
    article = selectors.article_with_mentions().get(pk=result.article.pk)
    body = {"status": result.status, "article": serializers.article_detail(request, article)}
    return Status(201 if result.status == "added" else 200, body)


class OrganisationIn(Schema):
    name: str = Field(
        ...,
        min_length=1,
        max_length=300,
        description="Canonical name.",
        examples=["Cục An ninh mạng"],
    )
    slug: str | None = Field(
        None,
        pattern=r"^[a-z0-9-]{1,100}$",
        description="Slug (made from the name when absent); the same slug updates.",
        examples=["a05"],
    )
    name_en: str | None = Field(
        None, max_length=300, description="English name.", examples=["Department of Cybersecurity"]
    )
    acronym: str | None = Field(None, max_length=50, description="Acronym.", examples=["A05"])
    aliases: list[str] | None = Field(None, description="Other names.", examples=[["Cục A05"]])
    kind: (
        Literal[
            "ministry",
            "government",
            "police",
            "international",
            "network",
            "news",
            "academic",
            "other",
        ]
        | None
    ) = Field(None, description="Kind.", examples=["police"])
    country: str | None = Field(None, max_length=2, description="ISO 3166 code.", examples=["VN"])
    parent: str | None = Field(
        None, max_length=120, description="Parent organisation slug.", examples=["bo-cong-an"]
    )
    description: str | None = Field(
        None, max_length=20000, description="Description.", examples=[""]
    )


class PersonIn(Schema):
    name: str = Field(
        ..., min_length=1, max_length=200, description="Name.", examples=["Lê Quý Vương"]
    )
    slug: str | None = Field(
        None,
        pattern=r"^[a-z0-9-]{1,100}$",
        description="Slug; the same slug updates.",
        examples=["le-quy-vuong"],
    )
    aliases: list[str] | None = Field(
        None, description="Other spellings.", examples=[["Le Quy Vuong"]]
    )
    description: str | None = Field(
        None, max_length=20000, description="Description.", examples=[""]
    )


class EntityWriteOut(Schema):
    status: str = Field(description="added, updated or unchanged.", examples=["added"])
    slug: str = Field(description="The record's slug.", examples=["a05"])
    url: str = Field(
        description="API link to the record.",
        examples=["https://example.org/api/v1/organisations/a05"],
    )


WRITE_RESPONSES = {
    200: EntityWriteOut,
    201: EntityWriteOut,
    401: ErrorOut,
    422: ErrorOut,
    429: ErrorOut,
}


def _entity_response(request, status: str, record, path: str):
    url = request.build_absolute_uri(f"/api/v1/{path}/{record.slug}")
    return Status(
        201 if status == "added" else 200, {"status": status, "slug": record.slug, "url": url}
    )


@router.post(
    "/organisations",
    auth=WRITE_AUTH,
    tags=["write"],
    response=WRITE_RESPONSES,
    summary="Create or update an organisation (by slug)",
    description="New records are marked unreviewed for curators. Recorded against your key.",
)
def organisations_submit(request, payload: OrganisationIn):
    status, record = writes.entity_upsert(
        key=request.auth, kind="organisation", fields=payload.dict()
    )
    return _entity_response(request, status, record, "organisations")


@router.post(
    "/people",
    auth=WRITE_AUTH,
    tags=["write"],
    response=WRITE_RESPONSES,
    summary="Create or update a person (by slug)",
    description="New records are marked unreviewed for curators. Recorded against your key.",
)
def people_submit(request, payload: PersonIn):
    status, record = writes.entity_upsert(key=request.auth, kind="person", fields=payload.dict())
    return _entity_response(request, status, record, "people")
