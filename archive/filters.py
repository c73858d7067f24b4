"""The filters every article list shares (pages, search, API): dates, source, language, and the
entities an article mentions. Search narrows its matches with these; the API's lists use them
without a query."""

from dataclasses import dataclass, fields
from datetime import date

from django.db.models import QuerySet

from archive.entities.kinds import KINDS


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

    def active(self) -> dict:
        return {f.name: getattr(self, f.name) for f in fields(self) if getattr(self, f.name)}

    def without(self, *names: str) -> "Filters":
        return Filters(**{k: v for k, v in self.active().items() if k not in names})


def articles_filtered(qs: QuerySet, filters: Filters) -> QuerySet:
    qs = qs.published_between(filters.published_after, filters.published_before)
    if filters.source:
        qs = qs.filter(source__slug=filters.source)
    if filters.language:
        qs = qs.filter(language=filters.language)
    for kind in KINDS:
        value = getattr(filters, kind.name)
        if value:
            qs = qs.filter(**{kind.lookup: kind.key_value(value)})
    return qs
