"""python manage.py load_entities [PATH]: load the curated entity file (idempotent)."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from archive.entities.curated import CurationError, entities_load


class Command(BaseCommand):
    help = "Load countries and the curated entity file (default: seeds/entities.yaml)."

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", default=str(settings.ENTITY_FILE))

    def handle(self, path, **options):
        if not Path(path).is_file():
            raise CommandError(f"{path}: no such file")
        try:
            summary = entities_load(path=Path(path))
        except CurationError as exc:
            raise CommandError(f"{path}: {exc}") from exc
        self.stdout.write(f"loaded {summary}")
