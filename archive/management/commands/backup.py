"""python manage.py backup PATH: a consistent dump plus every raw capture's SHA-256."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from archive.backup import BackupError, archive_backup


class Command(BaseCommand):
    help = "Back up the archive into a new or empty folder (pg_dump + raw capture checksums)."

    def add_arguments(self, parser):
        parser.add_argument("path", help="folder to write archive.dump and checksums.sha256 into")

    def handle(self, **options):
        try:
            count = archive_backup(target=Path(options["path"]))
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(f"backed up {count} captures to {options['path']}")
