"""python manage.py extract_events [SLUG...]: find cooperation events in stored articles."""

from django.core.management.base import BaseCommand
from django.db import transaction

from archive.events.service import EventContext, article_events_extract
from archive.models import Article, Event

BATCH = 200


class Command(BaseCommand):
    help = (
        "Find cooperation events in the archived articles (all, or the slugs given) and store "
        "them, unreviewed; an article's earlier findings on unreviewed events are replaced, "
        "reviewed events are never changed. Running it twice changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("slugs", nargs="*", help="Only these articles.")

    def handle(self, slugs, **options):
        context = EventContext.build()
        articles = Article.objects.order_by("published_on", "id").defer("raw")
        if slugs:
            articles = articles.filter(slug__in=slugs)
        before = Event.objects.count()
        seen = found = 0
        batch: list[Article] = []
        for article in articles.iterator(chunk_size=BATCH):
            batch.append(article)
            if len(batch) >= BATCH:
                with transaction.atomic():
                    found += len(article_events_extract(batch, context=context))
                seen += len(batch)
                batch = []
                self.stderr.write(f"\r{seen} articles", ending="")
        if batch:
            with transaction.atomic():
                found += len(article_events_extract(batch, context=context))
            seen += len(batch)
        created = Event.objects.count() - before
        self.stdout.write(
            f"{seen} articles read, {found} event reports, {created:+d} events "
            f"({Event.objects.filter(reviewed=False).count()} unreviewed in all)"
        )
