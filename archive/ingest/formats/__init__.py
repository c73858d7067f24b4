"""Capture formats: each reader turns one file into the documents it holds.

A reader takes a path and yields `Document`s (one for a text or HTML file, one per HTML
response for a WARC). It may also yield `Skipped` records for what it holds but does not
ingest (a WARC's request, metadata or image records), so that a run can count them. The
ingest command picks the reader by the file's suffix in `READERS`; a new format is one module
and one line there.
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path


@dataclass
class Document:
    raw: bytes  # the capture exactly as received: kept verbatim, hashed for fixity
    name: str  # where it came from: a path, or "path#record-id" inside a WARC
    format: str  # "text", "html", ...: how `raw` is extracted
    url: str | None = None  # the capture's target URL, when the container states it
    captured_on: date | None = None  # the capture date, when the container states it


@dataclass
class Skipped:
    name: str
    kind: str  # what was skipped, counted in the summary: "request", "non-HTML response", ...
    reason: str = ""


Reader = Callable[[Path], Iterator[Document | Skipped]]


def _readers() -> dict[str, Reader]:
    from archive.ingest.formats import html, text, warc

    return {
        ".txt": text.read,
        ".text": text.read,
        ".html": html.read,
        ".htm": html.read,
        ".warc": warc.read,
        ".warc.gz": warc.read,
    }


READERS: dict[str, Reader] = _readers()


def reader_for(path: Path) -> tuple[str, Reader] | None:
    """The reader for `path` by its (possibly double) suffix, case-insensitively."""
    name = path.name.lower()
    for suffix in sorted(READERS, key=len, reverse=True):
        if name.endswith(suffix):
            return suffix, READERS[suffix]
    return None
