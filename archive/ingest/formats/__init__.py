"""Capture formats: each reader turns one file into the documents it holds.

A reader takes a path and yields `Document`s (one for a text or HTML file, one per HTML
response for a WARC, one per line of NDJSON). It may also yield `Skipped` records for what it
holds but does not ingest (a WARC's request, metadata or image records), so that a run can
count them. An extractor turns a document of its format into fields (`Extracted`); NDJSON
lines are not extracted but imported as exported (`IMPORTERS`). Both tables are built in one
place, `_registry()`: a new format is one module and a line there.
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


def _registry() -> tuple[dict[str, Reader], dict[str, Callable], dict[str, Callable]]:
    """(suffix -> reader, document format -> extractor, document format -> importer)."""
    from archive.ingest.formats import html, ndjson, text, warc

    readers = {
        ".txt": text.read,
        ".text": text.read,
        ".html": html.read,
        ".htm": html.read,
        ".warc": warc.read,
        ".warc.gz": warc.read,
        ".ndjson": ndjson.read,
        ".jsonl": ndjson.read,
    }
    # extractor(document, tz) -> Extracted; WARC records are read as "html" documents.
    extractors = {"text": text.extract, "html": html.extract}
    # importer(document) -> (status, article): records that carry their own fields.
    importers = {"ndjson": ndjson.import_document}
    return readers, extractors, importers


READERS, EXTRACTORS, IMPORTERS = _registry()


def reader_for(path: Path) -> tuple[str, Reader] | None:
    """The reader for `path` by its (possibly double) suffix, case-insensitively."""
    name = path.name.lower()
    for suffix in sorted(READERS, key=len, reverse=True):
        if name.endswith(suffix):
            return suffix, READERS[suffix]
    return None
