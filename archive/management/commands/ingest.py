"""python manage.py ingest PATH...: captures in, articles out, one transaction per document."""

import sys
from collections import Counter
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from archive.ingest.extract import ExtractError
from archive.ingest.service import Ingester

FORMATS = {".txt": "text", ".text": "text"}


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
