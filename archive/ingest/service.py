"""Ingest: captures in, articles out, atomically and idempotently.

`Ingester.ingest(document)` takes one document in its own transaction. `Ingester.ingest_many`
is the bulk path: it extracts a batch in Python, looks up what already exists with one query
per batch, creates the people and organisations it names that are new (a short transaction of
their own), and writes the new articles and all their entity links with COPY inside one
transaction per batch. A batch that fails falls back to one transaction per document, so a bad
document never takes good ones down with it.
"""

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import IntegrityError, OperationalError, transaction

from archive.entities.matching import (
    Discovered,
    EntityMatcher,
    EntityRegistry,
    article_text,
    entity_links,
    links_insert,
    links_replace,
)
from archive.ingest.captures import capture_for_file, capture_keep, capture_revisit
from archive.ingest.copy import copy_insert
from archive.ingest.dates import FoundDate
from archive.ingest.extract import Extracted, ExtractError
from archive.ingest.formats import EXTRACTORS, IMPORTERS, Document
from archive.ingest.similar import near_duplicates_link
from archive.models import Article, Capture, Source
from archive.text import fold, slugify


@dataclass
class IngestResult:
    status: str  # "added", "updated", "unchanged" or "failed"
    article: Article | None = None
    error: str = ""


def source_names(sources: list[Source]) -> list[tuple[Source, list[str]]]:
    """Each source with its names folded and padded, as `source_resolve` looks for them."""
    return [(source, [f" {fold(name)} " for name in source.match_names()]) for source in sources]


def source_resolve(extracted: Extracted, sources: list[tuple[Source, list[str]]]) -> Source | None:
    """The publisher: named in the page header first, then in the credit lines."""
    candidates = [" ".join(extracted.header), *extracted.source_names, extracted.source_note]
    for candidate in candidates:
        folded = f" {fold(candidate)} "
        for source, names in sources:
            if any(name in folded for name in names):
                return source
    return None


def unique_slug(title: str, sha256: str) -> str:
    base = slugify(title, max_length=100)
    if not Article.objects.filter(slug=base).exists():
        return base
    return f"{base}-{sha256[:8]}"


def extract(document: Document, tz: ZoneInfo | None = None) -> Extracted:
    """The document's fields, by its format; raises ExtractError with a reason."""
    extractor = EXTRACTORS.get(document.format)
    if extractor is None:
        raise ExtractError(f"no extractor for format {document.format!r}")
    extracted = extractor(document, tz or ZoneInfo("UTC"))
    extracted.url = extracted.url or document.url
    if document.captured_on:
        extracted.captured = FoundDate(document.captured_on, None)
    return extracted


class Ingester:
    """Holds what one run needs once (the entity matcher, the sources) across many documents."""

    def __init__(self):
        self.matcher = EntityMatcher.from_database()
        self.registry = EntityRegistry()
        self.sources = source_names(list(Source.objects.all()))
        self.tz = ZoneInfo(settings.TIME_ZONE)

    def ingest_text(self, *, raw: bytes, name: str = "", url: str | None = None) -> IngestResult:
        return self.ingest(Document(raw=raw, name=name, format="text", url=url))

    def ingest(self, document: Document, *, capture: Capture | None = None) -> IngestResult:
        """One document in its own transaction; raises ExtractError for a bad one.

        `capture` is the fetch that brought it (unsaved; the collector's, with its WARC
        record), saved here with the article it made. Without one, a file's capture is made;
        a file whose bytes the archive holds changes nothing, a fetch of them is a revisit."""
        sha256 = hashlib.sha256(document.raw).hexdigest()
        existing = Article.objects.filter(raw_sha256=sha256).first()
        if existing:
            if capture is not None:
                capture_revisit(capture, article=existing, sha256=sha256)
            return IngestResult("unchanged", existing)
        extracted = extract(document, self.tz)
        try:
            return self.save(extracted, document=document, sha256=sha256, capture=capture)
        except Exception:
            self.registry = EntityRegistry()  # entities it created may have been rolled back
            raise

    @transaction.atomic
    def save(
        self,
        extracted: Extracted,
        *,
        document: Document,
        sha256: str,
        capture: Capture | None = None,
    ) -> IngestResult:
        article = None
        if extracted.url:
            article = Article.objects.select_for_update().filter(url=extracted.url).first()
        status = "updated" if article else "added"
        article = article or Article(slug=unique_slug(extracted.title, sha256))
        self.fill(article, extracted, document=document, sha256=sha256)
        article.save()
        capture_keep(capture, article=article, document=document, sha256=sha256)
        links_replace(article, entity_links(article, self.matcher, self.registry))
        near_duplicates_link([article], replace=status == "updated")
        return IngestResult(status, article)

    def fill(self, article: Article, extracted: Extracted, *, document: Document, sha256: str):
        published = extracted.published
        article.title = extracted.title
        article.lede = extracted.lede
        article.body = extracted.body
        article.captions = extracted.captions
        article.language = extracted.language
        article.source = source_resolve(extracted, self.sources)
        article.source_note = extracted.source_note
        article.url = extracted.url
        article.authors = extracted.authors
        article.editors = extracted.editors
        article.tags = extracted.tags
        article.published_on = published.day if published else None
        article.published_at = published.as_datetime(self.tz) if published else None
        article.captured_on = extracted.captured.day if extracted.captured else None
        article.raw = document.raw
        article.raw_sha256 = sha256
        article.raw_format = document.format
        article.raw_name = document.name[:500]

    # The bulk path.

    def ingest_many(
        self, documents: Iterable[Document], *, batch_size: int = 500
    ) -> Iterator[tuple[Document, IngestResult]]:
        """Every document's result, in order, written a batch at a time. Records that carry their
        own fields (NDJSON lines) are imported as they come, each in its own transaction."""
        batch: list[Document] = []
        for document in documents:
            importer = IMPORTERS.get(document.format)
            if importer is not None:
                yield document, self._imported(importer, document)
                continue
            batch.append(document)
            if len(batch) >= batch_size:
                yield from self._batch(batch)
                batch = []
        if batch:
            yield from self._batch(batch)

    @staticmethod
    def _imported(importer, document: Document) -> IngestResult:
        try:
            status, article = importer(document)
        except ExtractError as exc:
            return IngestResult("failed", error=str(exc))
        return IngestResult(status, article)

    def _one(self, document: Document, attempts: int = 3) -> IngestResult:
        try:
            return self.ingest(document)
        except ExtractError as exc:
            return IngestResult("failed", error=str(exc))
        except (IntegrityError, OperationalError) as exc:
            # Another ingest process wrote the same slug or entity at the same moment, or the
            # two deadlocked: the next attempt sees what it committed.
            if attempts > 1:
                return self._one(document, attempts - 1)
            return IngestResult("failed", error=f"{type(exc).__name__}: {exc}")
        except Exception as exc:  # a bug must not stop the other documents
            return IngestResult("failed", error=f"{type(exc).__name__}: {exc}")

    def _batch(self, batch: list[Document]) -> list[tuple[Document, IngestResult]]:
        hashes = [hashlib.sha256(document.raw).hexdigest() for document in batch]
        existing = Article.objects.in_bulk(set(hashes), field_name="raw_sha256")
        results: dict[int, IngestResult] = {}
        fresh: list[tuple[int, Extracted]] = []
        seen_hashes: set[str] = set()
        for index, (document, sha256) in enumerate(zip(batch, hashes, strict=True)):
            if sha256 in existing:
                results[index] = IngestResult("unchanged", existing[sha256])
            elif sha256 in seen_hashes:
                results[index] = self._one(document)  # a repeat within the batch
            else:
                try:
                    fresh.append((index, extract(document, self.tz)))
                    seen_hashes.add(sha256)
                except ExtractError as exc:
                    results[index] = IngestResult("failed", error=str(exc))
        # Documents whose URL is already archived (or repeated in the batch) are updates:
        # they take the one-by-one path, which locks and rewrites the existing article.
        urls = [extracted.url for _, extracted in fresh if extracted.url]
        taken_urls = set(Article.objects.filter(url__in=urls).values_list("url", flat=True))
        new, batch_urls = [], set()
        for index, extracted in fresh:
            if extracted.url and (extracted.url in taken_urls or extracted.url in batch_urls):
                results[index] = self._one(batch[index])
            else:
                batch_urls.add(extracted.url)
                new.append((index, extracted))
        if new:
            try:
                results.update(self._bulk_insert(batch, hashes, new))
            except Exception:
                self.registry = EntityRegistry()
                for index, _ in new:
                    results[index] = self._one(batch[index])
        return [(document, results[index]) for index, document in enumerate(batch)]

    def _bulk_insert(self, batch, hashes, new) -> dict[int, IngestResult]:
        articles = []
        for index, extracted in new:
            article = Article(slug=slugify(extracted.title, max_length=100))
            self.fill(article, extracted, document=batch[index], sha256=hashes[index])
            articles.append(article)
        discovered = [Discovered.in_text(article_text(article)) for article in articles]
        self._create_entities(discovered)
        with transaction.atomic():
            taken = set(
                Article.objects.filter(slug__in=[a.slug for a in articles]).values_list(
                    "slug", flat=True
                )
            )
            for article in articles:
                if article.slug in taken:
                    article.slug = f"{article.slug}-{article.raw_sha256[:8]}"
                taken.add(article.slug)
            copy_insert(articles)
            copy_insert(self._captures(batch, new, articles))
            links_insert(
                [
                    row
                    for article, found in zip(articles, discovered, strict=True)
                    for row in entity_links(article, self.matcher, self.registry, found)
                ]
            )
            near_duplicates_link(articles)
        return {
            index: IngestResult("added", article)
            for (index, _), article in zip(new, articles, strict=True)
        }

    def _captures(self, batch, new, articles) -> list[Capture]:
        """The first capture of each new article of a batch, with its bytes."""
        captures = []
        for (index, _), article in zip(new, articles, strict=True):
            capture = capture_for_file(batch[index], article.raw_sha256)
            capture.article = article
            capture.raw = batch[index].raw
            captures.append(capture)
        return captures

    def _create_entities(self, discovered: list[Discovered]) -> None:
        """Create the people and organisations a batch names and the archive lacks, in a
        transaction of their own, committed before the batch's (which then only looks them up).

        Created inside the batch's transaction, a new record stayed locked until the whole
        batch committed: a worker naming the same person waited for it, and two workers each
        waiting for the other's new person deadlocked, sending a batch to the slow path one
        document at a time (5 batches of 100,000 articles with 2 workers). Here the locks last
        milliseconds; a deadlock all the same is retried, then left to the batch. Records a
        failing batch named stay, unlinked, for curators, as a failing document's can."""
        for _ in range(3):
            try:
                with transaction.atomic():
                    self.registry.create_new(discovered)
                return
            except OperationalError:  # what the rolled-back attempt created is gone
                self.registry = EntityRegistry()
