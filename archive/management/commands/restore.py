"""python manage.py restore PATH: bring a backup back into an empty database, checked."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from archive.backup import BackupError, archive_restore


class Command(BaseCommand):
    help = "Restore a backup folder into the (empty) database named by DATABASE_URL."
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("path", help="a folder written by `manage.py backup`")

    def handle(self, **options):
        try:
            count = archive_restore(source=Path(options["path"]))
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(f"restored {count} captures; every SHA-256 matches the backup")
