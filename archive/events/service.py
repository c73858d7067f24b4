"""Events found in articles, stored: one event however many articles (and languages) report it.

`article_events_extract(articles, context=...)` is the one call ingest makes (and the
`extract_events` command, for the archive already stored). An event found in an article is
the same event as a stored one of the same kind when their countries overlap (at least two in
common, or all of the smaller side) and their dates are close (`DAYS_APART`, or the same or
next month when only the month is known). Discovered events are unreviewed; a reviewed event
only gains the new report, never new participants or fields (curators' edits stand).
"""

from dataclasses import dataclass, field
from datetime import date

from django.db import transaction

from archive.entities.matching import EntityMatcher
from archive.events.extract import ArticleText, FoundEvent, PartialDate, events_find
from archive.models import (
    Article,
    ArticleEvent,
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


def event_same(found: FoundEvent) -> Event | None:
    """The stored event this one is, if any."""
    candidates = Event.objects.filter(kind=found.kind).prefetch_related("participant_countries")
    if found.start.year:
        candidates = candidates.filter(
            start_year__gte=found.start.year - 1, start_year__lte=found.start.year + 1
        )
    ours = set(found.countries)
    for event in candidates:
        theirs = {c.code for c in event.participant_countries.all()}
        if _overlap(ours, theirs) and _close(found.start, event):
            return event
    return None


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


def _unique_slug(base: str) -> str:
    base = slugify(base, max_length=100) or "event"
    slug, number = base, 1
    while Event.objects.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug


def event_create(found: FoundEvent, context: EventContext) -> Event:
    title, title_en = _title(found, context)
    event = Event.objects.create(
        title=title,
        title_en=title_en,
        slug=_unique_slug(title_en),
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
        country_id=_host_country(found),
        people_count=found.people_count,
        arrests=found.arrests,
        crime=found.crime,
    )
    participants_add(event, _participant_rows(found))
    return event


def _host_country(found: FoundEvent) -> str | None:
    hosts = [code for code, role in found.countries.items() if role == "host"]
    if hosts:
        return hosts[0]
    from archive.events.extract import CITIES

    code = CITIES.get(found.city)
    return code if code and Country.objects.filter(code=code).exists() else None


def _participant_rows(found: FoundEvent) -> list[tuple[str, str, object]]:
    return [
        *((role, "country", code) for code, role in found.countries.items()),
        *((role, "organisation", org) for org, role in found.organisations.items()),
        *(("participant", "person", person) for person in found.people),
    ]


def _event_merge(event: Event, found: FoundEvent) -> None:
    """A later report of an unreviewed event fills what the first left open."""
    if event.reviewed:
        return
    changed = []
    for name in ("city", "border_gate", "people_count", "arrests", "crime"):
        if not getattr(event, name) and getattr(found, name):
            setattr(event, name, getattr(found, name))
            changed.append(name)
    if found.start.day and not event.start_day and found.start.month == event.start_month:
        event.start_day, event.start_year = found.start.day, found.start.year or event.start_year
        changed += ["start_day", "start_year"]
    if changed:
        event.save(update_fields=changed)
    participants_add(event, _participant_rows(found))


@transaction.atomic
def article_events_extract(articles: list[Article], *, context: EventContext) -> list[Event]:
    """Find the events each (saved) article reports, store them or add the article to the
    stored event they are; the article's earlier unreviewed findings are replaced."""
    events = []
    for article in articles:
        stale = list(
            EventReport.objects.filter(article=article, event__reviewed=False).values_list(
                "event_id", flat=True
            )
        )
        EventReport.objects.filter(article=article, event_id__in=stale).delete()
        ArticleEvent.objects.filter(article=article, event_id__in=stale).delete()
        Event.objects.filter(pk__in=stale, reviewed=False, reports__isnull=True).delete()
        for found in events_find(article_text(article), context.names):
            event = event_same(found)
            if event is None:
                event = event_create(found, context)
            else:
                _event_merge(event, found)
            EventReport.objects.get_or_create(
                event=event, article=article, defaults={"evidence": found.evidence}
            )
            ArticleEvent.objects.get_or_create(event=event, article=article)
            events.append(event)
    return events
