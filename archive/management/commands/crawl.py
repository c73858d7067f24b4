"""python manage.py crawl [FEED_OR_SITEMAP_URL...]: capture what feeds and sitemaps list that
is new or changed, then exit. Without URLs, every source's recorded feeds are read."""

from django.core.management.base import BaseCommand, CommandError

from archive.collect.service import Collector


class Command(BaseCommand):
    help = "Read RSS/Atom feeds and sitemaps; capture the pages they list that are new or changed."

    def add_arguments(self, parser):
        parser.add_argument("seeds", nargs="*", metavar="FEED_OR_SITEMAP_URL")

    def handle(self, **options):
        with Collector() as collector:
            summary = collector.crawl(options["seeds"])
        self.stdout.write(", ".join(f"{n} {what}" for what, n in sorted(summary.items())) or "0")
        if summary["lists read"] == 0:
            raise CommandError("no feed or sitemap could be read")
