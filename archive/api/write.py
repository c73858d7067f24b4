"""Write endpoints (API key): articles (raw captures, structured fields, PATCH), organisations,
people and events (create or update by slug, PATCH), countries (names and aliases only)."""

from datetime import date
from typing import Literal

from ninja import Field, Schema, Status
from ninja import Path as PathParam
from ninja.schema import DjangoGetter
from pydantic import field_validator, model_validator

from archive.api import selectors, serializers
from archive.api.auth import WRITE_AUTH
from archive.api.records import SLUG, IsoDate, router
from archive.api.schemas import ArticleOut, ErrorOut
from archive.entities import writes
from archive.partial_dates import PARTIAL_DATE_PATTERN, partial_date_parse
from archive.text import http_url

# A record's other names: at most this many in one write (more is a 422).
MAX_NAMES = 1000
ALIASES_NOTE = f"Other names, at most {MAX_NAMES} (more: 422)."

# 400 body not JSON, 401 no or wrong key, 422 invalid field or unknown linked record, 429 limited.
WRITE_ERRORS = {400: ErrorOut, 401: ErrorOut, 422: ErrorOut, 429: ErrorOut}


def _http_only(value: str | None) -> str | None:
    if value and http_url(value) is None:
        raise ValueError("only absolute http:// or https:// URLs are article URLs")
    return http_url(value) if value else value


class WriteIn(Schema):
    """A write body: a JSON object. (ninja's Schema would read attributes off anything else, so
    that the string "abc" would pass as {"title": "Abc"}.)"""

    @model_validator(mode="before")
    @classmethod
    def _an_object(cls, data):
        value = data._obj if isinstance(data, DjangoGetter) else data  # ninja wraps it first
        if not isinstance(value, dict):
            raise ValueError("the body must be a JSON object")
        return data


# Same paths as the reads, so the operations live on the records router (ninja routes one
# URL pattern per path); each write operation carries the key auth itself.


class ArticleIn(WriteIn):
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
        description="Original URL: absolute http(s), anything else is a 422.",
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

    url_is_http = field_validator("url")(_http_only)


class WriteOut(Schema):
    status: str = Field(description="added, updated or unchanged.", examples=["added"])
    article: ArticleOut = Field(description="The article as stored, with its linked entities.")


@router.post(
    "/articles",
    auth=WRITE_AUTH,
    tags=["write"],
    response={200: WriteOut, 201: WriteOut, **WRITE_ERRORS},
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


class ArticlePatch(WriteIn):
    title: str = Field(
        None, min_length=1, max_length=2000, description="Headline.", examples=["Hội nghị"]
    )
    lede: str | None = Field(
        None, max_length=100_000, description="First paragraph (null clears).", examples=[""]
    )
    body: str = Field(
        None,
        min_length=1,
        max_length=5_000_000,
        description="Text, paragraphs separated by blank lines.",
        examples=["Đoạn một.\n\nĐoạn hai."],
    )
    language: str = Field(None, max_length=8, description="Language code.", examples=["vi"])
    source: str | None = Field(
        None, max_length=200, description="Source slug (null clears).", examples=["ttxvn"]
    )
    source_note: str | None = Field(
        None, max_length=1000, description="Credit line.", examples=["Theo TTXVN"]
    )
    authors: list[str] | None = Field(None, description="Authors.", examples=[["Phong Hà"]])
    tags: list[str] | None = Field(None, description="Tags.", examples=[["an ninh mạng"]])
    published_on: IsoDate | None = Field(
        None, description="Publication date (null: unknown).", examples=["2025-04-01"]
    )
    url: str | None = Field(
        None,
        max_length=2000,
        description="Original URL, absolute http(s) (null: unknown).",
        examples=[None],
    )

    url_is_http = field_validator("url")(_http_only)


PATCH_NOTE = (
    "Only the fields sent change; a field sent as null is cleared. Unknown slug: 404. "
    "Recorded against your key."
)


@router.patch(
    "/articles/{slug}",
    auth=WRITE_AUTH,
    tags=["write"],
    response={200: WriteOut, 404: ErrorOut, 409: ErrorOut, **WRITE_ERRORS},
    summary="Change some fields of an article",
    description=PATCH_NOTE + " A new title, lede or body re-runs entity linking for the "
    "article and is searchable at once; the raw capture and its checksum stay as received. "
    "A url another article has is a 409.",
)
def articles_patch(request, payload: ArticlePatch, slug: str = SLUG):
    fields = payload.dict(exclude_unset=True)
    result = writes.article_patch(key=request.auth, slug=slug, fields=fields)
    article = selectors.article_with_mentions().get(pk=result.article.pk)
    return {"status": result.status, "article": serializers.article_detail(request, article)}


ORGANISATION_KIND = Literal[
    "ministry", "government", "police", "international", "network", "news", "academic", "other"
]
EVENT_KIND = Literal[
    "agreement",
    "extradition",
    "handover",
    "repatriation",
    "joint_operation",
    "legal_assistance",
    "information_exchange",
    "training",
    "equipment",
    "conference",
    "visit",
    "meeting",
    "other",
    # the first kinds, still read: stored as conference and joint_operation
    "summit",
    "operation",
]
PARTICIPANT_ROLE = Literal[
    "signatory",
    "host",
    "organiser",
    "participant",
    "sender",
    "receiver",
    "provider",
    "recipient",
    "funder",
    "requester",
    "visitor",
]


class ParticipantIn(Schema):
    role: PARTICIPANT_ROLE = Field(
        "participant", description="What the participant did.", examples=["sender"]
    )
    organisation: str | None = Field(
        None, max_length=120, description="Organisation slug.", examples=["bo-cong-an"]
    )
    country: str | None = Field(None, max_length=2, description="ISO 3166 code.", examples=["KH"])
    person: str | None = Field(
        None, max_length=120, description="Person slug.", examples=["luong-tam-quang"]
    )

    @model_validator(mode="after")
    def _one_record(self):
        given = [v for v in (self.organisation, self.country, self.person) if v]
        if len(given) != 1:
            raise ValueError("a participant is exactly one of organisation, country or person")
        return self


SLUG_FIELD = Field(
    None,
    pattern=r"^[a-z0-9-]{1,100}$",
    description="Slug (made from the name when absent); the same slug updates.",
    examples=["a05"],
)


class OrganisationFields(WriteIn):
    name_en: str | None = Field(
        None, max_length=300, description="English name.", examples=["Department of Cybersecurity"]
    )
    acronym: str | None = Field(None, max_length=50, description="Acronym.", examples=["A05"])
    aliases: list[str] | None = Field(
        None, max_length=MAX_NAMES, description=ALIASES_NOTE, examples=[["Cục A05"]]
    )
    kind: ORGANISATION_KIND | None = Field(None, description="Kind.", examples=["police"])
    country: str | None = Field(
        None, max_length=2, description="ISO 3166 code; unknown: 422.", examples=["VN"]
    )
    parent: str | None = Field(
        None,
        max_length=120,
        description="Parent organisation slug; unknown: 422.",
        examples=["bo-cong-an"],
    )
    description: str | None = Field(
        None, max_length=20000, description="Description.", examples=[""]
    )


class OrganisationIn(OrganisationFields):
    name: str = Field(
        ...,
        min_length=1,
        max_length=300,
        description="Canonical name.",
        examples=["Cục An ninh mạng"],
    )
    slug: str | None = SLUG_FIELD


class OrganisationPatch(OrganisationFields):
    name: str = Field(
        None, min_length=1, max_length=300, description="Canonical name.", examples=["Cục A05"]
    )


class PersonFields(WriteIn):
    aliases: list[str] | None = Field(
        None, max_length=MAX_NAMES, description=ALIASES_NOTE, examples=[["Le Quy Vuong"]]
    )
    description: str | None = Field(
        None, max_length=20000, description="Description.", examples=[""]
    )


class PersonIn(PersonFields):
    name: str = Field(
        ..., min_length=1, max_length=200, description="Name.", examples=["Lê Quý Vương"]
    )
    slug: str | None = Field(
        None,
        pattern=r"^[a-z0-9-]{1,100}$",
        description="Slug; the same slug updates.",
        examples=["le-quy-vuong"],
    )


class PersonPatch(PersonFields):
    name: str = Field(
        None, min_length=1, max_length=200, description="Name.", examples=["Lê Quý Vương"]
    )


class EventFields(WriteIn):
    title_en: str | None = Field(
        None,
        max_length=500,
        description="English title.",
        examples=["International Conference on Cybercrime"],
    )
    aliases: list[str] | None = Field(
        None, max_length=MAX_NAMES, description=ALIASES_NOTE, examples=[["Hội nghị Hà Nội"]]
    )
    kind: EVENT_KIND | None = Field(
        None,
        description="Kind: agreement, extradition, handover (of suspects), repatriation (of "
        "victims), joint_operation, legal_assistance, information_exchange, training, "
        "equipment, conference, visit, meeting or other (summit and operation are read as "
        "conference and joint_operation).",
        examples=["extradition"],
    )
    starts: str | None = Field(
        None,
        pattern=PARTIAL_DATE_PATTERN,
        description="Start date as the API returns it, parts may be unknown (X): "
        "2025-03-31, XXXX-10-29 (day and month, no year), 2018-05, 2018.",
        examples=["XXXX-10-29"],
    )
    ends: str | None = Field(
        None,
        pattern=PARTIAL_DATE_PATTERN,
        description="End date, in the same form as `starts`.",
        examples=["XXXX-10-30"],
    )
    city: str | None = Field(None, max_length=200, description="City.", examples=["Hà Nội"])
    venue: str | None = Field(
        None, max_length=300, description="Venue.", examples=["Trung tâm Hội nghị Quốc gia"]
    )
    country: str | None = Field(
        None, max_length=2, description="Host country, ISO 3166; unknown: 422.", examples=["VN"]
    )
    organisers: list[str] | None = Field(
        None, description="Organiser organisation slugs; unknown: 422.", examples=[["bo-cong-an"]]
    )
    participant_organisations: list[str] | None = Field(
        None,
        description="Participating organisation slugs; unknown: 422.",
        examples=[["interpol"]],
    )
    participant_people: list[str] | None = Field(
        None, description="Participating person slugs; unknown: 422.", examples=[["to-lam"]]
    )
    participant_countries: list[str] | None = Field(
        None, description="Participating countries, ISO 3166; unknown: 422.", examples=[["GB"]]
    )
    participants: list[ParticipantIn] | None = Field(
        None,
        description="Participants with their roles; replaces the event's participants (and "
        "the lists above follow). Unknown slug or code: 422.",
        examples=[[{"role": "sender", "country": "KH"}, {"role": "receiver", "country": "VN"}]],
    )
    border_gate: str | None = Field(
        None, max_length=200, description="Border gate.", examples=["Mộc Bài"]
    )
    people_count: int | None = Field(
        None, ge=0, description="People handed over, extradited or repatriated.", examples=[42]
    )
    arrests: int | None = Field(None, ge=0, description="Arrests reported.", examples=[37])
    crime: str | None = Field(None, max_length=200, description="Crime.", examples=["fraud"])
    participant_count_note: str | None = Field(
        None, max_length=200, description="Participants as stated.", examples=["hơn 20 nước"]
    )
    participant_count_note_en: str | None = Field(
        None, max_length=200, description="The same in English.", examples=["more than 20"]
    )
    description: str | None = Field(
        None, max_length=20000, description="Description.", examples=[""]
    )

    @field_validator("starts", "ends")
    @classmethod
    def _partial_date(cls, value: str | None) -> str | None:
        if value is not None:
            partial_date_parse(value)
        return value


class EventIn(EventFields):
    title: str = Field(
        ...,
        min_length=1,
        max_length=500,
        description="Title.",
        examples=["Hội nghị quốc tế về phòng, chống tội phạm mạng"],
    )
    slug: str | None = Field(
        None,
        pattern=r"^[a-z0-9-]{1,100}$",
        description="Slug (made from the title when absent); the same slug updates.",
        examples=["hanoi-conference"],
    )


class EventPatch(EventFields):
    title: str = Field(
        None, min_length=1, max_length=500, description="Title.", examples=["Hội nghị Hà Nội"]
    )


class CountryFields(WriteIn):
    name_vi: str = Field(
        None, min_length=1, max_length=200, description="Vietnamese name.", examples=["Anh"]
    )
    name_en: str = Field(
        None, min_length=1, max_length=200, description="English name.", examples=["United Kingdom"]
    )
    aliases: list[str] | None = Field(
        None,
        max_length=MAX_NAMES,
        description=ALIASES_NOTE,
        examples=[["Vương quốc Anh", "Britain"]],
    )


class CountryIn(CountryFields):
    code: str = Field(
        ...,
        pattern=r"^[A-Za-z]{2}$",
        description="ISO 3166 code of a listed country; others: 422 (the list is fixed).",
        examples=["GB"],
    )


class EntityWriteOut(Schema):
    status: str = Field(description="added, updated or unchanged.", examples=["added"])
    slug: str = Field(description="The record's slug (a country's ISO code).", examples=["a05"])
    url: str = Field(
        description="API link to the record.",
        examples=["https://example.org/api/v1/organisations/a05"],
    )
    relinked: int = Field(
        0,
        description="Archived articles newly linked to the record (or naming it more often) "
        "because this write gave it a new name, alias or acronym.",
        examples=[3],
    )
    relink_complete: bool = Field(
        True,
        description="False when more articles name it than one request links "
        "(API_RELINK_LIMIT): `manage.py relink` links the rest.",
        examples=[True],
    )


WRITE_RESPONSES = {200: EntityWriteOut, 201: EntityWriteOut, **WRITE_ERRORS}
PATCH_RESPONSES = {200: EntityWriteOut, 404: ErrorOut, **WRITE_ERRORS}
POST_NOTE = (
    "Fields left out (or null) keep their value on update. New records are marked unreviewed "
    "for curators. A new name, alias or acronym links the archived articles that name the "
    "record. Recorded against your key."
)


def _entity_response(request, result: writes.EntityWrite, path: str):
    slug = getattr(result.record, "slug", None) or result.record.pk
    body = {
        "status": result.status,
        "slug": slug,
        "url": request.build_absolute_uri(f"/api/v1/{path}/{slug}"),
        "relinked": result.relinked.linked if result.relinked else 0,
        "relink_complete": result.relinked.complete if result.relinked else True,
    }
    return Status(201 if result.status == "added" else 200, body)


def _post(request, kind: str, payload: Schema, path: str):
    fields = {k: v for k, v in payload.dict(exclude={"slug"}).items() if v is not None}
    result = writes.entity_write(key=request.auth, kind=kind, slug=payload.slug, fields=fields)
    return _entity_response(request, result, path)


def _patch(request, kind: str, slug: str, payload: Schema, path: str):
    fields = payload.dict(exclude_unset=True)
    result = writes.entity_write(
        key=request.auth, kind=kind, slug=slug, fields=fields, create=False
    )
    return _entity_response(request, result, path)


@router.post(
    "/organisations",
    auth=WRITE_AUTH,
    tags=["write"],
    response=WRITE_RESPONSES,
    summary="Create or update an organisation (by slug)",
    description=POST_NOTE,
)
def organisations_submit(request, payload: OrganisationIn):
    return _post(request, "organisation", payload, "organisations")


@router.patch(
    "/organisations/{slug}",
    auth=WRITE_AUTH,
    tags=["write"],
    response=PATCH_RESPONSES,
    summary="Change some fields of an organisation",
    description=PATCH_NOTE,
)
def organisations_patch(request, payload: OrganisationPatch, slug: str = SLUG):
    return _patch(request, "organisation", slug, payload, "organisations")


@router.post(
    "/people",
    auth=WRITE_AUTH,
    tags=["write"],
    response=WRITE_RESPONSES,
    summary="Create or update a person (by slug)",
    description=POST_NOTE,
)
def people_submit(request, payload: PersonIn):
    return _post(request, "person", payload, "people")


@router.patch(
    "/people/{slug}",
    auth=WRITE_AUTH,
    tags=["write"],
    response=PATCH_RESPONSES,
    summary="Change some fields of a person",
    description=PATCH_NOTE,
)
def people_patch(request, payload: PersonPatch, slug: str = SLUG):
    return _patch(request, "person", slug, payload, "people")


@router.post(
    "/events",
    auth=WRITE_AUTH,
    tags=["write"],
    response=WRITE_RESPONSES,
    summary="Create or update an event (by slug)",
    description=POST_NOTE + " Organisers and participants are given by slug (countries by "
    "ISO code) and replace the lists sent; an unknown one is a 422 naming it.",
)
def events_submit(request, payload: EventIn):
    return _post(request, "event", payload, "events")


@router.patch(
    "/events/{slug}",
    auth=WRITE_AUTH,
    tags=["write"],
    response=PATCH_RESPONSES,
    summary="Change some fields of an event",
    description=PATCH_NOTE + " A list sent (organisers, participants) replaces that list.",
)
def events_patch(request, payload: EventPatch, slug: str = SLUG):
    return _patch(request, "event", slug, payload, "events")


COUNTRY_NOTE = (
    "Countries are the fixed ISO 3166 list: only the names and aliases of a listed country "
    "change. A new name or alias links the archived articles that name it. Recorded against "
    "your key."
)


@router.post(
    "/countries",
    auth=WRITE_AUTH,
    tags=["write"],
    response={200: EntityWriteOut, **WRITE_ERRORS},
    summary="Update a country's names and aliases (by ISO code)",
    description=COUNTRY_NOTE + " A code not in the list is a 422 (`not_an_iso_country`): "
    "countries cannot be created. Fields left out keep their value.",
)
def countries_submit(request, payload: CountryIn):
    fields = {k: v for k, v in payload.dict(exclude={"code"}).items() if v is not None}
    result = writes.country_write(key=request.auth, code=payload.code, fields=fields)
    return _entity_response(request, result, "countries")


@router.patch(
    "/countries/{code}",
    auth=WRITE_AUTH,
    tags=["write"],
    response=PATCH_RESPONSES,
    summary="Change a country's names or aliases",
    description=COUNTRY_NOTE + " Only the fields sent change. A code not in the list: 404.",
)
def countries_patch(
    request,
    payload: CountryFields,
    code: str = PathParam(..., description="ISO 3166 code.", examples=["GB"], max_length=2),
):
    fields = payload.dict(exclude_unset=True)
    result = writes.country_write(key=request.auth, code=code, fields=fields, path=True)
    return _entity_response(request, result, "countries")
