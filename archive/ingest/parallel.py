"""The bulk path on several processes: chunks of files ingested by a pool of workers.

Extraction, language detection and entity matching are pure Python and take most of an
ingest's time, so one process uses one core. `ingest_parallel` forks `workers` processes, each
with its own database connection and its own `Ingester`, and hands them chunks of `batch_size`
files; each chunk is written as the single-process bulk path writes a batch (one transaction,
a per-document retry when it fails). What the workers report comes back in file order of the
chunks as they finish, for the command's counts, errors and progress bar.

Workers do not see each other's uncommitted work: two workers discovering the same new
person at once collide on its slug, and the later one waits for the other's commit and takes
that record (`EntityRegistry._create`, in a savepoint). A batch's new records are created in a
short transaction of their own, in slug order, before the batch's (`Ingester._create_entities`),
so the wait is short and two workers cannot deadlock; a document that still collides is tried
again (`Ingester._one`). Two copies of one story
written in the same moment by two workers are not linked as near-duplicates (each was
invisible to the other); one process (`--workers 1`) links them.
"""

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


def _ingest_chunk(task: tuple[list[str], int]) -> ChunkOutcome:
    global _ingester
    paths, batch_size = task
    if _ingester is None:
        _ingester = Ingester()
    outcome = ChunkOutcome(files=len(paths))
    documents = read_documents(
        [Path(p) for p in paths],
        on_error=outcome.file_errors.append,
        on_skip=lambda kind: outcome.skipped_records.update([kind]),
    )
    for document, result in _ingester.ingest_many(documents, batch_size=batch_size):
        slug = result.article.slug if result.article else ""
        outcome.results.append((document.name, document.format, result.status, result.error, slug))
    return outcome


def ingest_parallel(files: list[Path], *, workers: int, batch_size: int) -> Iterator[ChunkOutcome]:
    """Ingest `files` with `workers` processes; yields each chunk's outcome as it finishes."""
    chunks = [
        ([str(path) for path in files[start : start + batch_size]], batch_size)
        for start in range(0, len(files), batch_size)
    ]
    connections.close_all()  # forked workers must open their own connections
    context = multiprocessing.get_context("fork")
    with context.Pool(processes=workers, maxtasksperchild=None) as pool:
        yield from pool.imap(_ingest_chunk, chunks)
