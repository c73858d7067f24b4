"""python manage.py verify: fixity check of every raw capture; exits non-zero on a mismatch."""

from django.core.management.base import BaseCommand, CommandError

from archive.backup import archive_verify


class Command(BaseCommand):
    help = "Recompute every raw capture's SHA-256 and report any that differ from the stored one."

    def handle(self, **options):
        checked, mismatches = archive_verify()
        for m in mismatches:
            self.stderr.write(f"mismatch: {m.slug}: stored {m.stored}, computed {m.computed}")
        if mismatches:
            raise CommandError(f"{len(mismatches)} of {checked} captures fail their SHA-256")
        self.stdout.write(f"{checked} captures verified: every SHA-256 matches")
