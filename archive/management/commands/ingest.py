"""python manage.py ingest PATH...: captures in, articles out, one transaction per document.

Files, folders (walked for every known capture format) and globs; the format of each file is
chosen by its suffix (`archive.ingest.formats`), and the run is `archive.ingest.run`. This
command is the shell around it: arguments, a progress bar, a summary and an exit code.
"""

import os
import sys
from collections import Counter
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from archive.ingest.run import ChunkOutcome, FileError, files_collect, ingest_files

STATUSES = ("added", "updated", "unchanged", "failed")


class Progress:
    """A one-line progress bar on a terminal, silent otherwise."""

    def __init__(self, total: int, stream, enabled: bool):
        self.total, self.stream, self.enabled, self.done = total, stream, enabled, 0

    def step(self, files: int = 1) -> None:
        before, self.done = self.done, self.done + files
        if self.enabled and (self.done // 50 > before // 50 or self.done == self.total):
            filled = self.done * 30 // max(self.total, 1)
            bar = "#" * filled + "-" * (30 - filled)
            self.stream.write(f"\r[{bar}] {self.done}/{self.total} files")
            self.stream.flush()

    def close(self) -> None:
        if self.enabled:
            self.stream.write("\n")


class Command(BaseCommand):
    help = "Ingest captures (text, HTML, WARC, NDJSON files, folders or globs) into the archive."

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
        files, skipped, missing = files_collect(options["paths"])
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
        workers = options["workers"] or os.cpu_count() or 1
        batch_size = max(1, options["batch_size"])
        for chunk in ingest_files(files, workers=workers, batch_size=batch_size):
            self.record_chunk(chunk, options["verbosity"])
            progress.step(chunk.files)
        progress.close()
        self.summary(skipped)
        failed = self.counts["failed"] + self.failed_files + len(missing)
        if failed:
            total = sum(self.counts.values()) + self.failed_files + len(missing)
            raise CommandError(f"{failed} of {total} inputs failed")

    def file_failed(self, error: FileError) -> None:
        self.failed_files += 1
        self.by_format.setdefault(error.suffix, Counter())["failed"] += 1
        self.stderr.write(f"error: {error.path}: {error.reason}")

    def record_chunk(self, chunk: ChunkOutcome, verbosity: int) -> None:
        for error in chunk.file_errors:
            self.file_failed(error)
        self.skipped_records.update(chunk.skipped_records)
        for name, fmt, status, error, slug in chunk.results:
            self.counts[status] += 1
            self.by_format.setdefault(fmt, Counter())[status] += 1
            if status == "failed":
                self.stderr.write(f"error: {name}: {error}")
            elif verbosity > 1:
                self.stdout.write(f"{status}: {name} -> {slug}")

    def summary(self, skipped: list[Path]) -> None:
        counts = self.counts + Counter(failed=self.failed_files)
        line = ", ".join(f"{counts[key]} {key}" for key in STATUSES)
        self.stdout.write(f"{line}; {len(skipped)} skipped (not a capture format)")
        for fmt, by in sorted(self.by_format.items()):
            self.stdout.write(f"  {fmt}: " + ", ".join(f"{by[k]} {k}" for k in STATUSES if by[k]))
        if self.skipped_records:
            records = ", ".join(f"{n} {kind}" for kind, n in sorted(self.skipped_records.items()))
            self.stdout.write(f"  WARC records skipped: {records}")
