"""What curators do at the desk: accept, edit, reject, merge. Each is one transaction and one
row of the admin's change log (Django's LogEntry: who, when, what), read at /admin/ and on the
desk itself."""

import json

from django.contrib.admin.models import CHANGE, DELETION, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import F, Model

from archive.events.service import participants_sync
from archive.models import (
    ArticleEvent,
    ArticleOrganisation,
    ArticlePerson,
    Event,
    EventParticipant,
    EventReport,
    Organisation,
    Person,
    Role,
    SlugRedirect,
)
from archive.text import fold

MODELS: dict[str, type[Model]] = {
    "organisation": Organisation,
    "person": Person,
    "event": Event,
}
KIND_OF = {model: kind for kind, model in MODELS.items()}

# What a curator may edit at the desk, per kind.
EDITABLE = {
    "organisation": ["name", "name_en", "acronym", "aliases", "kind", "country", "description"],
    "person": ["name", "aliases", "country", "description"],
    "event": [
        "title",
        "title_en",
        "kind",
        "start_year",
        "start_month",
        "start_day",
        "end_year",
        "end_month",
        "end_day",
        "city",
        "venue",
        "border_gate",
        "country",
        "people_count",
        "arrests",
        "crime",
        "description",
    ],
}


class DeskError(ValueError):
    """An action the desk refuses (merging a record into itself, or into another kind)."""


def action_log(*, user, record, flag: int, message: dict) -> LogEntry:
    return LogEntry.objects.create(
        user_id=user.pk,
        content_type=ContentType.objects.get_for_model(type(record)),
        object_id=str(record.pk),
        object_repr=str(record)[:200],
        action_flag=flag,
        change_message=json.dumps(message, ensure_ascii=False, sort_keys=True),
    )


def desk_log(limit: int = 30) -> list[LogEntry]:
    types = ContentType.objects.get_for_models(*MODELS.values()).values()
    return list(
        LogEntry.objects.filter(content_type__in=types)
        .select_related("user", "content_type")
        .order_by("-action_time")[:limit]
    )


@transaction.atomic
def record_accept(*, user, record) -> None:
    type(record).objects.filter(pk=record.pk).update(reviewed=True)
    record.reviewed = True
    action_log(user=user, record=record, flag=CHANGE, message={"desk": "accepted"})


@transaction.atomic
def record_reject(*, user, record) -> None:
    """A discovered record that is wrong goes, with its mentions, roles and reports."""
    action_log(
        user=user,
        record=record,
        flag=DELETION,
        message={"desk": "rejected", "slug": record.slug},
    )
    record.delete()


@transaction.atomic
def record_edit(*, user, record, fields: dict) -> list[str]:
    """Set the fields given; the names of those that changed."""
    kind = KIND_OF[type(record)]
    changed = []
    for name, value in fields.items():
        if name not in EDITABLE[kind]:
            raise DeskError(f"{name} cannot be edited here")
        attribute = f"{name}_id" if name == "country" else name
        if getattr(record, attribute) != value:
            setattr(record, attribute, value)
            changed.append(name)
    if changed:
        record.save()
        action_log(
            user=user,
            record=record,
            flag=CHANGE,
            message={"desk": "edited", "fields": changed},
        )
    return changed


def _move_mentions(link: type[Model], field: str, keep, drop) -> None:
    """Mention rows of `drop` become `keep`'s; an article naming both adds the counts."""
    rows = link.objects.filter(**{field: drop})
    both = link.objects.filter(**{field: keep}, article__in=rows.values("article"))
    counts = dict(both.values_list("article_id", "count"))
    for row in rows.filter(article__in=list(counts)):
        link.objects.filter(**{field: keep}, article_id=row.article_id).update(
            count=F("count") + row.count
        )
    rows.filter(article__in=list(counts)).delete()
    rows.update(**{field: keep})


def _move_participants(field: str, keep, drop) -> set[int]:
    """Participant rows of `drop` become `keep`'s (a row `keep` already has goes); the events
    they belong to, whose lists then follow."""
    rows = EventParticipant.objects.filter(**{field: drop})
    events = set(rows.values_list("event_id", flat=True))
    taken = set(EventParticipant.objects.filter(**{field: keep}).values_list("event_id", "role"))
    for row in rows:
        if (row.event_id, row.role) in taken:
            row.delete()
    rows.update(**{field: keep})
    return events


def _aliases(keep, drop, names: list[str]) -> None:
    known = {fold(name) for name in keep.match_names()}
    for name in names:
        if name and fold(name) not in known:
            keep.aliases = [*keep.aliases, name]
            known.add(fold(name))


@transaction.atomic
def records_merge(*, user, keep, drop) -> None:
    """`drop` goes into `keep`: every mention, role, alias, event participation and report
    moves; `drop`'s slug (and any slug that led to it) redirects to `keep`."""
    if type(keep) is not type(drop):
        raise DeskError("only records of one kind merge")
    if keep.pk == drop.pk:
        raise DeskError("a record cannot be merged into itself")
    kind = KIND_OF[type(keep)]
    events: set[int] = set()
    if kind == "person":
        _move_mentions(ArticlePerson, "person", keep, drop)
        Role.objects.filter(person=drop).update(person=keep)
        events = _move_participants("person", keep, drop)
        events |= set(drop.events.values_list("pk", flat=True))
        _aliases(keep, drop, [drop.name, *drop.aliases])
        keep.country_id = keep.country_id or drop.country_id
        keep.suspect = keep.suspect and drop.suspect
    elif kind == "organisation":
        _move_mentions(ArticleOrganisation, "organisation", keep, drop)
        Role.objects.filter(organisation=drop).update(organisation=keep)
        events = _move_participants("organisation", keep, drop)
        events |= set(drop.events_organised.values_list("pk", flat=True))
        events |= set(drop.events_attended.values_list("pk", flat=True))
        Organisation.objects.filter(parent=drop).exclude(pk=keep.pk).update(parent=keep)
        Organisation.objects.filter(successor=drop).exclude(pk=keep.pk).update(successor=keep)
        _aliases(keep, drop, [drop.name, drop.name_en, *drop.aliases])
        keep.acronym = keep.acronym or drop.acronym
        keep.country_id = keep.country_id or drop.country_id
    else:
        _move_mentions(ArticleEvent, "event", keep, drop)
        reported = set(keep.reports.values_list("article_id", flat=True))
        EventReport.objects.filter(event=drop, article_id__in=reported).delete()
        EventReport.objects.filter(event=drop).update(event=keep)
        taken = set(keep.participants.values_list("role", "organisation", "country", "person"))
        for row in drop.participants.all():
            key = (row.role, row.organisation_id, row.country_id, row.person_id)
            if key not in taken:
                row.event = keep
                row.save(update_fields=["event"])
        _aliases(keep, drop, [drop.title, drop.title_en, *drop.aliases])
        events = {keep.pk}
    if not keep.description and drop.description:
        keep.description = drop.description
    keep.save()
    SlugRedirect.objects.filter(kind=kind, new_slug=drop.slug).update(new_slug=keep.slug)
    SlugRedirect.objects.update_or_create(
        kind=kind, old_slug=drop.slug, defaults={"new_slug": keep.slug}
    )
    action_log(
        user=user,
        record=keep,
        flag=CHANGE,
        message={"desk": "merged", "from": drop.slug, "from_id": drop.pk},
    )
    drop.delete()
    for event in Event.objects.filter(pk__in=events):
        participants_sync(event)


def queue(limit: int = 100) -> dict[str, list]:
    """The records waiting for review, newest first."""
    return {
        "organisations": list(
            Organisation.objects.filter(reviewed=False)
            .select_related("country")
            .order_by("-id")[:limit]
        ),
        "people": list(Person.objects.filter(reviewed=False).order_by("-id")[:limit]),
        "events": list(
            Event.objects.filter(reviewed=False)
            .prefetch_related("participant_countries", "reports__article")
            .order_by("-id")[:limit]
        ),
    }


__all__ = [
    "DeskError",
    "desk_log",
    "queue",
    "record_accept",
    "record_edit",
    "record_reject",
    "records_merge",
]
