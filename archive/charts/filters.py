"""The filters every chart takes: a period (years), an event kind and a country.

They narrow the two querysets the charts aggregate, events and articles; the charts themselves
only ever see those querysets. A country takes part in an event as its host or through an
EventParticipant row (any role).
"""

from dataclasses import dataclass, fields
from urllib.parse import urlencode

from django.db.models import Q, QuerySet

from archive.events.kinds import OLD_KINDS
from archive.models import Article, ArticleEvent, Country, Event, EventParticipant

YEAR_MIN, YEAR_MAX = 1900, 2100


def _year(value: str | None) -> int | None:
    value = (value or "").strip()
    if value.isdigit() and YEAR_MIN <= int(value) <= YEAR_MAX:
        return int(value)
    return None


@dataclass(frozen=True)
class ChartFilters:
    start: int | None = None  # first year of the period
    end: int | None = None  # last year of the period
    kind: str | None = None  # an Event.Kind value
    country: str | None = None  # ISO 3166 alpha-2, upper case

    @classmethod
    def from_query(cls, params) -> "ChartFilters":
        """From a query string; a bad value is ignored (the form shows what was applied)."""
        start, end = _year(params.get("from")), _year(params.get("to"))
        if start and end and start > end:
            start, end = end, start
        kind = params.get("kind") or None
        kind = OLD_KINDS.get(kind, kind)  # links made before the typed kinds (issue 19)
        if kind not in Event.Kind.values:
            kind = None
        country = (params.get("country") or "").strip().upper() or None
        if country and not (len(country) == 2 and country.isalpha()):
            country = None
        return cls(start=start, end=end, kind=kind, country=country)

    def key(self) -> str:
        return "-".join(str(getattr(self, f.name) or "") for f in fields(self))

    def params(self, **changes) -> dict:
        data = {"from": self.start, "to": self.end, "kind": self.kind, "country": self.country}
        data.update(changes)
        return {k: v for k, v in data.items() if v not in (None, "")}

    def query(self, **changes) -> str:
        """The query string of these filters (with `changes`), "" when none."""
        params = self.params(**changes)
        return "?" + urlencode(params) if params else ""

    def active(self) -> bool:
        return any(getattr(self, f.name) for f in fields(self))

    # -- narrowing -------------------------------------------------------------------------

    def events(self, events: QuerySet | None = None) -> QuerySet:
        """Events starting in the period, of the kind, hosted by the country or with it among
        the participants (any role)."""
        qs = Event.objects.all() if events is None else events
        if self.start:
            qs = qs.filter(start_year__gte=self.start)
        if self.end:
            qs = qs.filter(start_year__lte=self.end)
        if self.kind:
            qs = qs.filter(kind=self.kind)
        if self.country:
            attended = EventParticipant.objects.filter(country_id=self.country).values("event_id")
            qs = qs.filter(Q(country_id=self.country) | Q(pk__in=attended))
        return qs

    def articles(self, articles: QuerySet | None = None) -> QuerySet:
        """Articles published in the period that mention the country (and, with a kind, an
        event of that kind)."""
        qs = Article.objects.all() if articles is None else articles
        if self.start:
            qs = qs.filter(published_on__year__gte=self.start)
        if self.end:
            qs = qs.filter(published_on__year__lte=self.end)
        if self.country:
            qs = qs.filter(country_mentions__country_id=self.country)
        if self.kind:
            of_kind = ArticleEvent.objects.filter(event__kind=self.kind).values("article_id")
            qs = qs.filter(pk__in=of_kind)
        return qs


def kind_choices() -> list[tuple[str, str]]:
    return list(Event.Kind.choices)


def country_choices() -> QuerySet:
    """Countries that host or take part in an event: the ones worth filtering by."""
    taking_part = EventParticipant.objects.filter(country__isnull=False).values("country_id")
    hosts = Event.objects.filter(country__isnull=False).values("country_id")
    return Country.objects.filter(Q(code__in=taking_part) | Q(code__in=hosts)).order_by("name_en")
