"""python manage.py verify: fixity check of every raw capture; exits non-zero on a mismatch."""

from django.core.management.base import BaseCommand, CommandError

from archive.backup import archive_verify
from archive.collect.fixity import captures_verify


class Command(BaseCommand):
    help = "Recompute every raw capture's SHA-256 and report any that differ from the stored one."

    def handle(self, **options):
        checked, mismatches = archive_verify()
        for m in mismatches:
            self.stderr.write(f"mismatch: {m.slug}: stored {m.stored}, computed {m.computed}")
        captures, files, problems = captures_verify()
        for problem in problems:
            self.stderr.write(f"mismatch: {problem.what}: {problem.reason}")
        if mismatches or problems:
            # Articles' current copies first (what pages and search show), then the kept
            # captures (every version) and the WARC files they point into.
            raise CommandError(
                f"{len(mismatches)} of {checked} captures fail their digests (articles' current "
                f"copies); {len(problems)} failing of {captures} kept captures and {files} WARC "
                "files"
            )
        self.stdout.write(f"{checked} captures verified: every SHA-256 matches")
        self.stdout.write(
            f"{captures} kept captures and {files} WARC files verified: every digest matches"
        )
