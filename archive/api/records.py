"""Read endpoints for records: articles, organisations, people, events, countries, sources.

Handlers are thin: validate (the schemas do), select, page, serialize.
"""

import re
from datetime import UTC, date, datetime
from typing import Annotated

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.http import http_date
from ninja import Field, Query, Router
from ninja import Path as PathParam
from pydantic import AfterValidator, BeforeValidator

from archive.api import selectors, serializers
from archive.api.lists import ListParams, list_of
from archive.api.schemas import (
    ArticleOut,
    ArticlePage,
    CountryDetail,
    CountryPage,
    ErrorOut,
    EventDetail,
    EventPage,
    OrganisationDetail,
    OrganisationPage,
    PersonDetail,
    PersonPage,
    SourceDetail,
    SourcePage,
)
from archive.desk.suspects import people_public, person_is_suspect
from archive.events.kinds import KINDS, OLD_KINDS
from archive.models import Country, Person, Source

router = Router(tags=["records"])

_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}")


def _iso_only(value):
    """Dates as ISO 8601 text only: pydantic would also take numbers as Unix timestamps."""
    if value is not None and not (isinstance(value, str) and _ISO.match(value)):
        raise ValueError("expected an ISO 8601 date like 2025-04-01")
    return value


IsoDate = Annotated[date, BeforeValidator(_iso_only)]


def _as_utc(value: datetime | None) -> datetime | None:
    """Any offset PostgreSQL cannot store (it allows ±15:59) is fine once converted to UTC."""
    if value is None:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    try:
        return value.astimezone(UTC)
    except OverflowError:
        raise ValueError("date and time out of range") from None


IsoDateTime = Annotated[datetime, BeforeValidator(_iso_only), AfterValidator(_as_utc)]

ERRORS = {400: ErrorOut, 422: ErrorOut, 429: ErrorOut}
DETAIL_ERRORS = {400: ErrorOut, 404: ErrorOut, 422: ErrorOut, 429: ErrorOut}
SLUG = PathParam(..., description="The record's slug.", examples=["c50"], max_length=200)


class ArticleListParams(ListParams):
    sort: str = Field(
        "newest",
        pattern="^(" + "|".join(selectors.ARTICLE_SORTS) + ")$",
        description="newest / oldest (by publication date, undated last), updated (oldest "
        "change first: for incremental mirroring with updated_since) or id. Ties by id.",
        examples=["newest"],
    )
    published_after: IsoDate | None = Field(
        None, description="On or after.", examples=["2025-01-01"]
    )
    published_before: IsoDate | None = Field(
        None, description="On or before.", examples=["2025-12-31"]
    )
    updated_since: IsoDateTime | None = Field(
        None, description="Changed at or after (ISO 8601).", examples=["2025-04-01T00:00:00Z"]
    )
    source: str | None = Field(
        None, max_length=200, description="Source slug.", examples=["dang-cong-san"]
    )
    language: str | None = Field(None, max_length=8, description="Language code.", examples=["vi"])
    organisation: str | None = Field(
        None, max_length=200, description="Organisation slug.", examples=["c50"]
    )
    person: str | None = Field(
        None, max_length=200, description="Person slug.", examples=["luong-tam-quang"]
    )
    event: str | None = Field(
        None, max_length=200, description="Event slug.", examples=["hanoi-conference"]
    )
    country: str | None = Field(None, max_length=2, description="ISO 3166 code.", examples=["VN"])


@router.get(
    "/articles",
    response={200: ArticlePage, **ERRORS},
    url_name="articles_list",
    summary="List articles, filtered and sorted",
    description="Articles with every search filter, `updated_since` for incremental mirroring, "
    "page numbers or keyset cursors. Example: `/api/v1/articles?country=GB&sort=oldest`.",
)
def articles_list(request, params: Query[ArticleListParams]):
    fields = selectors.ArticleFilters.__dataclass_fields__
    filters = selectors.ArticleFilters(**{name: getattr(params, name) for name in fields})
    qs = selectors.article_list(filters=filters)
    keys = selectors.ARTICLE_SORTS[params.sort]
    return list_of(
        request, qs, params, keys=keys, sort=params.sort, serialize=serializers.article_item
    )


@router.get(
    "/articles/{slug}",
    response={200: ArticleOut, **DETAIL_ERRORS},
    summary="One article with its text, checksum and linked entities",
    description="Sends `Last-Modified` and `ETag`; answers 304 to a matching conditional GET. "
    "Example: `/api/v1/articles/bo-truong-bo-cong-an-tham-du-hoi-nghi`.",
)
def articles_detail(request, response: HttpResponse, slug: str = SLUG):
    article = get_object_or_404(selectors.article_with_mentions(), slug=slug)
    response["Last-Modified"] = http_date(article.updated_at.timestamp())
    return serializers.article_detail(request, article)


@router.get(
    "/organisations",
    response={200: OrganisationPage, **ERRORS},
    summary="List organisations by name",
    description="Example: `/api/v1/organisations?page_size=50`.",
)
def organisations_list(request, params: Query[ListParams]):
    qs = selectors.organisation_list()
    return list_of(
        request,
        qs,
        params,
        keys=selectors.BY_NAME,
        sort="name",
        serialize=serializers.organisation_item,
    )


@router.get(
    "/organisations/{slug}",
    response={200: OrganisationDetail, **DETAIL_ERRORS},
    summary="One organisation with its hierarchy, people, events and articles link",
    description="Example: `/api/v1/organisations/c50`.",
)
def organisations_detail(request, slug: str = SLUG):
    org = get_object_or_404(selectors.organisation_detail(), slug=slug)
    return serializers.organisation_detail(request, org)


@router.get(
    "/people",
    response={200: PersonPage, **ERRORS},
    summary="List people by name",
    description="Example: `/api/v1/people`.",
)
def people_list(request, params: Query[ListParams]):
    return list_of(
        request,
        people_public(Person.objects.all()),
        params,
        keys=selectors.BY_NAME,
        sort="name",
        serialize=serializers.person_item,
    )


@router.get(
    "/people/{slug}",
    response={200: PersonDetail, **DETAIL_ERRORS},
    summary="One person with posts and ranks over time",
    description="Example: `/api/v1/people/luong-tam-quang`.",
)
def people_detail(request, slug: str = SLUG):
    person = get_object_or_404(selectors.person_detail(), slug=slug)
    if person_is_suspect(person):
        raise Http404("Not published until a curator reviews this record.")
    return serializers.person_detail(request, person)


class EventListParams(ListParams):
    kind: str | None = Field(
        None,
        pattern="^(" + "|".join([*KINDS, *OLD_KINDS]) + ")$",
        description="Event kind (summit and operation read as conference and joint_operation).",
        examples=["extradition"],
    )
    participant: str | None = Field(
        None, max_length=200, description="Organisation or person slug.", examples=["bo-cong-an"]
    )
    country: str | None = Field(
        None,
        pattern="^[A-Za-z]{2}$",
        description="ISO 3166 code of a participating or host country.",
        examples=["KH"],
    )
    year: int | None = Field(None, ge=1, le=9999, description="Start year.", examples=[2024])
    reviewed: bool | None = Field(
        None, description="Only events a curator checked (true) or not yet (false)."
    )


@router.get(
    "/events",
    response={200: EventPage, **ERRORS},
    summary="List events, newest first (undated last), by kind, participant, country, year",
    description="Example: `/api/v1/events?kind=handover&country=KH&year=2024`.",
)
def events_list(request, params: Query[EventListParams]):
    fields = selectors.EventFilters.__dataclass_fields__
    filters = selectors.EventFilters(**{name: getattr(params, name) for name in fields})
    return list_of(
        request,
        selectors.event_list(filters=filters),
        params,
        keys=selectors.EVENT_ORDER,
        sort="start",
        serialize=serializers.event_item,
    )


@router.get(
    "/events/{slug}",
    response={200: EventDetail, **DETAIL_ERRORS},
    summary="One event with organisers and participants",
    description="Example: `/api/v1/events/hanoi-conference`.",
)
def events_detail(request, slug: str = SLUG):
    event = get_object_or_404(selectors.event_detail(), slug=slug)
    return serializers.event_detail(request, event)


@router.get(
    "/countries",
    response={200: CountryPage, **ERRORS},
    summary="List countries by ISO code",
    description="Example: `/api/v1/countries?page_size=100`.",
)
def countries_list(request, params: Query[ListParams]):
    return list_of(
        request,
        Country.objects.all(),
        params,
        keys=selectors.COUNTRY_ORDER,
        sort="code",
        serialize=serializers.country_item,
    )


@router.get(
    "/countries/{code}",
    response={200: CountryDetail, **DETAIL_ERRORS},
    summary="One country with its organisations and hosted events",
    description="Example: `/api/v1/countries/vn` (any case).",
)
def countries_detail(
    request, code: str = PathParam(..., description="ISO 3166 code.", examples=["VN"], max_length=2)
):
    country = get_object_or_404(selectors.country_detail(), code=code.upper())
    return serializers.country_detail(request, country)


@router.get(
    "/sources",
    response={200: SourcePage, **ERRORS},
    summary="List sources (publishers) by name",
    description="Example: `/api/v1/sources`.",
)
def sources_list(request, params: Query[ListParams]):
    return list_of(
        request,
        Source.objects.all(),
        params,
        keys=selectors.BY_NAME,
        sort="name",
        serialize=serializers.source_item,
    )


@router.get(
    "/sources/{slug}",
    response={200: SourceDetail, **DETAIL_ERRORS},
    summary="One source",
    description="Example: `/api/v1/sources/dang-cong-san`.",
)
def sources_detail(request, slug: str = SLUG):
    source = get_object_or_404(selectors.source_detail(), slug=slug)
    return serializers.source_detail(request, source)
