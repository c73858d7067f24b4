"""The records of the NDJSON export besides articles: one table, in the order that imports.

The export (`/api/v1/export.ndjson`, `manage.py export`) is self-contained: a mirror built
from it needs nothing else. Each line is one record, `{"format": "cyberarchive.<type>/1", ...}`,
each record once, every record before the records that name it: countries, sources,
organisations (a parent or successor before the organisations naming it), people (with their
roles), events, stories, then articles (`archive.ingest.formats.ndjson`, with their mentions),
then the records naming articles (AFTER_ARTICLES).
Records name each other by their keys (slug, ISO code, a story's key), never by ids, which
differ from one archive to another.

A record type is one row of RECORD_TYPES: the model, the field naming a record, its plain
fields, the records it names (one or many), and its child rows (a person's roles). Importing a
record is idempotent: the same record again is `unchanged` and writes nothing; a record that
differs replaces the stored one's fields, links and child rows (`updated`).
"""

import base64
import binascii
import json
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime

from django.db import models, transaction

from archive.ingest.extract import ExtractError
from archive.models import (
    Article,
    Country,
    Event,
    EventParticipant,
    Organisation,
    Person,
    Role,
    SlugRedirect,
    Source,
    Story,
)


class RecordError(ExtractError):
    """This line cannot become a record; the message says why."""


@dataclass(frozen=True)
class Ref:
    """A field naming another record by its key: `Ref(Organisation)` is a slug."""

    model: type[models.Model]
    key: str = "slug"


@dataclass(frozen=True)
class Children:
    """Rows owned by the record (a person's roles), exported in order and replaced whole."""

    model: type[models.Model]
    parent: str  # the child's foreign key to the record
    fields: tuple[str, ...]
    refs: dict[str, Ref] = field(default_factory=dict)
    order: tuple[str, ...] = ("id",)


@dataclass(frozen=True)
class RecordType:
    name: str  # "organisation": the format is cyberarchive.organisation/1
    model: type[models.Model]
    key: str | tuple[str, ...]  # the field(s) that name a record across archives
    fields: tuple[str, ...]  # plain values; dates and times as ISO 8601
    refs: dict[str, Ref] = field(default_factory=dict)  # foreign keys, by the other's key
    many: dict[str, Ref] = field(default_factory=dict)  # many-to-many, by the others' keys
    children: dict[str, Children] = field(default_factory=dict)
    # The records in export order, when it matters beyond the key (parents before children).
    order: Callable[[Iterable], Iterable] | None = None

    @property
    def format(self) -> str:
        return f"cyberarchive.{self.name}/1"

    @property
    def keys(self) -> tuple[str, ...]:
        return (self.key,) if isinstance(self.key, str) else self.key

    def queryset(self):
        qs = self.model.objects.select_related(*self.refs).order_by(*self.keys)
        if self.many or self.children:
            qs = qs.prefetch_related(*self.many, *self.children)
        return qs

    def record(self, obj) -> dict:
        record = {"format": self.format}
        record.update({name: _plain(getattr(obj, name)) for name in self.keys})
        record.update({name: _plain(getattr(obj, name)) for name in self.fields})
        record.update({name: _ref_key(getattr(obj, name), ref) for name, ref in self.refs.items()})
        for name, ref in self.many.items():
            record[name] = sorted(getattr(o, ref.key) for o in getattr(obj, name).all())
        for name, spec in self.children.items():
            rows = sorted(getattr(obj, name).all(), key=_sort_key(spec.order))
            record[name] = [_child_record(row, spec) for row in rows]
        return record

    def load(self, record: dict) -> tuple[str, models.Model]:
        """One record into the archive: ("added" | "updated" | "unchanged", the record)."""
        key = {name: record.get(name) for name in self.keys}
        for name, value in key.items():
            if not isinstance(value, str) or not value:
                raise RecordError(f"{name}: required")
        values = {name: _value(self.model, name, record.get(name)) for name in self.fields}
        values.update(
            {name: _resolve(ref, record.get(name), name) for name, ref in self.refs.items()}
        )
        many = {name: _resolve_many(ref, record.get(name), name) for name, ref in self.many.items()}
        children = {
            name: _children(spec, record.get(name), name) for name, spec in self.children.items()
        }
        stamps = {name: values.pop(name) for name in list(values) if _stamped(self.model, name)}
        with transaction.atomic():
            obj = self.model.objects.select_for_update().filter(**key).first()
            if obj is not None and _same(self.record(obj), record):
                return "unchanged", obj
            status = "updated" if obj is not None else "added"
            obj = obj or self.model(**key)
            for name, value in values.items():
                setattr(obj, name, value)
            obj.save()
            for name, objects in many.items():
                getattr(obj, name).set(objects)
            for name, rows in children.items():
                spec = self.children[name]
                spec.model.objects.filter(**{spec.parent: obj}).delete()
                spec.model.objects.bulk_create(spec.model(**{spec.parent: obj}, **r) for r in rows)
            kept = {name: value for name, value in stamps.items() if value is not None}
            if kept:  # auto_now(_add) fields: kept as exported
                self.model.objects.filter(pk=obj.pk).update(**kept)
            obj.refresh_from_db()
        return status, obj


def _plain(value):
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, bytes | memoryview):
        return base64.b64encode(bytes(value)).decode("ascii")  # a BinaryField
    if isinstance(value, uuid.UUID):
        return str(value)
    return value


def _ref_key(obj, ref: Ref):
    return getattr(obj, ref.key) if obj is not None else None


def _sort_key(order: tuple[str, ...]):
    def key(row):
        values = [getattr(row, name) for name in order]
        return tuple((value is not None, value if value is not None else 0) for value in values)

    return key


def _child_record(row, spec: Children) -> dict:
    record = {name: _plain(getattr(row, name)) for name in spec.fields}
    record.update({name: _ref_key(getattr(row, name), ref) for name, ref in spec.refs.items()})
    return record


def _stamped(model, name: str) -> bool:
    model_field = model._meta.get_field(name)
    return bool(
        getattr(model_field, "auto_now", False) or getattr(model_field, "auto_now_add", False)
    )


def _value(model, name: str, value):
    model_field = model._meta.get_field(name)
    if value is None:
        if model_field.null:
            return None
        return model_field.get_default()
    try:
        if isinstance(model_field, models.DateTimeField):
            return datetime.fromisoformat(value)
        if isinstance(model_field, models.DateField):
            return date.fromisoformat(value)
    except (TypeError, ValueError):
        raise RecordError(f"{name}: not an ISO date: {value!r}") from None
    if isinstance(model_field, models.BinaryField):
        try:
            return base64.b64decode(value, validate=True)
        except (binascii.Error, ValueError, TypeError):
            raise RecordError(f"{name}: not base64") from None
    return value


def _resolve(ref: Ref, value, name: str):
    if value is None:
        return None
    found = ref.model.objects.filter(**{ref.key: value}).first()
    if found is None:
        raise RecordError(f"{name}: unknown {ref.key} {value!r}")
    return found


def _resolve_many(ref: Ref, values, name: str) -> list:
    if not isinstance(values or [], list):
        raise RecordError(f"{name}: expected a list")
    wanted = [str(v) for v in values or []]
    found = {getattr(o, ref.key): o for o in ref.model.objects.filter(**{f"{ref.key}__in": wanted})}
    if missing := [v for v in wanted if v not in found]:
        raise RecordError(f"{name}: unknown {ref.key} {', '.join(map(repr, missing))}")
    return [found[v] for v in wanted]


def _children(spec: Children, rows, name: str) -> list[dict]:
    if not isinstance(rows or [], list) or not all(isinstance(r, dict) for r in rows or []):
        raise RecordError(f"{name}: expected a list of objects")
    out = []
    for row in rows or []:
        values = {f: _value(spec.model, f, row.get(f)) for f in spec.fields}
        values.update({f: _resolve(ref, row.get(f), f"{name}.{f}") for f, ref in spec.refs.items()})
        out.append(values)
    return out


def _same(stored: dict, record: dict) -> bool:
    """The record as stored, through JSON as exported, against the line read."""
    return json.loads(json.dumps(stored)) == {**record}


def _parents_first(organisations: Iterable[Organisation]) -> Iterator[Organisation]:
    """Each organisation after its parent and successor (a cycle, which writes refuse, would
    be broken at the organisation whose slug sorts first)."""
    pending = {o.pk: o for o in organisations}
    done: set[int] = set()

    def visit(org: Organisation, path: set[int]) -> Iterator[Organisation]:
        if org.pk in done or org.pk in path:
            return
        path.add(org.pk)
        for other in (org.parent_id, org.successor_id):
            if other in pending:
                yield from visit(pending[other], path)
        done.add(org.pk)
        yield org

    for org in list(pending.values()):
        yield from visit(org, set())


ROLE_FIELDS = (
    "title",
    "title_en",
    "rank",
    "start_year",
    "start_month",
    "start_day",
    "end_year",
    "end_month",
    "end_day",
    "note",
)
DATES = ("start_year", "start_month", "start_day", "end_year", "end_month", "end_day")

# In the order that imports, before the articles: a record type only names types above it. A
# new record type (an event kind's table, say) is one line here, placed after what it names;
# one that names articles goes in AFTER_ARTICLES.
RECORD_TYPES: tuple[RecordType, ...] = (
    RecordType("country", Country, "code", ("name_vi", "name_en", "aliases")),
    RecordType(
        "source",
        Source,
        "slug",
        ("name", "short_name", "domain", "home_url", "language", "aliases"),
        refs={"country": Ref(Country, "code")},
    ),
    RecordType(
        "organisation",
        Organisation,
        "slug",
        (
            *("name", "name_en", "acronym", "aliases", "kind", "founded_year"),
            *("dissolved_year", "description", "description_en", "reviewed"),
        ),
        refs={
            "country": Ref(Country, "code"),
            "parent": Ref(Organisation),
            "successor": Ref(Organisation),
        },
        order=_parents_first,
    ),
    RecordType(
        "person",
        Person,
        "slug",
        ("name", "aliases", "description", "description_en", "reviewed"),
        refs={"country": Ref(Country, "code")},
        children={
            "roles": Children(
                Role,
                "person",
                ROLE_FIELDS,
                refs={"organisation": Ref(Organisation)},
                order=("start_year", "id"),
            )
        },
    ),
    RecordType(
        "event",
        Event,
        "slug",
        (
            *("title", "title_en", "aliases", "kind", *DATES, "duration_days", "city"),
            *("venue", "participant_count_note", "participant_count_note_en", "border_gate"),
            *("people_count", "arrests", "crime", "description", "description_en", "reviewed"),
        ),
        refs={"country": Ref(Country, "code")},
        many={
            "organisers": Ref(Organisation),
            "participant_organisations": Ref(Organisation),
            "participant_people": Ref(Person),
            "participant_countries": Ref(Country, "code"),
        },
        children={
            "participants": Children(
                EventParticipant,
                "event",
                ("role",),
                refs={
                    "organisation": Ref(Organisation),
                    "country": Ref(Country, "code"),
                    "person": Ref(Person),
                },
                order=("role", "id"),
            )
        },
    ),
    RecordType("story", Story, "key", ("title", "created_at")),
    RecordType("slug_redirect", SlugRedirect, ("kind", "old_slug"), ("new_slug", "created_at")),
)
# Records that name articles (`Ref(Article)`), exported after them: a capture version, say.
AFTER_ARTICLES: tuple[RecordType, ...] = ()
BY_FORMAT: dict[str, RecordType] = {rt.format: rt for rt in RECORD_TYPES + AFTER_ARTICLES}


def records_export(types: tuple[RecordType, ...], *, articles=None) -> Iterator[dict]:
    """The records of `types`, in order. `articles` (a queryset: a partial export): stories
    and records naming an article only for these articles; the others whole."""
    for record_type in types:
        qs = record_type.queryset()
        if articles is not None:
            if record_type.model is Story:
                qs = qs.filter(pk__in=articles.values("story_id"))
            for name, ref in record_type.refs.items():
                if ref.model is Article:
                    qs = qs.filter(**{f"{name}__in": articles.values("pk")})
        rows = qs.iterator(chunk_size=500)
        if record_type.order is not None:
            rows = record_type.order(list(rows))
        for obj in rows:
            yield record_type.record(obj)
