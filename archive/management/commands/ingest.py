"""python manage.py ingest PATH...: captures in, articles out, one transaction per document."""

import sys
from collections import Counter
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from archive.ingest.extract import ExtractError
from archive.ingest.formats import ndjson
from archive.ingest.service import Ingester

FORMATS = {".txt": "text", ".text": "text", ".ndjson": "ndjson", ".jsonl": "ndjson"}


def collect(paths: list[str]) -> tuple[list[Path], list[Path], list[str]]:
    """Files to ingest, files skipped (not a capture format), and paths that do not exist."""
    files, skipped, missing = [], [], []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if not child.is_file() or any(p.startswith(".") for p in child.parts):
                    continue
                (files if child.suffix.lower() in FORMATS else skipped).append(child)
        elif path.is_file():
            files.append(path)
        else:
            missing.append(name)
    return files, skipped, missing


class Command(BaseCommand):
    help = "Ingest captures (files or folders) into the archive."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help="capture files or folders")

    def handle(self, **options):
        files, skipped, missing = collect(options["paths"])
        for name in missing:
            self.stderr.write(f"error: {name}: no such file or folder")
        ingester = Ingester()
        counts: Counter = Counter()
        show_progress = len(files) > 20 and sys.stderr.isatty()
        for number, path in enumerate(files, start=1):
            if FORMATS.get(path.suffix.lower()) == "ndjson":
                self.ingest_ndjson(path, counts, options["verbosity"])
                continue
            try:
                result = ingester.ingest_text(raw=path.read_bytes(), name=str(path))
            except (ExtractError, OSError) as exc:
                counts["failed"] += 1
                self.stderr.write(f"error: {path}: {exc}")
                continue
            except Exception as exc:  # a bug must not stop the other documents
                counts["failed"] += 1
                self.stderr.write(f"error: {path}: {type(exc).__name__}: {exc}")
                continue
            counts[result.status] += 1
            if options["verbosity"] > 1:
                self.stdout.write(f"{result.status}: {path} -> {result.article.slug}")
            if show_progress:
                sys.stderr.write(f"\r{number}/{len(files)} ({number * 100 // len(files)}%)")
        if show_progress:
            sys.stderr.write("\n")
        summary = ", ".join(
            f"{counts[key]} {key}" for key in ("added", "updated", "unchanged", "failed")
        )
        self.stdout.write(f"{summary}; {len(skipped)} skipped (not a capture format)")
        failed = counts["failed"] + len(missing)
        if failed:
            raise CommandError(f"{failed} of {len(files) + len(missing)} inputs failed")

    def ingest_ndjson(self, path: Path, counts: Counter, verbosity: int) -> None:
        """One article per line, each line its own transaction; bad lines as path:line: reason."""
        with path.open(encoding="utf-8", errors="strict") as lines:
            try:
                for number, line in enumerate(lines, start=1):
                    if not line.strip():
                        continue
                    try:
                        status, article = ndjson.import_line(line)
                    except ndjson.LineError as exc:
                        counts["failed"] += 1
                        self.stderr.write(f"error: {path}:{number}: {exc}")
                        continue
                    counts[status] += 1
                    if verbosity > 1:
                        self.stdout.write(f"{status}: {path}:{number} -> {article.slug}")
            except UnicodeDecodeError as exc:
                counts["failed"] += 1
                self.stderr.write(f"error: {path}: not UTF-8 text ({exc.reason})")
