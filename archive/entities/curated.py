"""Load the curated entity file (seeds/entities.yaml) into the database, idempotently."""

import gettext
from dataclasses import dataclass
from pathlib import Path

import pycountry
import yaml
from django.db import transaction

from archive.models import Country, Event, Organisation, Person, Role, Source
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
    """Every ISO 3166 country, English and Vietnamese names; the file's entries take precedence."""
    vietnamese = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["vi"])
    by_code = {entry["code"].upper(): entry for entry in overrides}
    for country in pycountry.countries:
        entry = by_code.get(country.alpha_2, {})
        english = getattr(country, "common_name", None) or country.name
        Country.objects.update_or_create(
            code=country.alpha_2,
            defaults={
                "name_en": entry.get("name_en") or english,
                "name_vi": entry.get("name_vi") or vietnamese.gettext(country.name),
                "aliases": entry.get("aliases") or [],
            },
        )
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


@transaction.atomic
def entities_load(*, path: Path) -> LoadSummary:
    try:
        data = _clean(yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {})
    except yaml.YAMLError as exc:
        raise CurationError(f"{path}: not valid YAML: {exc}") from exc
    summary = LoadSummary()
    summary.countries = countries_load(data.get("countries", []))

    for entry in data.get("sources", []):
        _require(entry, "sources", "slug", "name")
        Source.objects.update_or_create(
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
    for entry in organisations:
        _require(entry, "organisations", "slug", "name")
        Organisation.objects.update_or_create(
            slug=entry["slug"],
            defaults={
                "name": entry["name"],
                "name_en": entry.get("name_en", ""),
                "acronym": entry.get("acronym", ""),
                "aliases": entry.get("aliases", []),
                "kind": entry.get("kind", Organisation.Kind.OTHER),
                "country": _country(entry.get("country")),
                "founded_year": entry.get("founded_year"),
                "dissolved_year": entry.get("dissolved_year"),
                "description": entry.get("description", ""),
                "description_en": entry.get("description_en", ""),
                "reviewed": True,
            },
        )
        summary.organisations += 1
    # Links between organisations once all of them exist.
    by_slug = {org.slug: org for org in Organisation.objects.all()}

    def org(slug: str | None) -> Organisation | None:
        if not slug:
            return None
        if slug not in by_slug:
            raise CurationError(f"unknown organisation {slug!r}")
        return by_slug[slug]

    for entry in organisations:
        record = by_slug[entry["slug"]]
        record.parent = org(entry.get("parent"))
        record.successor = org(entry.get("successor"))
        record.save(update_fields=["parent", "successor"])

    for entry in data.get("people", []):
        _require(entry, "people", "slug", "name")
        person, _ = Person.objects.update_or_create(
            slug=entry["slug"],
            defaults={
                "name": entry["name"],
                "aliases": entry.get("aliases", []),
                "description": entry.get("description", ""),
                "description_en": entry.get("description_en", ""),
                "country": _country(entry.get("country")),
                "reviewed": True,
            },
        )
        person.roles.all().delete()
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
        summary.people += 1

    people = {person.slug: person for person in Person.objects.all()}
    for entry in data.get("events", []):
        _require(entry, "events", "slug", "title")
        event, _ = Event.objects.update_or_create(
            slug=entry["slug"],
            defaults={
                "title": entry["title"],
                "title_en": entry.get("title_en", ""),
                "aliases": entry.get("aliases", []),
                "kind": entry.get("kind", Event.Kind.OTHER),
                "duration_days": entry.get("duration_days"),
                "city": entry.get("city", ""),
                "venue": entry.get("venue", ""),
                "country": _country(entry.get("country")),
                "participant_count_note": entry.get("participant_count_note", ""),
                "participant_count_note_en": entry.get("participant_count_note_en", ""),
                "description": entry.get("description", ""),
                "description_en": entry.get("description_en", ""),
                "reviewed": True,
                **_partial("start", entry.get("start")),
                **_partial("end", entry.get("end")),
            },
        )
        event.organisers.set([org(slug) for slug in entry.get("organisers", [])])
        event.participant_organisations.set(
            [org(slug) for slug in entry.get("participant_organisations", [])]
        )
        try:
            event.participant_people.set(
                [people[slug] for slug in entry.get("participant_people", [])]
            )
        except KeyError as exc:
            raise CurationError(f"event {entry['slug']}: unknown person {exc}") from None
        event.participant_countries.set(
            [_country(code) for code in entry.get("participant_countries", [])]
        )
        summary.events += 1
    return summary
