"""NDJSON: the API's bulk export format, which `manage.py ingest` reads back.

One JSON object per line. First the records articles name (countries, sources, organisations,
people, events, stories: `archive.ingest.formats.records`), then one article per object: every
article field, the raw capture as base64 beside its SHA-256, its story's key, and its mentions
by entity slug (country code) with counts and roles and its captures (`versions`); then, in a
whole export, the captures of no article (`cyberarchive.capture/1`). So the export is
self-contained: imported into an empty archive it rebuilds it, captures included; export then
import then export gives the same bytes.
Import is atomic per line and idempotent (an article is the same article by raw SHA-256, URL
or slug; any other record by its key).
"""

import base64
import binascii
import hashlib
import json
import uuid
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

from django.db import transaction
from django.db.models import Prefetch, QuerySet, prefetch_related_objects

from archive.entities.kinds import KINDS, EntityKind
from archive.ingest.extract import ExtractError
from archive.ingest.formats import Document
from archive.ingest.formats.records import (
    AFTER_ARTICLES,
    BY_FORMAT,
    RECORD_TYPES,
    records_export,
)
from archive.ingest.similar import bands_replace
from archive.models import Article, Capture, Event, EventReport, Source, Story
from archive.text import http_url

FORMAT = "cyberarchive.article/1"
CAPTURE_FORMAT = "cyberarchive.capture/1"  # a capture of no article (`capture_record`)
TEXT_FIELDS = ["slug", "title", "lede", "body", "language", "source_note", "raw_format", "raw_name"]
LIST_FIELDS = ["captions", "authors", "editors", "tags"]


class LineError(ExtractError):
    """This line cannot become an article; the message says why."""


def _iso(value):
    return value.isoformat() if value else None


def article_record(article: Article) -> dict:
    raw = bytes(article.raw)
    record = {"format": FORMAT}
    record.update({name: getattr(article, name) for name in TEXT_FIELDS})
    record.update({name: getattr(article, name) for name in LIST_FIELDS})
    record.update(
        {
            "source": article.source.slug if article.source else None,
            "url": article.url,
            "published_on": _iso(article.published_on),
            "published_at": _iso(article.published_at),
            "captured_on": _iso(article.captured_on),
            "created_at": _iso(article.created_at),
            "updated_at": _iso(article.updated_at),
            "raw_sha256": article.raw_sha256,
            "raw_base64": base64.b64encode(raw).decode("ascii"),
            "story": str(article.story.key) if article.story_id else None,
            # The events it reports (apart from its mentions), with the sentence found.
            "event_reports": sorted(
                (
                    {"event": report.event.slug, "evidence": report.evidence}
                    for report in article.event_reports.all()
                ),
                key=lambda report: report["event"],
            ),
        }
    )
    record["versions"] = versions_record(article)
    for kind in KINDS:
        field = kind.field
        # By the entity's key, not its id: ids differ between an archive and its mirror.
        mentions = sorted(
            getattr(article, kind.mentions).all(),
            key=lambda m, kind=kind: getattr(getattr(m, kind.field), kind.key),
        )
        record[kind.plural] = [
            {
                kind.key: getattr(getattr(m, field), kind.key),
                "count": m.count,
                **({"role": m.role} if kind.name == "person" else {}),
            }
            for m in mentions
        ]
    return record


def versions_record(article: Article) -> list[dict]:
    """Every capture of the article, oldest first; the bytes of each version other than the
    current one (which is `raw_base64`), so an export carries every version."""
    from archive.ingest.captures import capture_bytes  # (it imports this package)

    versions = []
    for capture in article.captures.all():
        keeps = capture.status == Capture.Status.ARTICLE and capture.sha256 != article.raw_sha256
        versions.append(_capture_fields(capture, capture_bytes(capture) if keeps else None))
    return versions


def _capture_fields(capture: Capture, body: bytes | None) -> dict:
    return {
        "fetched_at": _iso(capture.fetched_at),
        "how": capture.how,
        "status": capture.status,
        "url": capture.url,
        "http_status": capture.http_status,
        "content_type": capture.content_type,
        "format": capture.format,
        "sha256": capture.sha256,
        "size": capture.size,
        "name": capture.name,
        "headers": capture.headers,
        "redirects": capture.redirects,
        "error": capture.error,
        "raw_base64": base64.b64encode(body).decode("ascii") if body is not None else None,
    }


def capture_record(capture: Capture) -> dict:
    """A capture of no article (a failed fetch, an image, a 404, one whose article went), with
    its bytes unless a revisit or a failure: captures are never lost, a mirror keeps them too."""
    from archive.ingest.captures import capture_bytes  # (it imports this package)

    keeps = capture.status != Capture.Status.FAILED and capture.revisit_of_id is None
    body = capture_bytes(capture) if keeps else None
    fields = _capture_fields(capture, body)
    fields["raw_format"] = fields.pop("format")  # "format" names the record's type
    return {**fields, "format": CAPTURE_FORMAT}


def capture_import(record: dict) -> tuple[str, Capture]:
    """A `capture_record` line: "unchanged" when the archive holds it (same URL, time and
    SHA-256, of no article), else "added"."""
    from archive.ingest.captures import capture_holding  # (it imports this package)

    when = _date(record, "fetched_at", datetime.fromisoformat)
    if when is None:
        raise LineError("fetched_at: required")
    url, sha256 = str(record.get("url") or ""), str(record.get("sha256") or "")
    body = None
    if record.get("raw_base64"):
        try:
            body = base64.b64decode(record["raw_base64"], validate=True)
        except (binascii.Error, ValueError, TypeError):
            raise LineError("raw_base64: not base64") from None
        if hashlib.sha256(body).hexdigest() != sha256:
            raise LineError(f"raw_base64: bytes do not match {sha256}")
    with transaction.atomic():
        same = Capture.objects.filter(
            article__isnull=True, url=url, fetched_at=when, sha256=sha256
        ).first()
        if same is not None:
            return "unchanged", same
        holder = capture_holding(sha256) if sha256 and body is None else None
        status = str(record.get("status") or Capture.Status.ARCHIVED)
        capture = Capture.objects.create(
            url=url,
            fetched_at=when,
            how=str(record.get("how") or Capture.How.FILE),
            status=status,
            http_status=record.get("http_status"),
            content_type=str(record.get("content_type") or ""),
            format=str(record.get("raw_format") or ""),
            sha256=sha256,
            size=record.get("size"),
            name=str(record.get("name") or "")[:500],
            headers=record.get("headers") if isinstance(record.get("headers"), list) else [],
            redirects=record.get("redirects") if isinstance(record.get("redirects"), list) else [],
            error=str(record.get("error") or ""),
            raw=body,
            revisit_of=holder if status == Capture.Status.REVISIT else None,
        )
    return "added", capture


def versions_import(article: Article, versions: list | None, *, raw: bytes, sha256: str) -> None:
    """The captures a line carries that the archive lacks (same SHA-256 and time), oldest first;
    a line without `versions` (an older export) gives the article its current capture. An empty
    list is an article the exporting archive held no capture of: none is made up, so the
    mirror's Capture table is the original's."""
    from archive.ingest.captures import capture_holding  # (it imports this package)

    if versions is None:
        exists = article.captures.filter(sha256=sha256).exists()
        versions = [] if exists else [{"how": "file", "status": "article", "sha256": sha256}]
    if not isinstance(versions, list):
        raise LineError("versions: not a list")
    for item in versions:
        if not isinstance(item, dict) or not item.get("sha256"):
            raise LineError("versions: each needs a sha256")
        when = _date(item, "fetched_at", datetime.fromisoformat) or article.created_at
        held = Capture.objects.filter(sha256=item["sha256"], fetched_at=when)
        if held.filter(article=article).exists():
            continue
        # The article went and came back: its captures outlived it, they are its again.
        if held.filter(article__isnull=True).update(article=article):
            continue
        body = raw if item["sha256"] == sha256 else None
        if item.get("raw_base64"):
            try:
                body = base64.b64decode(item["raw_base64"], validate=True)
            except (binascii.Error, ValueError, TypeError):
                raise LineError("versions: raw_base64 is not base64") from None
            if hashlib.sha256(body).hexdigest() != item["sha256"]:
                raise LineError(f"versions: bytes do not match {item['sha256']}")
        holder = capture_holding(item["sha256"])
        Capture.objects.create(
            article=article,
            url=str(item.get("url") or article.url or ""),
            fetched_at=when,
            how=str(item.get("how") or "file"),
            status=str(item.get("status") or "article"),
            http_status=item.get("http_status"),
            content_type=str(item.get("content_type") or ""),
            format=str(item.get("format") or article.raw_format),
            sha256=item["sha256"],
            size=item.get("size"),
            name=str(item.get("name") or "")[:500],
            headers=item.get("headers") if isinstance(item.get("headers"), list) else [],
            redirects=item.get("redirects") if isinstance(item.get("redirects"), list) else [],
            error=str(item.get("error") or ""),
            raw=body if holder is None else None,
            revisit_of=holder,
        )


def _line(record: dict) -> str:
    return json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n"


def export_lines(chunk_size: int = 500, articles: QuerySet | None = None) -> Iterator[str]:
    """The archive as NDJSON lines, in an order that imports: every record articles name, then
    each article (oldest id first), read in chunks (constant memory). `articles`: only these
    (a filtered queryset), with only their stories; the other records are always whole."""
    selected = articles if articles is not None else Article.objects.all()
    captures = Capture.objects.defer("raw").order_by("fetched_at", "id")
    for record in records_export(RECORD_TYPES, articles=articles):
        yield _line(record)
    qs = (
        selected.select_related("source", "story")
        .prefetch_related(*(kind.prefetch() for kind in KINDS), "event_reports__event")
        .prefetch_related(Prefetch("captures", queryset=captures))
        .order_by("id")
    )
    for article in qs.iterator(chunk_size=chunk_size):
        yield _line(article_record(article))
    if articles is None:  # a whole export: the captures of no article too
        for capture in captures.filter(article__isnull=True).iterator(chunk_size=chunk_size):
            yield _line(capture_record(capture))
    for record in records_export(AFTER_ARTICLES, articles=articles):
        yield _line(record)


def _date(record: dict, name: str, parse):
    value = record.get(name)
    if value is None:
        return None
    try:
        return parse(value)
    except (TypeError, ValueError):
        raise LineError(f"{name}: not an ISO date: {value!r}") from None


def _entities(record: dict, kind: EntityKind) -> list[tuple[object, dict]]:
    model, key = kind.model, kind.key
    items = record.get(kind.plural) or []
    if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
        raise LineError(f"{kind.plural}: expected a list of objects")
    wanted = [str(item.get(key, "")) for item in items]
    found = {getattr(e, key): e for e in model.objects.filter(**{f"{key}__in": wanted})}
    missing = [value for value in wanted if value not in found]
    if missing:
        raise LineError(f"{kind.plural}: unknown {key} {', '.join(map(repr, missing))}")
    return [(found[value], item) for value, item in zip(wanted, items, strict=True)]


def read(path: Path) -> Iterator[Document]:
    """One document per non-empty line, named `path:line`; stops at the first line that is
    not UTF-8 (the lines before it are read)."""
    with path.open("rb") as lines:
        for number, line in enumerate(lines, start=1):
            try:
                line.decode("utf-8", errors="strict")
            except UnicodeDecodeError as exc:
                raise ExtractError(f"not UTF-8 text ({exc.reason})") from None
            if line.strip():
                yield Document(raw=line, name=f"{path}:{number}", format="ndjson")


def import_document(document: Document) -> tuple[str, Article]:
    """An NDJSON line read by `read`; raises LineError (an ExtractError) naming the problem."""
    return import_line(document.raw.decode("utf-8"))


def import_line(line: str) -> tuple[str, Article]:
    """One NDJSON line into the archive: ("added" | "updated" | "unchanged", article)."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise LineError(f"not JSON ({exc.msg} at column {exc.colno})") from None
    if isinstance(record, dict) and record.get("format") in BY_FORMAT:
        return BY_FORMAT[record["format"]].load(record)
    if isinstance(record, dict) and record.get("format") == CAPTURE_FORMAT:
        return capture_import(record)
    if not isinstance(record, dict) or record.get("format") != FORMAT:
        formats = ", ".join([*BY_FORMAT, FORMAT, CAPTURE_FORMAT])
        raise LineError(f"not a record of the export (one of {formats})")
    try:
        raw = base64.b64decode(record.get("raw_base64") or "", validate=True)
    except (binascii.Error, ValueError, TypeError):
        raise LineError("raw_base64: not base64") from None
    sha256 = hashlib.sha256(raw).hexdigest()
    if sha256 != record.get("raw_sha256"):
        raise LineError(f"raw_sha256 does not match the raw capture (its SHA-256 is {sha256})")
    if not record.get("title") or not record.get("slug"):
        raise LineError("title and slug are required")
    if record.get("url") and http_url(record["url"]) != record["url"]:
        raise LineError(f"url: only absolute http(s) URLs are article URLs: {record['url']!r}")
    fields = {name: record.get(name) or "" for name in TEXT_FIELDS}
    fields.update({name: record.get(name) or [] for name in LIST_FIELDS})
    fields.update(
        url=record.get("url") or None,
        published_on=_date(record, "published_on", date.fromisoformat),
        published_at=_date(record, "published_at", datetime.fromisoformat),
        captured_on=_date(record, "captured_on", date.fromisoformat),
        raw=raw,
        raw_sha256=sha256,
    )
    stamps = {
        name: _date(record, name, datetime.fromisoformat) for name in ("created_at", "updated_at")
    }
    source = None
    if record.get("source"):
        source = Source.objects.filter(slug=record["source"]).first()
        if source is None:
            raise LineError(f"source: unknown slug {record['source']!r}")
    fields["source"] = source
    fields["story"] = None
    if record.get("story"):
        fields["story"] = Story.objects.filter(key=_uuid(record["story"])).first()
        if fields["story"] is None:
            raise LineError(f"story: unknown key {record['story']!r}")
    mentions = {kind: _entities(record, kind) for kind in KINDS}
    reports = _event_reports(record)
    with transaction.atomic():
        article = (
            Article.objects.select_for_update().filter(raw_sha256=sha256).first()
            or (
                fields["url"]
                and Article.objects.select_for_update().filter(url=fields["url"]).first()
            )
            or Article.objects.select_for_update().filter(slug=fields["slug"]).first()
        )
        if article is not None:
            # Mentions with their entities in one query a kind (not one an entity named).
            prefetch_related_objects(
                [article], *(kind.prefetch() for kind in KINDS), "event_reports__event"
            )
            current = article_record(article)
            if "versions" not in record:  # an export from before versions
                current.pop("versions")
            if current == {**record}:
                return "unchanged", article
        status = "updated" if article else "added"
        article = article or Article()
        for name, value in fields.items():
            setattr(article, name, value)
        article.save()
        for kind in KINDS:
            link = kind.mention
            link.objects.filter(article=article).delete()
            link.objects.bulk_create(
                link(
                    article=article,
                    count=int(item.get("count") or 1),
                    **{kind.field: entity},
                    **({"role": str(item.get("role") or "")} if kind.name == "person" else {}),
                )
                for entity, item in mentions[kind]
            )
        versions_import(article, record.get("versions"), raw=raw, sha256=sha256)
        EventReport.objects.filter(article=article).delete()
        EventReport.objects.bulk_create(
            EventReport(article=article, event=event, evidence=evidence)
            for event, evidence in reports
        )
        kept = {name: value for name, value in stamps.items() if value}
        if kept:  # keep the exported timestamps, so export -> import -> export is identical
            Article.objects.filter(pk=article.pk).update(**kept)
        article.refresh_from_db()
        bands_replace([article])  # derived from the text: near-duplicates of later ingests
    return status, article


def _event_reports(record: dict) -> list[tuple[Event, str]]:
    items = record.get("event_reports") or []
    if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
        raise LineError("event_reports: expected a list of objects")
    wanted = [str(item.get("event", "")) for item in items]
    found = {e.slug: e for e in Event.objects.filter(slug__in=wanted)}
    if missing := [slug for slug in wanted if slug not in found]:
        raise LineError(f"event_reports: unknown slug {', '.join(map(repr, missing))}")
    pairs = zip(wanted, items, strict=True)
    return [(found[slug], str(item.get("evidence") or "")) for slug, item in pairs]


def _uuid(value) -> uuid.UUID:
    try:
        return uuid.UUID(str(value))
    except ValueError:
        raise LineError(f"story: not a story key: {value!r}") from None
