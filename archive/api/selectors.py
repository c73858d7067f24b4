"""Reads for the API: filtered querysets and the total orderings they are paged in."""

from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet

from archive.api.pagination import Key
from archive.entities.kinds import with_mentions
from archive.events.kinds import kind_normalise
from archive.filters import Filters, articles_filtered
from archive.models import (
    Article,
    Country,
    Event,
    EventParticipant,
    EventReport,
    Organisation,
    Person,
    Source,
)

ID_DESC, ID_ASC = Key("id", descending=True), Key("id")

# Every sort ends with the primary key, so the order is total and expressible as a keyset.
ARTICLE_SORTS: dict[str, tuple[Key, ...]] = {
    "newest": (Key("published_on", descending=True, nullable=True, kind=date), ID_DESC),
    "oldest": (Key("published_on", nullable=True, kind=date), ID_ASC),
    "updated": (Key("updated_at", kind=datetime), ID_ASC),
    "id": (ID_ASC,),
}
BY_NAME = (Key("name", kind=str), ID_ASC)
COUNTRY_ORDER = (Key("code", kind=str),)
EVENT_ORDER = (
    Key("start_year", descending=True, nullable=True),
    Key("start_month", descending=True, nullable=True),
    Key("title", kind=str),
    ID_ASC,
)


@dataclass(frozen=True)
class ArticleFilters(Filters):
    updated_since: datetime | None = None


def article_list(*, filters: ArticleFilters) -> QuerySet:
    search_filters = Filters(
        **{name: getattr(filters, name) for name in Filters.__dataclass_fields__}
    )
    qs = articles_filtered(Article.objects.select_related("source"), search_filters)
    if filters.updated_since:
        qs = qs.filter(updated_at__gte=filters.updated_since)
    return qs


def article_with_mentions() -> QuerySet:
    return with_mentions(Article.objects.select_related("source")).prefetch_related(
        Prefetch("event_reports", EventReport.objects.select_related("event"))
    )


def organisation_list() -> QuerySet:
    return Organisation.objects.select_related("parent", "successor")


def organisation_detail() -> QuerySet:
    return (
        organisation_list()
        .select_related("country")
        .prefetch_related(
            "children", "predecessors", "roles__person", "events_organised", "events_attended"
        )
        .annotate(article_count=Count("mentions", distinct=True))
    )


def person_detail() -> QuerySet:
    return (
        Person.objects.select_related("country")
        .prefetch_related("roles__organisation", "events")
        .annotate(article_count=Count("mentions", distinct=True))
    )


def event_detail() -> QuerySet:
    return (
        Event.objects.select_related("country")
        .prefetch_related(
            "organisers",
            "participant_organisations",
            "participant_people",
            "participant_countries",
            Prefetch(
                "participants",
                EventParticipant.objects.select_related("organisation", "country", "person"),
            ),
            Prefetch("reports", EventReport.objects.select_related("article__source")),
        )
        .annotate(article_count=Count("mentions", distinct=True))
    )


@dataclass(frozen=True)
class EventFilters:
    kind: str | None = None
    participant: str | None = None  # an organisation's or a person's slug
    country: str | None = None  # ISO code: a participant, or the host
    year: int | None = None
    reviewed: bool | None = None


def event_list(*, filters: EventFilters) -> QuerySet:
    """Events by kind, participant, country and year (of their start)."""
    qs = Event.objects.all()
    if filters.kind:
        qs = qs.filter(kind=kind_normalise(filters.kind))
    if filters.participant:
        qs = qs.filter(
            Exists(
                EventParticipant.objects.filter(event=OuterRef("pk")).filter(
                    Q(organisation__slug=filters.participant) | Q(person__slug=filters.participant)
                )
            )
        )
    if filters.country:
        code = filters.country.upper()
        qs = qs.filter(
            Q(country_id=code)
            | Exists(EventParticipant.objects.filter(event=OuterRef("pk"), country_id=code))
        )
    if filters.year:
        qs = qs.filter(start_year=filters.year)
    if filters.reviewed is not None:
        qs = qs.filter(reviewed=filters.reviewed)
    return qs


def country_detail() -> QuerySet:
    return Country.objects.prefetch_related("organisation_set", "events_hosted").annotate(
        article_count=Count("mentions", distinct=True)
    )


def source_detail() -> QuerySet:
    return Source.objects.select_related("country").annotate(
        article_count=Count("articles", distinct=True)
    )
