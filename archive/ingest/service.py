"""article_ingest: one capture in, one article out, atomically and idempotently."""

import hashlib
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import transaction

from archive.ingest.entities import EntityMatcher, article_link_entities
from archive.ingest.extract import Extracted, ExtractError, extract_text
from archive.models import Article, Source
from archive.text import fold, slugify


@dataclass
class IngestResult:
    status: str  # "added", "updated" or "unchanged"
    article: Article


def decode_text(raw: bytes) -> str:
    """UTF-8 text (a BOM is allowed); binary or other encodings are refused with a reason."""
    if not raw.strip():
        raise ExtractError("empty file")
    if b"\x00" in raw[:8192]:
        raise ExtractError("binary content (NUL bytes), not a text capture")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ExtractError(
            f"not UTF-8 text (invalid byte 0x{raw[exc.start]:02x} at offset {exc.start})"
        ) from None


def source_resolve(extracted: Extracted, sources: list[Source]) -> Source | None:
    """The publisher: named in the page header first, then in the credit lines."""
    candidates = [" ".join(extracted.header), *extracted.source_names, extracted.source_note]
    for candidate in candidates:
        folded = f" {fold(candidate)} "
        for source in sources:
            if any(f" {fold(name)} " in folded for name in source.match_names()):
                return source
    return None


def unique_slug(title: str, sha256: str) -> str:
    base = slugify(title, max_length=100)
    if not Article.objects.filter(slug=base).exists():
        return base
    return f"{base}-{sha256[:8]}"


class Ingester:
    """Holds what one run needs once (the entity matcher, the sources) across many documents."""

    def __init__(self):
        self.matcher = EntityMatcher.from_database()
        self.sources = list(Source.objects.all())
        self.tz = ZoneInfo(settings.TIME_ZONE)

    def ingest_text(self, *, raw: bytes, name: str = "", url: str | None = None) -> IngestResult:
        sha256 = hashlib.sha256(raw).hexdigest()
        existing = Article.objects.filter(raw_sha256=sha256).first()
        if existing:
            return IngestResult("unchanged", existing)
        extracted = extract_text(decode_text(raw))
        extracted.url = url or extracted.url
        return self.save(extracted, raw=raw, sha256=sha256, name=name, fmt="text")

    @transaction.atomic
    def save(
        self, extracted: Extracted, *, raw: bytes, sha256: str, name: str, fmt: str
    ) -> IngestResult:
        article = None
        if extracted.url:
            article = Article.objects.select_for_update().filter(url=extracted.url).first()
        status = "updated" if article else "added"
        article = article or Article(slug=unique_slug(extracted.title, sha256))
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
        article.raw = raw
        article.raw_sha256 = sha256
        article.raw_format = fmt
        article.raw_name = name[:500]
        article.save()
        article_link_entities(article, self.matcher)
        return IngestResult(status, article)
