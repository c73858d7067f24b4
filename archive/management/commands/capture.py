"""python manage.py capture URL...: fetch each URL now, write it to WARC, keep it as a capture."""

from django.core.management.base import BaseCommand, CommandError

from archive.collect.service import Collector
from archive.models import Capture


class Command(BaseCommand):
    help = "Fetch URLs now (politely), write WARC/1.1 files and keep each fetch as a capture."

    def add_arguments(self, parser):
        parser.add_argument("urls", nargs="+", metavar="URL")

    def handle(self, **options):
        failed = 0
        with Collector() as collector:
            for url in options["urls"]:
                capture = collector.capture(url, how=Capture.How.REQUEST)
                line = f"{capture.status}: {capture.url}"
                if capture.article_id:
                    line += f" -> /articles/{capture.article.slug}/"
                if capture.error:
                    line += f" ({capture.error})"
                if capture.status == Capture.Status.FAILED:
                    failed += 1
                    self.stderr.write(line)
                else:
                    self.stdout.write(line)
        if failed:
            raise CommandError(f"{failed} of {len(options['urls'])} captures failed")
