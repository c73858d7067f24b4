"""Captures kept at ingest: every new version of an article adds one; nothing is overwritten.

`capture_keep` records the capture that produced or updated an article, `capture_revisit` the
same bytes seen again (a fetch's time, no copy). The bytes are stored once: a capture whose
SHA-256 an earlier capture already holds points at it (`revisit_of`) instead of copying them.
"""

from django.utils import timezone

from archive.ingest.formats import Document
from archive.models import Article, Capture


def capture_holding(sha256: str) -> Capture | None:
    """The earliest capture that keeps these bytes itself (in the database or a WARC file)."""
    return (
        Capture.objects.filter(sha256=sha256, revisit_of__isnull=True)
        .exclude(status=Capture.Status.FAILED)
        .order_by("fetched_at", "id")
        .first()
    )


def capture_for_file(document: Document, sha256: str) -> Capture:
    """An unsaved capture of an ingested file (or an API submission named "api")."""
    how = Capture.How.API if document.name == "api" else Capture.How.FILE
    return Capture(
        url=document.url or "",
        fetched_at=timezone.now(),
        how=how,
        status=Capture.Status.ARTICLE,
        format=document.format,
        name=document.name[:500],
        size=len(document.raw),
        sha256=sha256,
    )


def capture_keep(
    capture: Capture | None, *, article: Article, document: Document, sha256: str
) -> Capture:
    """Save the capture that made `article` its current version (a new one for a file)."""
    capture = capture or capture_for_file(document, sha256)
    capture.article = article
    capture.status = Capture.Status.ARTICLE
    capture.sha256 = sha256
    capture.size = len(document.raw)
    capture.format = capture.format or document.format
    capture.url = capture.url or article.url or ""
    if not capture.warc_file and capture.raw is None and capture.revisit_of_id is None:
        holder = capture_holding(sha256)
        if holder is not None:
            capture.revisit_of = holder  # the page went back to an earlier version
        else:
            capture.raw = document.raw
    capture.save()
    return capture


def capture_revisit(capture: Capture, *, article: Article, sha256: str) -> Capture:
    """Save a fetch whose bytes the archive already holds: its time, pointing at the holder."""
    capture.article = article
    capture.status = Capture.Status.REVISIT
    capture.sha256 = sha256
    if capture.revisit_of_id is None and not capture.warc_file:
        capture.revisit_of = capture_holding(sha256)
        capture.raw = None
    capture.save()
    return capture


def capture_bytes(capture: Capture) -> bytes | None:
    """The exact bytes of a capture (read from its WARC file if it holds them there)."""
    from archive.collect.warc import warc_payload

    holder = capture.holder
    if holder.raw is not None:
        return bytes(holder.raw)
    if holder.warc_file and holder.warc_offset is not None:
        return warc_payload(holder.warc_file, holder.warc_offset)
    return None
