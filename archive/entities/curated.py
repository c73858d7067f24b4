"""Load the curated entity file (seeds/entities.yaml) into the database: it seeds an empty
archive and adds what is new, and never reverts what curators or the API changed."""

import gettext
from dataclasses import dataclass
from pathlib import Path

import pycountry
import yaml
from django.db import transaction

from archive.events.kinds import ROLES, kind_normalise
from archive.events.service import participants_add
from archive.models import Country, Event, Organisation, Person, Role, SlugRedirect, Source
from archive.text import nfc


class CurationError(ValueError):
    """The entity file is malformed; the message names the entry."""


@dataclass
class LoadSummary:
    countries: int = 0
    sources: int = 0
    organisations: int = 0
    people: int = 0
    events: int = 0

    def __str__(self) -> str:
        return ", ".join(f"{value} {name}" for name, value in vars(self).items())


def _clean(value):
    if isinstance(value, str):
        return nfc(value.strip())
    if isinstance(value, list):
        return [_clean(item) for item in value]
    if isinstance(value, dict):
        return {key: _clean(item) for key, item in value.items()}
    return value


def countries_load(overrides: list[dict]) -> int:
    """Every ISO 3166 country missing from the archive, English and Vietnamese names (the
    file's entries first). A country already there keeps what curators and the API gave it."""
    vietnamese = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["vi"])
    by_code = {entry["code"].upper(): entry for entry in overrides}
    present = set(Country.objects.values_list("code", flat=True))
    missing = []
    for country in pycountry.countries:
        if country.alpha_2 in present:
            continue
        entry = by_code.get(country.alpha_2, {})
        english = getattr(country, "common_name", None) or country.name
        missing.append(
            Country(
                code=country.alpha_2,
                name_en=entry.get("name_en") or english,
                name_vi=entry.get("name_vi") or vietnamese.gettext(country.name),
                aliases=entry.get("aliases") or [],
            )
        )
    Country.objects.bulk_create(missing)
    return len(pycountry.countries)


def _country(code: str | None) -> Country | None:
    if not code:
        return None
    try:
        return Country.objects.get(code=code.upper())
    except Country.DoesNotExist:
        raise CurationError(f"unknown country code {code!r}") from None


def _partial(prefix: str, value: dict | None) -> dict:
    value = value or {}
    return {f"{prefix}_{part}": value.get(part) for part in ("year", "month", "day")}


def _require(entry: dict, section: str, *keys: str) -> None:
    missing = [key for key in keys if not entry.get(key)]
    if missing:
        raise CurationError(f"{section}: entry {entry!r} lacks {', '.join(missing)}")


def _kept(model, slug: str, kind: str) -> bool:
    """The record is in the archive already, or was merged into another: the file seeds an
    empty archive and adds what is new; it never overwrites what curators or the API changed,
    nor brings back a record a curator merged away."""
    return (
        model.objects.filter(slug=slug).exists()
        or SlugRedirect.objects.filter(kind=kind, old_slug=slug).exists()
    )


def _participant(event: str, entry: dict, org, people) -> tuple[str, str, object]:
    role = entry.get("role", "participant")
    if role not in ROLES:
        raise CurationError(f"event {event}: unknown role {role!r}")
    if entry.get("organisation"):
        return role, "organisation", org(entry["organisation"]).pk
    if entry.get("country"):
        return role, "country", _country(entry["country"]).pk
    if entry.get("person") in people:
        return role, "person", people[entry["person"]].pk
    raise CurationError(f"event {event}: participant {entry!r} names no known record")


@transaction.atomic
def entities_load(*, path: Path) -> LoadSummary:
    """Load the curated file into the archive: what it lacks is added, nothing is changed.

    The summary counts the entries read (each already present, or added)."""
    try:
        data = _clean(yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {})
    except yaml.YAMLError as exc:
        raise CurationError(f"{path}: not valid YAML: {exc}") from exc
    summary = LoadSummary()
    summary.countries = countries_load(data.get("countries", []))

    for entry in data.get("sources", []):
        _require(entry, "sources", "slug", "name")
        Source.objects.get_or_create(
            slug=entry["slug"],
            defaults={
                "name": entry["name"],
                "short_name": entry.get("short_name", ""),
                "domain": entry.get("domain", ""),
                "home_url": entry.get("home_url", ""),
                "country": _country(entry.get("country")),
                "language": entry.get("language", "vi"),
                "aliases": entry.get("aliases", []),
            },
        )
        summary.sources += 1

    organisations = data.get("organisations", [])
    added: list[dict] = []
    for entry in organisations:
        _require(entry, "organisations", "slug", "name")
        summary.organisations += 1
        if _kept(Organisation, entry["slug"], "organisation"):
            continue
        added.append(entry)
        Organisation.objects.create(
            slug=entry["slug"],
            name=entry["name"],
            name_en=entry.get("name_en", ""),
            acronym=entry.get("acronym", ""),
            aliases=entry.get("aliases", []),
            kind=entry.get("kind", Organisation.Kind.OTHER),
            country=_country(entry.get("country")),
            founded_year=entry.get("founded_year"),
            dissolved_year=entry.get("dissolved_year"),
            description=entry.get("description", ""),
            description_en=entry.get("description_en", ""),
            reviewed=True,
        )
    # Links between organisations once all of them exist.
    by_slug = {org.slug: org for org in Organisation.objects.all()}

    def org(slug: str | None) -> Organisation | None:
        if not slug:
            return None
        if slug not in by_slug:
            raise CurationError(f"unknown organisation {slug!r}")
        return by_slug[slug]

    for entry in added:
        record = by_slug[entry["slug"]]
        record.parent = org(entry.get("parent"))
        record.successor = org(entry.get("successor"))
        record.save(update_fields=["parent", "successor"])

    for entry in data.get("people", []):
        _require(entry, "people", "slug", "name")
        summary.people += 1
        if _kept(Person, entry["slug"], "person"):
            continue
        person = Person.objects.create(
            slug=entry["slug"],
            name=entry["name"],
            aliases=entry.get("aliases", []),
            description=entry.get("description", ""),
            description_en=entry.get("description_en", ""),
            country=_country(entry.get("country")),
            reviewed=True,
        )
        Role.objects.bulk_create(
            Role(
                person=person,
                title=role["title"],
                title_en=role.get("title_en", ""),
                rank=role.get("rank", ""),
                organisation=org(role.get("organisation")),
                note=role.get("note", ""),
                **_partial("start", role.get("start")),
                **_partial("end", role.get("end")),
            )
            for role in entry.get("roles", [])
        )

    people = {person.slug: person for person in Person.objects.all()}
    for entry in data.get("events", []):
        _require(entry, "events", "slug", "title")
        summary.events += 1
        if _kept(Event, entry["slug"], "event"):
            continue
        event = Event.objects.create(
            slug=entry["slug"],
            title=entry["title"],
            title_en=entry.get("title_en", ""),
            aliases=entry.get("aliases", []),
            kind=kind_normalise(entry.get("kind")),
            duration_days=entry.get("duration_days"),
            city=entry.get("city", ""),
            venue=entry.get("venue", ""),
            country=_country(entry.get("country")),
            participant_count_note=entry.get("participant_count_note", ""),
            participant_count_note_en=entry.get("participant_count_note_en", ""),
            description=entry.get("description", ""),
            description_en=entry.get("description_en", ""),
            reviewed=True,
            **_partial("start", entry.get("start")),
            **_partial("end", entry.get("end")),
        )
        rows = [("organiser", "organisation", org(slug).pk) for slug in entry.get("organisers", [])]
        role = "signatory" if event.kind == "agreement" else "participant"
        rows += [
            (role, "organisation", org(slug).pk)
            for slug in entry.get("participant_organisations", [])
        ]
        for slug in entry.get("participant_people", []):
            if slug not in people:
                raise CurationError(f"event {entry['slug']}: unknown person '{slug}'")
            rows.append((role, "person", people[slug].pk))
        rows += [
            (role, "country", _country(code).pk) for code in entry.get("participant_countries", [])
        ]
        if event.country_id and event.kind in ("conference", "meeting", "training"):
            rows.append(("host", "country", event.country_id))
        for participant in entry.get("participants", []):  # {role, organisation|country|person}
            rows.append(_participant(entry["slug"], participant, org, people))
        participants_add(event, rows)
    return summary
