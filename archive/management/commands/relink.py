"""python manage.py relink KIND SLUG...: link the archived articles that name these entities.

The API does this itself for an entity it creates or renames, up to API_RELINK_LIMIT articles
per request; this command has no limit (and serves entities edited in the admin).
"""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from archive.entities.matching import EntityMatcher
from archive.entities.relink import entity_relink
from archive.models import Country, Event, Organisation, Person

MODELS = {"organisation": Organisation, "person": Person, "event": Event, "country": Country}


class Command(BaseCommand):
    help = "Link the archived articles that name the given entities (found by full-text search)."

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=sorted(MODELS))
        parser.add_argument("slugs", nargs="+", help="slugs (ISO codes for countries)")

    def handle(self, kind, slugs, **options):
        model = MODELS[kind]
        field = "code" if model is Country else "slug"
        matcher = EntityMatcher.from_database()
        for slug in slugs:
            value = slug.upper() if model is Country else slug
            entity = model.objects.filter(**{field: value}).first()
            if entity is None:
                raise CommandError(f"no {kind} {slug!r}")
            with transaction.atomic():
                result = entity_relink(entity, matcher=matcher)
            self.stdout.write(
                f"{kind} {slug}: {result.checked} candidate articles, {result.linked} linked"
            )
