"""python manage.py ingest PATH...: captures in, articles out, one transaction per document.

Files, folders (walked for every known capture format) and globs. The format of each file is
chosen by its suffix in `archive.ingest.formats.READERS`.
"""

import glob
import os
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from archive.ingest.formats import Document, ndjson, reader_for
from archive.ingest.parallel import ChunkOutcome, FileError, ingest_parallel, read_documents
from archive.ingest.service import Ingester

STATUSES = ("added", "updated", "unchanged", "failed")
# The API's export format: read line by line and imported as exported, not extracted.
NDJSON_SUFFIXES = (".ndjson", ".jsonl")


def is_ndjson(path: Path) -> bool:
    return path.name.lower().endswith(NDJSON_SUFFIXES)


def collect(paths: list[str]) -> tuple[list[Path], list[Path], list[str]]:
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
                    (files if reader_for(child) or is_ndjson(child) else skipped).append(child)
            elif path.is_file():
                (files if reader_for(path) or is_ndjson(path) else skipped).append(path)
            else:
                missing.append(name)
    return files, skipped, missing


class Progress:
    """A one-line progress bar on a terminal, silent otherwise."""

    def __init__(self, total: int, stream, enabled: bool):
        self.total, self.stream, self.enabled, self.done = total, stream, enabled, 0

    def step(self, note: str = "") -> None:
        self.done += 1
        if self.enabled and (self.done % 50 == 0 or self.done == self.total):
            filled = self.done * 30 // max(self.total, 1)
            bar = "#" * filled + "-" * (30 - filled)
            self.stream.write(f"\r[{bar}] {self.done}/{self.total} files {note}")
            self.stream.flush()

    def close(self) -> None:
        if self.enabled:
            self.stream.write("\n")


class Command(BaseCommand):
    help = "Ingest captures (text, HTML, WARC files, folders or globs) into the archive."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help="capture files, folders or globs")
        parser.add_argument(
            "--batch-size",
            type=int,
            default=500,
            help="documents written per transaction on the bulk path (1: one by one)",
        )
        parser.add_argument(
            "--workers",
            type=int,
            default=1,
            help="processes extracting and writing in parallel (0: one per CPU); with more "
            "than one, two copies of a story written at the same moment stay unlinked",
        )
        parser.add_argument("--no-progress", action="store_true", help="no progress bar")

    def handle(self, **options):
        files, skipped, missing = collect(options["paths"])
        for name in missing:
            self.stderr.write(f"error: {name}: no such file or folder")
        self.counts: Counter = Counter()
        self.by_format: dict[str, Counter] = {}
        self.skipped_records: Counter = Counter()
        self.failed_files = 0
        progress = Progress(
            len(files),
            sys.stderr,
            enabled=len(files) > 20 and sys.stderr.isatty() and not options["no_progress"],
        )
        for path in [path for path in files if is_ndjson(path)]:
            self.ingest_ndjson(path, options["verbosity"])
            progress.step()
        files = [path for path in files if not is_ndjson(path)]
        workers = options["workers"] or os.cpu_count() or 1
        batch_size = max(1, options["batch_size"])
        if workers > 1 and len(files) > batch_size:
            for chunk in ingest_parallel(files, workers=workers, batch_size=batch_size):
                self.record_chunk(chunk, options["verbosity"])
                for _ in range(chunk.files):
                    progress.step()
        else:
            ingester = Ingester()
            documents = self.documents(files, progress)
            for document, result in ingester.ingest_many(documents, batch_size=batch_size):
                slug = result.article.slug if result.article else ""
                self.report(
                    document.name,
                    document.format,
                    result.status,
                    result.error,
                    slug,
                    options["verbosity"],
                )
        progress.close()
        self.summary(skipped)
        failed = self.counts["failed"] + self.failed_files + len(missing)
        if failed:
            total = sum(self.counts.values()) + self.failed_files + len(missing)
            raise CommandError(f"{failed} of {total} inputs failed")

    def documents(self, files: list[Path], progress: Progress) -> Iterator[Document]:
        """Every document the files hold; a file that cannot be read is reported and counted."""
        return read_documents(
            files,
            on_error=self.file_failed,
            on_skip=lambda kind: self.skipped_records.update([kind]),
            on_file=progress.step,
        )

    def file_failed(self, error: FileError) -> None:
        self.failed_files += 1
        self.by_format.setdefault(error.suffix, Counter())["failed"] += 1
        self.stderr.write(f"error: {error.path}: {error.reason}")

    def record_chunk(self, chunk: ChunkOutcome, verbosity: int) -> None:
        for error in chunk.file_errors:
            self.file_failed(error)
        self.skipped_records.update(chunk.skipped_records)
        for name, fmt, status, error, slug in chunk.results:
            self.report(name, fmt, status, error, slug, verbosity)

    def report(
        self, name: str, fmt: str, status: str, error: str, slug: str, verbosity: int = 1
    ) -> None:
        self.record_status(fmt, status)
        if status == "failed":
            self.stderr.write(f"error: {name}: {error}")
        elif verbosity > 1:
            self.stdout.write(f"{status}: {name} -> {slug}")

    def record_status(self, fmt: str, status: str) -> None:
        self.counts[status] += 1
        self.by_format.setdefault(fmt, Counter())[status] += 1

    def summary(self, skipped: list[Path]) -> None:
        counts = self.counts + Counter(failed=self.failed_files)
        line = ", ".join(f"{counts[key]} {key}" for key in STATUSES)
        self.stdout.write(f"{line}; {len(skipped)} skipped (not a capture format)")
        for fmt, by in sorted(self.by_format.items()):
            self.stdout.write(f"  {fmt}: " + ", ".join(f"{by[k]} {k}" for k in STATUSES if by[k]))
        if self.skipped_records:
            records = ", ".join(f"{n} {kind}" for kind, n in sorted(self.skipped_records.items()))
            self.stdout.write(f"  WARC records skipped: {records}")

    def ingest_ndjson(self, path: Path, verbosity: int) -> None:
        """One article per line, each line its own transaction; bad lines as path:line: reason."""
        with path.open(encoding="utf-8", errors="strict") as lines:
            try:
                for number, line in enumerate(lines, start=1):
                    if not line.strip():
                        continue
                    try:
                        status, article = ndjson.import_line(line)
                    except ndjson.LineError as exc:
                        self.record_status("ndjson", "failed")
                        self.stderr.write(f"error: {path}:{number}: {exc}")
                        continue
                    self.record_status("ndjson", status)
                    if verbosity > 1:
                        self.stdout.write(f"{status}: {path}:{number} -> {article.slug}")
            except UnicodeDecodeError as exc:
                self.record_status("ndjson", "failed")
                self.stderr.write(f"error: {path}: not UTF-8 text ({exc.reason})")
