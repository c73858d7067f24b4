"""Writes through the API: the same extraction and entity linking as `manage.py ingest`."""

import hashlib
import json
from datetime import date

from django.db import transaction

from archive.apikeys import api_write_record
from archive.ingest.dates import FoundDate
from archive.ingest.extract import Extracted
from archive.ingest.formats import Document
from archive.ingest.service import Ingester, IngestResult
from archive.models import ApiKey, Article, Country, Organisation, Person, Source
from archive.text import slugify


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
        document = Document(raw=raw, name="api", format="json", url=fields.get("url"))
        result = ingester.save(extracted, document=document, sha256=sha256)
    api_write_record(key=key, action=result.status, kind="article", record=result.article)
    return result


ENTITY_FIELDS = {
    "organisation": ["name", "name_en", "acronym", "aliases", "kind", "description"],
    "person": ["name", "aliases", "description"],
}


def entity_upsert(*, key: ApiKey, kind: str, fields: dict):
    """Create or update an organisation or person by slug; 'unchanged' when nothing differs."""
    model = {"organisation": Organisation, "person": Person}[kind]
    slug = fields.get("slug") or slugify(fields["name"], max_length=100)
    values = {name: fields[name] for name in ENTITY_FIELDS[kind] if fields.get(name) is not None}
    if kind == "organisation" and "country" in fields:
        values["country"] = Country.objects.filter(code=(fields["country"] or "").upper()).first()
    if kind == "organisation" and fields.get("parent"):
        values["parent"] = Organisation.objects.filter(slug=fields["parent"]).first()
    with transaction.atomic():
        record = model.objects.select_for_update().filter(slug=slug).first()
        if record is None:
            record, status = model.objects.create(slug=slug, reviewed=False, **values), "added"
        elif all(getattr(record, name) == value for name, value in values.items()):
            status = "unchanged"
        else:
            for name, value in values.items():
                setattr(record, name, value)
            record.save()
            status = "updated"
        api_write_record(key=key, action=status, kind=kind, record=record)
    return status, record
