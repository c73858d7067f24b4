"""Events as NDJSON (format `cyberarchive.event-summary/1`): kind, dates, place, counts,
participants with their roles and the articles that report each, by slug; streamed in constant
memory."""

import json
from collections.abc import Iterator

from django.db.models import Prefetch

from archive.models import Event, EventParticipant, EventReport

FORMAT = "cyberarchive.event-summary/1"


def event_fields(event: Event) -> dict:
    """An event's own fields as the API and this export give them (participants apart)."""
    return {
        "slug": event.slug,
        "title": event.title,
        "title_en": event.title_en,
        "kind": event.kind,
        "starts": event.starts,
        "ends": event.ends,
        "city": event.city,
        "venue": event.venue,
        "border_gate": event.border_gate,
        "country": event.country_id,
        "people_count": event.people_count,
        "arrests": event.arrests,
        "crime": event.crime,
        "reviewed": event.reviewed,
    }


def event_record(event: Event) -> dict:
    participants = []
    for p in event.participants.all():
        if p.organisation_id:
            participants.append({"role": p.role, "organisation": p.organisation.slug})
        elif p.country_id:
            participants.append({"role": p.role, "country": p.country_id})
        else:
            participants.append({"role": p.role, "person": p.person.slug})
    return {
        "format": FORMAT,
        **event_fields(event),
        "participants": participants,
        "reports": [
            {"article": r.article.slug, "evidence": r.evidence}
            for r in sorted(event.reports.all(), key=lambda r: r.article_id)
        ],
    }


def event_lines(chunk_size: int = 500) -> Iterator[str]:
    events = Event.objects.order_by("id").prefetch_related(
        Prefetch(
            "participants",
            EventParticipant.objects.select_related("organisation", "person").order_by("id"),
        ),
        Prefetch(
            "reports",
            EventReport.objects.select_related("article").only(
                "id", "event_id", "article_id", "evidence", "article__slug"
            ),
        ),
    )
    for event in events.iterator(chunk_size=chunk_size):
        yield json.dumps(event_record(event), ensure_ascii=False, sort_keys=True) + "\n"
