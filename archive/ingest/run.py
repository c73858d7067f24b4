"""An ingest run: files found, read into documents, written by N workers (1 by default).

The path of every ingest: `files_collect` (paths, folders, globs -> files by known suffix),
then chunks of `batch_size` files, each read by its format's reader (`ingest.formats`) and
written by an `Ingester` (`ingest.service`: extraction, entities, one transaction a batch, a
per-document retry when it fails). With one worker the chunks are ingested in this process;
with more, `workers` forked processes (each with its own database connection and `Ingester`)
take them. Extraction, language detection and entity matching are pure Python and take most of
an ingest's time, so one process uses one core. What each chunk gives comes back in order, for
the command's counts, errors and progress bar.

Workers do not see each other's uncommitted work: two workers discovering the same new
person at once collide on its slug, and the later one waits for the other's commit and takes
that record (`EntityRegistry._create`, in a savepoint). A batch's new records are created in a
short transaction of their own, in slug order, before the batch's (`Ingester._create_entities`),
so the wait is short and two workers cannot deadlock; a document that still collides is tried
again (`Ingester._one`). Two copies of one story
written in the same moment by two workers are not linked as near-duplicates (each was
invisible to the other); one process (`--workers 1`) links them.
"""

import glob
import multiprocessing
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from django.db import connections

from archive.ingest.extract import ExtractError
from archive.ingest.formats import Document, Skipped, reader_for
from archive.ingest.service import Ingester


@dataclass
class FileError:
    path: str
    suffix: str
    reason: str


@dataclass
class ChunkOutcome:
    """What one chunk of files gave: a row per document, and the files that could not be read."""

    results: list[tuple[str, str, str, str, str]] = field(default_factory=list)
    # (document name, format, status, error, article slug)
    file_errors: list[FileError] = field(default_factory=list)
    skipped_records: Counter = field(default_factory=Counter)
    files: int = 0


def read_documents(
    files: list[Path],
    *,
    on_error: Callable[[FileError], None],
    on_skip: Callable[[str], None],
    on_file: Callable[[], None] = lambda: None,
) -> Iterator[Document]:
    """Every document the files hold; a file that cannot be read goes to `on_error`."""
    for path in files:
        suffix, read = reader_for(path)
        try:
            for item in read(path):
                if isinstance(item, Skipped):
                    on_skip(item.kind)
                else:
                    yield item
        except (ExtractError, OSError) as exc:
            on_error(FileError(str(path), suffix.lstrip("."), str(exc)))
        on_file()


_ingester: Ingester | None = None  # one per worker process, built on its first chunk


def _worker_chunk(task: tuple[list[str], int]) -> ChunkOutcome:
    global _ingester
    if _ingester is None:
        _ingester = Ingester()
    return _ingest_chunk(task, _ingester)


def _ingest_chunk(task: tuple[list[str], int], ingester: Ingester) -> ChunkOutcome:
    paths, batch_size = task
    outcome = ChunkOutcome(files=len(paths))
    documents = read_documents(
        [Path(p) for p in paths],
        on_error=outcome.file_errors.append,
        on_skip=lambda kind: outcome.skipped_records.update([kind]),
    )
    for document, result in ingester.ingest_many(documents, batch_size=batch_size):
        # An NDJSON line may hold another record than an article (a country is named by its code).
        record = result.article
        slug = str(getattr(record, "slug", None) or record.pk) if record is not None else ""
        outcome.results.append((document.name, document.format, result.status, result.error, slug))
    return outcome


def ingest_files(
    files: list[Path], *, workers: int = 1, batch_size: int = 500
) -> Iterator[ChunkOutcome]:
    """Ingest `files` with `workers` processes; yields each chunk's outcome in order."""
    chunks = [
        ([str(path) for path in files[start : start + batch_size]], batch_size)
        for start in range(0, len(files), batch_size)
    ]
    if workers <= 1 or len(chunks) <= 1:
        ingester = Ingester()  # this run's: entities and sources as the database has them now
        for chunk in chunks:
            yield _ingest_chunk(chunk, ingester)
        return
    connections.close_all()  # forked workers must open their own connections
    context = multiprocessing.get_context("fork")
    with context.Pool(processes=workers, maxtasksperchild=None) as pool:
        yield from pool.imap(_worker_chunk, chunks)


def files_collect(paths: list[str]) -> tuple[list[Path], list[Path], list[str]]:
    """Files to ingest, files skipped (not a capture format), and paths that match nothing."""
    files, skipped, missing = [], [], []
    for name in paths:
        matches = sorted(glob.glob(name, recursive=True)) if glob.has_magic(name) else [name]
        if not matches:
            missing.append(name)
        for match in matches:
            path = Path(match)
            if path.is_dir():
                for child in sorted(path.rglob("*")):
                    if not child.is_file() or any(p.startswith(".") for p in child.parts):
                        continue
                    (files if reader_for(child) else skipped).append(child)
            elif path.is_file():
                (files if reader_for(path) else skipped).append(path)
            else:
                missing.append(name)
    return files, skipped, missing
