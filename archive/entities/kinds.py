"""The entity kinds, in one table: everything that treats organisations, people, events and
countries alike (mention links, filters, prefetches, NDJSON, facets, linking) reads it here.

A fifth kind is a model, its mention model, a migration, templates, and one row below.
"""

from dataclasses import dataclass

from django.db.models import Model, Prefetch, QuerySet

from archive.models import (
    ArticleCountry,
    ArticleEvent,
    ArticleOrganisation,
    ArticlePerson,
    Country,
    Event,
    Organisation,
    Person,
)


@dataclass(frozen=True)
class EntityKind:
    name: str  # "organisation": the search filter, the API's `kind`, the NDJSON `kind`
    plural: str  # "organisations": the NDJSON and API list key
    model: type[Model]
    mention: type[Model]  # the Article <-> entity link, with a count
    mentions: str  # the related name on Article ("organisation_mentions")
    key: str  # the field that names a record in URLs and filters ("slug"; countries "code")
    label: str  # the column holding its display name

    @property
    def field(self) -> str:
        """The mention model's foreign key to the entity (`ArticlePerson.person`)."""
        return self.name

    @property
    def entity_key(self) -> str:
        """Mention lookup to the entity's key: `person__slug`."""
        return f"{self.field}__{self.key}"

    @property
    def lookup(self) -> str:
        """Article lookup to the entity's key: `person_mentions__person__slug`."""
        return f"{self.mentions}__{self.field}__{self.key}"

    def key_value(self, value: str) -> str:
        return value.upper() if self.key == "code" else value

    def prefetch(self, *, by_count: bool = False) -> Prefetch:
        links = self.mention.objects.select_related(self.field)
        return Prefetch(self.mentions, links.order_by("-count") if by_count else links)


KINDS: tuple[EntityKind, ...] = (
    EntityKind(
        "organisation",
        "organisations",
        Organisation,
        ArticleOrganisation,
        "organisation_mentions",
        "slug",
        "name",
    ),
    EntityKind("person", "people", Person, ArticlePerson, "person_mentions", "slug", "name"),
    EntityKind("event", "events", Event, ArticleEvent, "event_mentions", "slug", "title"),
    EntityKind(
        "country", "countries", Country, ArticleCountry, "country_mentions", "code", "name_vi"
    ),
)
BY_NAME: dict[str, EntityKind] = {kind.name: kind for kind in KINDS}
BY_PLURAL: dict[str, EntityKind] = {kind.plural: kind for kind in KINDS}
BY_MODEL: dict[type[Model], EntityKind] = {kind.model: kind for kind in KINDS}


def with_mentions(qs: QuerySet, *, by_count: bool = False) -> QuerySet:
    """Articles with every kind's mentions (and their entities) prefetched."""
    return qs.prefetch_related(*(kind.prefetch(by_count=by_count) for kind in KINDS))
