"""Writes through the API: the same extraction and entity linking as `manage.py ingest`."""

import functools
import hashlib
import json
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db import IntegrityError, transaction

from archive.api.keys import api_write_record
from archive.entities.matching import EntityMatcher, EntityRegistry, article_link_entities
from archive.entities.relink import Relinked, entity_names, entity_relink
from archive.events.kinds import kind_normalise
from archive.events.service import (
    EventContext,
    article_events_extract,
    participant_rows,
    participants_follow_lists,
    participants_replace,
)
from archive.ingest.dates import FoundDate
from archive.ingest.extract import Extracted
from archive.ingest.formats import Document
from archive.ingest.service import Ingester, IngestResult
from archive.ingest.similar import near_duplicates_link
from archive.models import (
    ApiKey,
    Article,
    Country,
    Event,
    Organisation,
    Person,
    Source,
)
from archive.partial_dates import partial_date_parse
from archive.text import clean_text, nfc, slugify


def losing_a_race_retried(write):
    """Run `write` again when it lost a race: two requests creating the same record both found
    none and both inserted; the loser's insert broke a unique constraint (slug, url,
    raw_sha256). Run again, it finds the winner's record and answers as a sequential
    duplicate would (200 `unchanged` or `updated`), not with a server error."""

    @functools.wraps(write)
    def wrapper(*args, **kwargs):
        for attempt in range(RACE_ATTEMPTS):
            try:
                with transaction.atomic():
                    return write(*args, **kwargs)
            except IntegrityError:
                if attempt == RACE_ATTEMPTS - 1:
                    raise
        raise AssertionError("unreachable")

    return wrapper


RACE_ATTEMPTS = 3


@losing_a_race_retried
def article_submit_raw(*, key: ApiKey, raw: str, url: str | None = None) -> IngestResult:
    """A raw text capture in; idempotent by content hash, or by URL (then updated)."""
    result = Ingester().ingest_text(raw=raw.encode("utf-8"), name="api", url=url)
    api_write_record(key=key, action=result.status, kind="article", record=result.article)
    return result


@losing_a_race_retried
def article_submit_fields(*, key: ApiKey, fields: dict) -> IngestResult:
    """Structured fields in: kept as canonical JSON (the raw capture), then linked as ingest."""
    raw = json.dumps(fields, ensure_ascii=False, sort_keys=True, default=str).encode("utf-8")
    sha256 = hashlib.sha256(raw).hexdigest()
    ingester = Ingester()
    existing = Article.objects.filter(raw_sha256=sha256).first()
    if existing:
        result = IngestResult("unchanged", existing)
    else:
        paragraphs = [p for p in [fields.get("lede") or "", *fields["body"].split("\n\n")] if p]
        published: date | None = fields.get("published_on")
        extracted = Extracted(
            title=fields["title"],
            paragraphs=paragraphs,
            authors=fields.get("authors") or [],
            tags=fields.get("tags") or [],
            source_note=fields.get("source_note") or "",
            source_names=[s.name for s in Source.objects.filter(slug=fields.get("source") or "")],
            published=FoundDate(published, None) if published else None,
            language=fields.get("language") or "vi",
            url=fields.get("url"),
        )
        document = Document(raw=raw, name="api", format="json", url=fields.get("url"))
        result = ingester.save(extracted, document=document, sha256=sha256)
    api_write_record(key=key, action=result.status, kind="article", record=result.article)
    return result


class WriteError(ValueError):
    """A write the API refuses with a 4xx: an unknown linked record, a conflict, no such record."""

    def __init__(self, status: int, code: str, message: str):
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


def _unknown(what: str, missing) -> WriteError:
    names = ", ".join(sorted(str(m) for m in missing))
    return WriteError(422, "unknown_reference", f"Unknown {what}: {names}.")


def _organisations(slugs: list[str], what: str) -> list[Organisation]:
    found = {o.slug: o for o in Organisation.objects.filter(slug__in=slugs)}
    if missing := set(slugs) - set(found):
        raise _unknown(what, missing)
    return [found[slug] for slug in dict.fromkeys(slugs)]


def _people(slugs: list[str]) -> list[Person]:
    found = {p.slug: p for p in Person.objects.filter(slug__in=slugs)}
    if missing := set(slugs) - set(found):
        raise _unknown("participant person slug(s)", missing)
    return [found[slug] for slug in dict.fromkeys(slugs)]


def _countries(codes: list[str], what: str) -> list[Country]:
    codes = [code.upper() for code in codes]
    found = {c.code: c for c in Country.objects.filter(code__in=codes)}
    if missing := set(codes) - set(found):
        raise _unknown(what, missing)
    return [found[code] for code in dict.fromkeys(codes)]


def _country(code: str | None) -> Country | None:
    return _countries([code], "country code")[0] if code else None


# Plain fields each kind takes as given ("" or [] when cleared with null in a PATCH).
ENTITY_FIELDS = {
    "organisation": ["name", "name_en", "acronym", "aliases", "kind", "description"],
    "person": ["name", "aliases", "description"],
    "event": [
        "title",
        "title_en",
        "aliases",
        "kind",
        "city",
        "venue",
        "participant_count_note",
        "participant_count_note_en",
        "description",
        "border_gate",
        "crime",
        "people_count",
        "arrests",
    ],
}
NUMBER_FIELDS = {"people_count", "arrests"}
LIST_FIELDS = {"aliases"}
DEFAULT_KIND = "other"
EVENT_LINKS = {
    "organisers": lambda slugs: _organisations(slugs, "organiser organisation slug(s)"),
    "participant_organisations": lambda slugs: _organisations(
        slugs, "participant organisation slug(s)"
    ),
    "participant_people": _people,
    "participant_countries": lambda codes: _countries(codes, "participant country code(s)"),
}
MODELS = {"organisation": Organisation, "person": Person, "event": Event}


def _plain(name: str, value):
    if name == "kind":
        return kind_normalise(value)
    if name in NUMBER_FIELDS:
        return value
    if value is None:
        return [] if name in LIST_FIELDS else DEFAULT_KIND if name == "kind" else ""
    if isinstance(value, str):
        return clean_text(value).strip()
    if isinstance(value, list):
        return [clean_text(v).strip() for v in value if v and clean_text(v).strip()]
    return value


def _entity_values(kind: str, fields: dict, slug: str) -> tuple[dict, dict]:
    """Model attributes and many-to-many lists for the `fields` given (linked slugs resolved)."""
    values = {name: _plain(name, fields[name]) for name in ENTITY_FIELDS[kind] if name in fields}
    links: dict[str, list] = {}
    if "country" in fields and kind in ("organisation", "event"):
        values["country"] = _country(fields["country"])
    if kind == "organisation" and "parent" in fields:
        parent = fields["parent"]
        if parent == slug:
            raise WriteError(422, "invalid_parameter", "An organisation cannot be its own parent.")
        values["parent"] = (
            _organisations([parent], "parent organisation slug")[0] if parent else None
        )
        if values["parent"] is not None:
            _parent_cycle_refuse(slug, values["parent"])
    if kind == "event":
        for end in ("start", "end"):
            if f"{end}s" in fields:
                text = fields[f"{end}s"]
                year, month, day = partial_date_parse(text) if text else (None, None, None)
                values.update({f"{end}_year": year, f"{end}_month": month, f"{end}_day": day})
        for name, resolve in EVENT_LINKS.items():
            if name in fields:
                links[name] = resolve(fields[name] or [])
    return values, links


def _parent_cycle_refuse(slug: str, parent: Organisation) -> None:
    """422 when `slug` is already above `parent` (A → B → C → A would make a cycle)."""
    seen, current = [slug], parent
    while current is not None:
        if current.slug in seen:
            chain = " → ".join([*seen, current.slug])
            raise WriteError(422, "invalid_parameter", f"The parent would make a cycle: {chain}.")
        seen.append(current.slug)
        current = current.parent


def _partial_key(year, month, day, *, end: bool) -> tuple[int, int, int] | None:
    """The earliest (or for an end the latest) day a partial date may mean; None without a
    year, which cannot be ordered."""
    if not year:
        return None
    if end:
        return (year, month or 12, day or 31)
    return (year, month or 1, day or 1)


def _event_dates_check(event: Event) -> None:
    starts = _partial_key(event.start_year, event.start_month, event.start_day, end=False)
    ends = _partial_key(event.end_year, event.end_month, event.end_day, end=True)
    if starts and ends and ends < starts:
        raise WriteError(
            422,
            "invalid_parameter",
            f"The event ends ({event.ends}) before it starts ({event.starts}).",
        )


def entity_slug(name: str) -> str:
    """The slug made from a name; a name without letters or digits ("???") gets one of its
    own (from its SHA-256), not the "untitled" every such name would share."""
    slug = slugify(name, max_length=100)
    if slug == "untitled" and slugify(name + "x", max_length=100) == "x":
        slug = "untitled-" + hashlib.sha256(nfc(name.strip()).encode()).hexdigest()[:10]
    return slug


def _participants(fields: dict) -> set[tuple[str, str, object]] | None:
    """The (role, kind, key) rows of the `participants` sent, each record resolved (422 when
    unknown); None when none were sent."""
    if "participants" not in fields:
        return None
    rows = set()
    for item in fields["participants"] or []:
        if item.get("organisation"):
            org = _organisations([item["organisation"]], "participant organisation slug")[0]
            rows.add((item["role"], "organisation", org.pk))
        elif item.get("country"):
            rows.add((item["role"], "country", _country(item["country"]).pk))
        else:
            rows.add((item["role"], "person", _people([item["person"]])[0].pk))
    return rows


@dataclass
class EntityWrite:
    status: str  # "added", "updated" or "unchanged"
    record: object
    relinked: Relinked | None = None  # when the write gave the record new names


def _names(record) -> set[str]:
    return set(entity_names(record)) if record.pk else set()


@losing_a_race_retried
def entity_write(
    *, key: ApiKey, kind: str, slug: str | None, fields: dict, create: bool = True
) -> EntityWrite:
    """Create or update an organisation, person or event by slug, with the fields given.

    `fields` holds only what the client sent: a POST leaves out its nulls (omitted fields keep
    their value), a PATCH keeps them (null clears). With `create=False` (PATCH) an unknown slug
    is a 404. New records are unreviewed. When the record gets new names, the archived
    articles naming it are linked (`entity_relink`).
    """
    model = MODELS[kind]
    slug = slug or entity_slug(fields.get("name") or fields.get("title") or "")
    if not slug:
        raise WriteError(422, "invalid_parameter", "No slug given, and none can be made.")
    with transaction.atomic():
        record = model.objects.select_for_update().filter(slug=slug).first()
        if record is None and not create:
            raise WriteError(404, "not_found", f"No {kind} with slug {slug!r}.")
        values, links = _entity_values(kind, fields, slug)
        if record is None:
            record, status = model(slug=slug, reviewed=False), "added"
            if kind == "event" and "title" not in values:
                raise WriteError(422, "invalid_parameter", "A new event needs a title.")
        else:
            status = "unchanged"
        names_before = _names(record)
        participants = _participants(fields) if kind == "event" else None
        changed_participants = participants is not None and (
            status == "added" or participants != participant_rows(record)
        )
        changed = [name for name, value in values.items() if getattr(record, name) != value]
        changed_links = [
            name
            for name, objects in links.items()
            if status == "added"
            or set(getattr(record, name).values_list("pk", flat=True)) != {o.pk for o in objects}
        ]
        if status == "added" or changed or changed_links or changed_participants:
            for name, value in values.items():
                setattr(record, name, value)
            if kind == "event":
                _event_dates_check(record)
            record.save()
            for name in changed_links:
                getattr(record, name).set(links[name])
            if kind == "event" and changed_links:
                participants_follow_lists(record, changed_links)
            if changed_participants:
                participants_replace(record, participants)
            status = "updated" if status == "unchanged" else status
        relinked = None
        if _names(record) - names_before:
            relinked = entity_relink(record, limit=settings.API_RELINK_LIMIT)
        api_write_record(key=key, action=status, kind=kind, record=record)
    return EntityWrite(status, record, relinked)


COUNTRY_FIELDS = ["name_vi", "name_en", "aliases"]


@losing_a_race_retried
def country_write(*, key: ApiKey, code: str, fields: dict, path: bool = False) -> EntityWrite:
    """Change the names or aliases of a listed country; the list itself (ISO 3166) is fixed.

    An unlisted code is refused: 404 when it is the record's address (`path`), else 422.
    """
    code = (code or "").upper()
    with transaction.atomic():
        country = Country.objects.select_for_update().filter(code=code).first()
        if country is None:
            if path:
                raise WriteError(404, "not_found", f"No country with ISO code {code!r}.")
            raise WriteError(
                422,
                "not_an_iso_country",
                f"Countries are the fixed ISO 3166 list and {code!r} is not in it: they cannot "
                "be created, only the names and aliases of a listed country changed.",
            )
        values = {name: _plain(name, fields[name]) for name in COUNTRY_FIELDS if name in fields}
        names_before = set(entity_names(country))
        changed = {n: v for n, v in values.items() if getattr(country, n) != v}
        status = "updated" if changed else "unchanged"
        if changed:
            for name, value in changed.items():
                setattr(country, name, value)
            country.save()
        relinked = None
        if set(entity_names(country)) - names_before:
            relinked = entity_relink(country, limit=settings.API_RELINK_LIMIT)
        api_write_record(key=key, action=status, kind="country", record=country)
    return EntityWrite(status, country, relinked)


ARTICLE_TEXT_FIELDS = ["title", "lede", "body"]
ARTICLE_FIELDS = [*ARTICLE_TEXT_FIELDS, "language", "source_note", "authors", "tags"]
ARTICLE_LISTS = {"authors", "tags"}


@losing_a_race_retried
def article_patch(*, key: ApiKey, slug: str, fields: dict) -> IngestResult:
    """Change only the article fields given; the raw capture and its checksum stay as received.

    A new title, lede or body re-runs the ingest's entity linking for the article (the search
    vectors are generated columns, so PostgreSQL recomputes them); a new lede or body also
    recomputes the near-duplicate bands and story.
    """
    values: dict = {}
    for name in ARTICLE_FIELDS:
        if name in fields:
            value = fields[name]
            if value is None:
                value = [] if name in ARTICLE_LISTS else ""
            elif isinstance(value, str):
                value = clean_text(value).strip()
            else:
                value = [clean_text(v).strip() for v in value if v and clean_text(v).strip()]
            values[name] = value
    if "source" in fields:
        source = fields["source"]
        values["source"] = Source.objects.filter(slug=source).first() if source else None
        if source and values["source"] is None:
            raise _unknown("source slug", [source])
    if "published_on" in fields:
        values["published_on"] = fields["published_on"]
    if "url" in fields:
        values["url"] = fields["url"] or None
    with transaction.atomic():
        article = Article.objects.select_for_update().filter(slug=slug).first()
        if article is None:
            raise WriteError(404, "not_found", f"No article with slug {slug!r}.")
        url = values.get("url")
        if url and Article.objects.filter(url=url).exclude(pk=article.pk).exists():
            raise WriteError(409, "conflict", "Another article already has this url.")
        changed = {n: v for n, v in values.items() if getattr(article, n) != v}
        if changed:
            for name, value in changed.items():
                setattr(article, name, value)
            if "published_on" in changed:
                article.published_at = None  # a time only when a capture states one
            article.save()
            if any(name in changed for name in ARTICLE_TEXT_FIELDS):
                matcher = EntityMatcher.from_database()
                article_link_entities(article, matcher, EntityRegistry())
                article_events_extract([article], context=EventContext.build(matcher))
            if "lede" in changed or "body" in changed:
                near_duplicates_link([article], replace=True)
        status = "updated" if changed else "unchanged"
        api_write_record(key=key, action=status, kind="article", record=article)
    return IngestResult(status, article)
