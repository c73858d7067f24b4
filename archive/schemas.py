"""API output schemas: explicit fields, never __all__."""

from datetime import date, datetime

from ninja import Schema


class SourceRef(Schema):
    id: int
    slug: str
    name: str
    url: str


class EntityRef(Schema):
    id: int | str
    slug: str
    name: str
    url: str
    count: int | None = None


class ArticleListItem(Schema):
    id: int
    slug: str
    title: str
    url: str
    source: SourceRef | None
    published_on: date | None
    language: str


class ArticleOut(ArticleListItem):
    lede: str
    body: str
    captions: list[dict]
    authors: list[str]
    editors: list[str]
    source_note: str
    tags: list[str]
    original_url: str | None
    published_at: datetime | None
    captured_on: date | None
    sha256: str
    organisations: list[EntityRef]
    people: list[EntityRef]
    events: list[EntityRef]
    countries: list[EntityRef]


class OrganisationOut(Schema):
    id: int
    slug: str
    name: str
    name_en: str
    acronym: str
    aliases: list[str]
    kind: str
    country: str | None
    parent: str | None
    successor: str | None
    url: str


class PersonOut(Schema):
    id: int
    slug: str
    name: str
    aliases: list[str]
    url: str


class EventOut(Schema):
    id: int
    slug: str
    title: str
    title_en: str
    kind: str
    starts: str
    ends: str
    city: str
    venue: str
    country: str | None
    url: str


class ErrorOut(Schema):
    code: str
    message: str
