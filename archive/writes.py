"""Writes through the API: the same extraction and entity linking as `manage.py ingest`."""

import hashlib
import json
from datetime import date

from archive.apikeys import api_write_record
from archive.ingest.dates import FoundDate
from archive.ingest.extract import Extracted
from archive.ingest.service import Ingester, IngestResult
from archive.models import ApiKey, Article, Source


def article_submit_raw(*, key: ApiKey, raw: str, url: str | None = None) -> IngestResult:
    """A raw text capture in; idempotent by content hash, or by URL (then updated)."""
    result = Ingester().ingest_text(raw=raw.encode("utf-8"), name="api", url=url)
    api_write_record(key=key, action=result.status, kind="article", record=result.article)
    return result


def article_submit_fields(*, key: ApiKey, fields: dict) -> IngestResult:
    """Structured fields in: kept as canonical JSON (the raw capture), then linked as ingest."""
    raw = json.dumps(fields, ensure_ascii=False, sort_keys=True, default=str).encode("utf-8")
    sha256 = hashlib.sha256(raw).hexdigest()
    ingester = Ingester()
    existing = Article.objects.filter(raw_sha256=sha256).first()
    if existing:
        result = IngestResult("unchanged", existing)
    else:
        paragraphs = [p for p in [fields.get("lede") or "", *fields["body"].split("\n\n")] if p]
        published: date | None = fields.get("published_on")
        extracted = Extracted(
            title=fields["title"],
            paragraphs=paragraphs,
            authors=fields.get("authors") or [],
            tags=fields.get("tags") or [],
            source_note=fields.get("source_note") or "",
            source_names=[s.name for s in Source.objects.filter(slug=fields.get("source") or "")],
            published=FoundDate(published, None) if published else None,
            language=fields.get("language") or "vi",
            url=fields.get("url"),
        )
        result = ingester.save(extracted, raw=raw, sha256=sha256, name="api", fmt="json")
    api_write_record(key=key, action=result.status, kind="article", record=result.article)
    return result
