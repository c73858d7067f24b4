"""Fixity of captures: every capture's bytes against its SHA-256, every WARC record's digests."""

import hashlib
from dataclasses import dataclass

from archive.collect.warc import WarcReadError, warc_check, warc_root
from archive.ingest.captures import capture_bytes
from archive.models import Capture


@dataclass
class Problem:
    what: str  # "capture 12" or a WARC file
    reason: str


def captures_verify() -> tuple[int, int, list[Problem]]:
    """(captures checked, WARC files checked, problems). A capture that keeps bytes (itself or
    through the capture it revisits) must hash to its SHA-256."""
    problems: list[Problem] = []
    checked = 0
    captures = Capture.objects.exclude(status=Capture.Status.FAILED).select_related("revisit_of")
    for capture in captures.order_by("id").iterator(chunk_size=200):
        try:
            body = capture_bytes(capture)
        except WarcReadError as exc:
            problems.append(Problem(f"capture {capture.pk}", f"unreadable: {exc}"))
            continue
        if body is None:
            continue
        checked += 1
        computed = hashlib.sha256(body).hexdigest()
        if computed != capture.sha256:
            problems.append(
                Problem(f"capture {capture.pk}", f"stored {capture.sha256}, computed {computed}")
            )
    files = sorted(warc_root().rglob("*.warc.gz")) if warc_root().is_dir() else []
    for path in files:
        try:
            problems.extend(Problem(str(path), p) for p in warc_check(path))
        except Exception as exc:  # an unreadable file is a finding, not a crash
            problems.append(Problem(str(path), f"unreadable: {type(exc).__name__}: {exc}"))
    return checked, len(files), problems
