"""Events on the browse pages: participants by role, the articles that report an event, and
an entity's events grouped by kind and year."""

from itertools import groupby

from django.db.models import Q, QuerySet

from archive.models import Article, Event, EventParticipant

ROLE_ORDER = [role for role, _ in EventParticipant.Role.choices]


def participants_by_role(event: Event) -> list[tuple[str, list]]:
    """(role label, [records]) in the order roles are listed in the model."""
    rows = event.participants.select_related("organisation", "country", "person")
    ordered = sorted(rows, key=lambda p: (ROLE_ORDER.index(p.role), p.pk))
    return [
        (rows[0].get_role_display(), [r.record for r in rows])
        for _, grouped in groupby(ordered, key=lambda p: p.role)
        if (rows := list(grouped))
    ]


def event_articles(event: Event) -> QuerySet:
    """Every article that reports the event or names it."""
    return Article.objects.filter(
        Q(event_reports__event=event) | Q(event_mentions__event=event)
    ).distinct()


def events_by_kind(events) -> list[tuple[str, list[tuple[int | None, list[Event]]]]]:
    """(kind label, [(year, [events])]) with the kinds in the model's order, newest year first."""
    kinds = [kind for kind, _ in Event.Kind.choices]
    events = sorted(
        events, key=lambda e: (kinds.index(e.kind) if e.kind in kinds else 99, -(e.start_year or 0))
    )
    grouped = []
    for _kind, of_kind in groupby(events, key=lambda e: e.kind):
        of_kind = list(of_kind)
        years = [
            (year, list(items)) for year, items in groupby(of_kind, key=lambda e: e.start_year)
        ]
        grouped.append((of_kind[0].get_kind_display(), years))
    return grouped
