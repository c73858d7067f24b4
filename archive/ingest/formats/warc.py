"""WARC files: every HTML response record is a capture; everything else is skipped, counted."""

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from archive.ingest.extract import ExtractError
from archive.ingest.formats import Document, Skipped

HTML_TYPES = ("text/html", "application/xhtml+xml")


def read(path: Path) -> Iterator[Document | Skipped]:
    with path.open("rb") as stream:
        try:
            yield from read_stream(stream, name=str(path))
        except ArchiveLoadFailed as exc:
            raise ExtractError(f"not a readable WARC file ({exc})") from None


def read_stream(stream, *, name: str) -> Iterator[Document | Skipped]:
    for number, record in enumerate(ArchiveIterator(stream), start=1):
        if record.format != "warc" or not record.rec_type:
            raise ExtractError(f"not a readable WARC file (record {number} has no WARC header)")
        record_id = record.rec_headers.get_header("WARC-Record-ID", "").strip("<>")
        where = f"{name}#{record_id}" if record_id else name
        if record.rec_type != "response":
            yield Skipped(where, record.rec_type)
            continue
        content_type = (
            record.http_headers.get_header("Content-Type", "") if record.http_headers else ""
        )
        if not content_type.lower().startswith(HTML_TYPES):
            yield Skipped(where, "non-HTML response", content_type or "no content type")
            continue
        status = record.http_headers.get_statuscode()
        if status and not status.startswith("2"):
            yield Skipped(where, "error response", f"HTTP status {status}")
            continue
        yield Document(
            raw=record.content_stream().read(),
            name=where,
            format="html",
            url=record.rec_headers.get_header("WARC-Target-URI"),
            captured_on=_warc_date(record.rec_headers.get_header("WARC-Date")),
        )


def _warc_date(value: str | None):
    if not value:
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).date()
    except ValueError:
        return None
