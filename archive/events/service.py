"""Events found in articles, stored: one event however many articles (and languages) report it.

`article_events_extract(articles, context=...)` is the one call ingest makes (and the
`extract_events` command, for the archive already stored). An event found in an article is
the same event as a stored one of the same kind when their countries overlap (at least two in
common, or all of the smaller side) and their dates are close (`DAYS_APART`, or the same or
next month when only the month is known). Discovered events are unreviewed; a reviewed event
only gains the new report, never new participants or fields (curators' edits stand).
"""

import re
from dataclasses import dataclass, field
from datetime import date

from archive.entities.matching import EntityMatcher
from archive.events.extract import CITIES, ArticleText, FoundEvent, PartialDate, events_find
from archive.models import (
    Article,
    Country,
    Event,
    EventParticipant,
    EventReport,
    Organisation,
    Person,
)
from archive.text import slugify

DAYS_APART = 10

KIND_TITLES = {
    "agreement": ("Ký kết văn kiện hợp tác", "Agreement"),
    "extradition": ("Dẫn độ", "Extradition"),
    "handover": ("Bàn giao đối tượng", "Hand-over of suspects"),
    "repatriation": ("Trao trả, tiếp nhận công dân", "Repatriation"),
    "joint_operation": ("Phối hợp điều tra, triệt phá", "Joint operation"),
    "legal_assistance": ("Tương trợ tư pháp", "Mutual legal assistance"),
    "information_exchange": ("Trao đổi thông tin", "Information exchange"),
    "training": ("Tập huấn, đào tạo", "Training"),
    "equipment": ("Trao tặng trang thiết bị", "Equipment donation"),
    "conference": ("Hội nghị", "Conference"),
    "visit": ("Thăm và làm việc", "Official visit"),
}


@dataclass
class EventContext:
    """What extraction needs once per run: the entity matcher and each organisation's country."""

    matcher: EntityMatcher
    org_countries: dict[int, str | None] = field(default_factory=dict)
    person_countries: dict[int, str | None] = field(default_factory=dict)
    country_names: dict[str, tuple[str, str]] = field(default_factory=dict)

    @classmethod
    def build(cls, matcher: EntityMatcher | None = None) -> "EventContext":
        return cls(
            matcher or EntityMatcher.from_database(),
            dict(Organisation.objects.values_list("id", "country_id")),
            dict(Person.objects.values_list("id", "country_id")),
            {c.code: (c.name_vi, c.name_en) for c in Country.objects.all()},
        )

    def names(self, text: str):
        found = self.matcher.find(text)
        countries = [key.id for key in found if key.kind == "country"]
        organisations = {
            key.id: self.org_countries.get(key.id) for key in found if key.kind == "organisation"
        }
        people = {
            key.id: self.person_countries.get(key.id) for key in found if key.kind == "person"
        }
        return countries, organisations, people


def article_text(article: Article) -> ArticleText:
    paragraphs = [article.lede, *article.paragraphs] if article.lede else article.paragraphs
    if article.lede and article.paragraphs and article.paragraphs[0] == article.lede:
        paragraphs = article.paragraphs
    return ArticleText(article.title, paragraphs, article.language, article.published_on)


def _day(d: PartialDate) -> date | None:
    if d.year and d.month and d.day:
        return date(d.year, d.month, d.day)
    return None


def _close(found: PartialDate, event: Event) -> bool:
    stored = PartialDate(event.start_year, event.start_month, event.start_day)
    if found.year and stored.year and abs(found.year - stored.year) > 1:
        return False
    a, b = _day(found), _day(stored)
    if a and b:
        return abs((a - b).days) <= DAYS_APART
    if found.year and stored.year and found.month and stored.month:
        months = abs((found.year * 12 + found.month) - (stored.year * 12 + stored.month))
        return months <= 1
    if found.year and stored.year:
        return found.year == stored.year
    if found.month and stored.month and not (found.year and stored.year):
        return found.month == stored.month and (
            not (found.day and stored.day) or abs(found.day - stored.day) <= DAYS_APART
        )
    return False


def _overlap(ours: set[str], theirs: set[str]) -> bool:
    return len(ours & theirs) >= min(2, len(ours), len(theirs)) > 0


def _candidates(found: list[FoundEvent]) -> list[tuple[Event, set[str]]]:
    """Stored events that the found ones may be (same kinds, years near), with their countries:
    two queries however many were found."""
    years = {f.start.year for f in found}
    qs = Event.objects.filter(kind__in={f.kind for f in found})
    if None not in years:
        qs = qs.filter(start_year__gte=min(years) - 1, start_year__lte=max(years) + 1)
    return [
        (event, {c.code for c in event.participant_countries.all()})
        for event in qs.prefetch_related("participant_countries")
    ]


def _same(found: FoundEvent, candidates: list[tuple[Event, set[str]]]) -> Event | None:
    ours = set(found.countries)
    for event, theirs in candidates:
        if event.kind == found.kind and _overlap(ours, theirs) and _close(found.start, event):
            return event
    return None


def event_same(found: FoundEvent) -> Event | None:
    """The stored event this one is, if any."""
    return _same(found, _candidates([found]))


def participants_add(event: Event, rows: list[tuple[str, str, object]]) -> None:
    """Add (role, kind, id) participants, and keep the participant lists in step with them:
    organisers are the hosts and organisers, everyone else a participant."""
    EventParticipant.objects.bulk_create(
        [
            EventParticipant(event=event, role=role, **{f"{kind}_id": ident})
            for role, kind, ident in rows
        ],
        ignore_conflicts=True,
    )
    participants_sync(event)


def participant_rows(event: Event) -> set[tuple[str, str, object]]:
    """The event's participants as (role, kind, key) rows; none for an unsaved event."""
    if not event.pk:
        return set()
    return {
        (p.role, kind, getattr(p, f"{kind}_id"))
        for p in event.participants.all()
        for kind in ("organisation", "country", "person")
        if getattr(p, f"{kind}_id")
    }


def participants_replace(event: Event, rows: set[tuple[str, str, object]]) -> None:
    """The event's participants become `rows` (a curator's or partner's list)."""
    event.participants.all().delete()
    participants_add(event, sorted(rows, key=str))


# The first data model's lists, and the participant rows each stands for.
LISTS = {
    "organisers": ("organisation", True),
    "participant_organisations": ("organisation", False),
    "participant_countries": ("country", None),
    "participant_people": ("person", None),
}
ORGANISING = ("host", "organiser")


def participants_follow_lists(event: Event, names: list[str]) -> None:
    """After a write of the old participant lists: a record dropped from a list loses its rows
    there, a record added gets one (organiser, or participant), roles of the others stay."""
    for name in names:
        kind, organising = LISTS[name]
        listed = set(getattr(event, name).values_list("pk", flat=True))
        rows = event.participants.filter(**{f"{kind}__isnull": False})
        if organising is not None:
            rows = (
                rows.filter(role__in=ORGANISING)
                if organising
                else rows.exclude(role__in=ORGANISING)
            )
        rows.exclude(**{f"{kind}_id__in": listed}).delete()
        present = set(rows.values_list(f"{kind}_id", flat=True))
        role = "organiser" if organising else "participant"
        EventParticipant.objects.bulk_create(
            [
                EventParticipant(event=event, role=role, **{f"{kind}_id": pk})
                for pk in listed - present
            ],
            ignore_conflicts=True,
        )


def participants_sync(event: Event) -> None:
    rows = list(event.participants.all())
    organisers = {
        r.organisation_id for r in rows if r.organisation_id and r.role in ("host", "organiser")
    }
    event.organisers.set(organisers)
    event.participant_organisations.set(
        {r.organisation_id for r in rows if r.organisation_id} - organisers
    )
    event.participant_countries.set({r.country_id for r in rows if r.country_id})
    event.participant_people.set({r.person_id for r in rows if r.person_id})


def _title(found: FoundEvent, context: EventContext) -> tuple[str, str]:
    vi, en = KIND_TITLES.get(found.kind, ("Sự kiện", "Event"))
    codes = sorted(found.countries, key=lambda c: (c == "VN", c))
    names_vi = " – ".join(context.country_names.get(c, (c, c))[0] for c in codes)
    names_en = " – ".join(context.country_names.get(c, (c, c))[1] for c in codes)
    when = "-".join(str(p) for p in (found.start.year, found.start.month) if p)
    return (f"{vi}: {names_vi}" + (f" ({when})" if when else ""))[:500], (
        f"{en}: {names_en}" + (f" ({when})" if when else "")
    )[:500]


def _event_new(found: FoundEvent, context: EventContext) -> Event:
    title, title_en = _title(found, context)
    return Event(
        title=title,
        title_en=title_en,
        kind=found.kind,
        reviewed=False,
        start_year=found.start.year,
        start_month=found.start.month,
        start_day=found.start.day,
        end_year=found.end.year,
        end_month=found.end.month,
        end_day=found.end.day,
        city=found.city,
        border_gate=found.border_gate,
        country_id=_host_country(found, context),
        people_count=found.people_count,
        arrests=found.arrests,
        crime=found.crime,
    )


def _slugs_assign(events: list[Event]) -> None:
    """Unique slugs from the English titles: one query for those already taken."""
    bases = {event.pk or id(event): slugify(event.title_en, max_length=100) for event in events}
    taken = set(
        Event.objects.filter(
            slug__regex=r"^(" + "|".join(map(re.escape, set(bases.values()))) + r")(-[0-9]+)?$"
        ).values_list("slug", flat=True)
    )
    for event in events:
        base = bases[event.pk or id(event)]
        slug, number = base, 1
        while slug in taken:
            number += 1
            slug = f"{base}-{number}"
        taken.add(slug)
        event.slug = slug


def _host_country(found: FoundEvent, context: EventContext) -> str | None:
    hosts = [code for code, role in found.countries.items() if role == "host"]
    if hosts:
        return hosts[0]
    code = CITIES.get(found.city)
    return code if code in context.country_names else None


def _participant_rows(found: FoundEvent) -> list[tuple[str, str, object]]:
    return [
        *((role, "country", code) for code, role in found.countries.items()),
        *((role, "organisation", org) for org, role in found.organisations.items()),
        *(("participant", "person", person) for person in found.people),
    ]


def _event_merge(event: Event, found: FoundEvent) -> list[str]:
    """A later report of an unreviewed event fills what the first left open: the fields set."""
    if event.reviewed:
        return []
    changed = []
    for name in ("city", "border_gate", "people_count", "arrests", "crime"):
        if not getattr(event, name) and getattr(found, name):
            setattr(event, name, getattr(found, name))
            changed.append(name)
    if found.start.day and not event.start_day and found.start.month == event.start_month:
        event.start_day, event.start_year = found.start.day, found.start.year or event.start_year
        changed += ["start_day", "start_year"]
    return changed


def article_events_extract(
    articles: list[Article], *, context: EventContext, replace: bool = True
) -> list[Event]:
    """Find the events each (saved) article reports, store them or add the article to the
    stored event they are (run inside the caller's transaction).

    With `replace` (an article read again) its earlier findings on unreviewed events go first;
    a new article has none. A batch costs no query when it reports no event, and about ten
    however many articles when it does: events, participants and reports are written a table
    at a time. Reports are not mentions: an article mentions the events it names (linking)
    and reports those it tells of (here)."""
    if replace:
        _findings_forget(articles)
    found = [(a, f) for a in articles for f in events_find(article_text(a), context.names)]
    if not found:
        return []
    candidates = _candidates([f for _, f in found])
    new: list[Event] = []
    changed: dict[int, set[str]] = {}
    rows: list[tuple[Event, tuple[str, str, object]]] = []
    reports: list[tuple[Event, Article, str]] = []
    for article, event_found in found:
        event = _same(event_found, candidates)
        if event is None:
            event = _event_new(event_found, context)
            new.append(event)
            candidates.append((event, set()))
        elif event.pk and (fields := _event_merge(event, event_found)):
            changed.setdefault(event.pk, set()).update(fields)
        if not event.reviewed:
            rows += [(event, row) for row in _participant_rows(event_found)]
            countries = next(c for e, c in candidates if e is event)
            countries.update(event_found.countries)
        reports.append((event, article, event_found.evidence))
    if new:
        _slugs_assign(new)
        Event.objects.bulk_create(new)
    if changed:
        events = {e.pk: e for e, _ in candidates if e.pk in changed}
        Event.objects.bulk_update(events.values(), sorted(set().union(*changed.values())))
    _participants_write(rows)
    EventReport.objects.bulk_create(
        [EventReport(event=e, article=a, evidence=text) for e, a, text in reports],
        ignore_conflicts=True,
    )
    return list(dict.fromkeys(e for e, _, _ in reports))


def _participants_write(rows: list[tuple[Event, tuple[str, str, object]]]) -> None:
    """Participant rows, and the participant lists (only ever added to here)."""
    if not rows:
        return
    EventParticipant.objects.bulk_create(
        [
            EventParticipant(event=event, role=role, **{f"{kind}_id": ident})
            for event, (role, kind, ident) in rows
        ],
        ignore_conflicts=True,
    )
    lists = {
        "organisers": ("organisation", lambda role: role in ("host", "organiser")),
        "participant_organisations": (
            "organisation",
            lambda role: role not in ("host", "organiser"),
        ),
        "participant_countries": ("country", lambda role: True),
        "participant_people": ("person", lambda role: True),
    }
    for name, (kind, wanted) in lists.items():
        through = getattr(Event, name).through
        links = {
            (event.pk, ident) for event, (role, k, ident) in rows if k == kind and wanted(role)
        }
        target = f"{through._meta.get_field(kind).attname}"
        through.objects.bulk_create(
            [through(event_id=event, **{target: ident}) for event, ident in links],
            ignore_conflicts=True,
        )


def _findings_forget(articles: list[Article]) -> None:
    """The articles' reports of unreviewed events, and those events when nothing else reports
    them: an article read again is read afresh."""
    stale = list(
        EventReport.objects.filter(article__in=articles, event__reviewed=False).values_list(
            "event_id", flat=True
        )
    )
    if stale:
        EventReport.objects.filter(article__in=articles, event_id__in=stale).delete()
        Event.objects.filter(pk__in=stale, reviewed=False, reports__isnull=True).delete()
