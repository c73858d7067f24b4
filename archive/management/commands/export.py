"""python manage.py export PATH: the archive as NDJSON, as `GET /api/v1/export.ndjson` gives it.

`manage.py ingest PATH` reads it back (into an empty archive: a mirror). `--updated-since`
exports only the articles changed since then (with every other record), for incremental mirrors.
"""

import sys
from datetime import datetime

from django.core.management.base import BaseCommand, CommandError

from archive.api import selectors
from archive.ingest.formats.ndjson import export_lines


class Command(BaseCommand):
    help = "Write the archive as self-contained NDJSON (`-` for standard output)."

    def add_arguments(self, parser):
        parser.add_argument("path", help="file to write, or - for standard output")
        parser.add_argument("--updated-since", help="only articles changed since (ISO 8601)")

    def handle(self, path, updated_since=None, **options):
        articles = None
        if updated_since:
            try:
                since = datetime.fromisoformat(updated_since)
            except ValueError:
                message = f"--updated-since: not an ISO 8601 time: {updated_since}"
                raise CommandError(message) from None
            filters = selectors.ArticleFilters(updated_since=since)
            articles = selectors.article_list(filters=filters)
        lines = export_lines(articles=articles)
        if path == "-":
            for line in lines:
                sys.stdout.write(line)
            return
        count = 0
        with open(path, "w", encoding="utf-8") as out:
            for line in lines:
                out.write(line)
                count += 1
        self.stdout.write(f"{count} records written to {path}")
