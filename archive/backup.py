"""Backups and fixity: a consistent dump plus the raw captures' checksums, restore, verify.

A backup is a folder holding `archive.dump` (pg_dump custom format), `checksums.sha256`
(`<sha256>  <slug>` for every raw capture) and `warc/`, a copy of the collector's WARC files.
The dump and the checksums come from one snapshot: the checksums are read in a REPEATABLE READ
transaction whose snapshot pg_dump shares (`--snapshot`), so an ingest running meanwhile cannot
make them disagree.
"""

import hashlib
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import psycopg
from django.db import connection

DUMP_NAME = "archive.dump"
CHECKSUMS_NAME = "checksums.sha256"
WARC_NAME = "warc"  # a copy of CAPTURE_WARC_DIR


class BackupError(Exception):
    pass


def pg_tool(name: str) -> str:
    found = shutil.which(name)
    if found:
        return found
    for version in ("17", "16", "15"):
        candidate = Path(f"/usr/lib/postgresql/{version}/bin/{name}")
        if candidate.exists():
            return str(candidate)
    raise BackupError(f"{name} not found: install the PostgreSQL client tools")


def libpq_env(db: dict) -> dict:
    """Connection settings for pg_dump / pg_restore, passed in the environment (no password
    on a command line)."""
    env = dict(os.environ)
    for key, var in [
        ("HOST", "PGHOST"),
        ("PORT", "PGPORT"),
        ("USER", "PGUSER"),
        ("PASSWORD", "PGPASSWORD"),
        ("NAME", "PGDATABASE"),
    ]:
        if db.get(key):
            env[var] = str(db[key])
    if db.get("OPTIONS", {}).get("sslmode"):
        env["PGSSLMODE"] = db["OPTIONS"]["sslmode"]
    return env


def connect(db: dict, **kwargs) -> psycopg.Connection:
    return psycopg.connect(
        dbname=db["NAME"],
        user=db["USER"] or None,
        password=db["PASSWORD"] or None,
        host=db["HOST"] or None,
        port=db["PORT"] or None,
        **db.get("OPTIONS", {}),
        **kwargs,
    )


CHECKSUM_SQL = "SELECT slug, encode(sha256(raw), 'hex') FROM archive_article ORDER BY slug"


def read_checksums(path: Path) -> dict[str, str]:
    checksums = {}
    for line in path.read_text().splitlines():
        if line.strip():
            digest, _, slug = line.partition("  ")
            checksums[slug] = digest
    return checksums


def archive_backup(*, target: Path) -> int:
    """Write the dump and the checksums into `target` (new or empty); returns the capture count."""
    if target.exists() and any(target.iterdir()):
        raise BackupError(f"{target} is not empty")
    target.mkdir(parents=True, exist_ok=True)
    db = connection.settings_dict
    with connect(db) as conn:
        conn.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        snapshot = conn.execute("SELECT pg_export_snapshot()").fetchone()[0]
        rows = conn.execute(CHECKSUM_SQL).fetchall()
        result = subprocess.run(  # noqa: S603 (our own pg_dump/pg_restore, argument list)
            [
                pg_tool("pg_dump"),
                "--format=custom",
                f"--snapshot={snapshot}",
                f"--file={target / DUMP_NAME}",
            ],
            env=libpq_env(db),
            capture_output=True,
            text=True,
        )
        conn.rollback()
    if result.returncode != 0:
        raise BackupError(f"pg_dump failed: {result.stderr.strip()}")
    lines = "".join(f"{digest}  {slug}\n" for slug, digest in rows)
    (target / CHECKSUMS_NAME).write_text(lines)
    warc_copy(warc_dir(), target / WARC_NAME)
    return len(rows)


def archive_restore(*, source: Path) -> int:
    """Restore a backup into the configured database, which must be empty; then check every raw
    capture against the backup's checksums. Returns the capture count."""
    dump, checksums_file = source / DUMP_NAME, source / CHECKSUMS_NAME
    if not dump.is_file() or not checksums_file.is_file():
        raise BackupError(f"{source} holds no backup ({DUMP_NAME} and {CHECKSUMS_NAME})")
    db = connection.settings_dict
    with connect(db) as conn:
        tables = conn.execute(
            "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"
        ).fetchone()[0]
    if tables:
        raise BackupError(
            f"database {db['NAME']} is not empty ({tables} tables): restore into an empty database"
        )
    result = subprocess.run(  # noqa: S603 (our own pg_dump/pg_restore, argument list)
        [
            pg_tool("pg_restore"),
            "--no-owner",
            "--no-privileges",
            "--exit-on-error",
            f"--dbname={db['NAME']}",
            str(dump),
        ],
        env=libpq_env(db),
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        raise BackupError(f"pg_restore failed: {result.stderr.strip()}")
    expected = read_checksums(checksums_file)
    with connect(db) as conn:
        restored = dict(conn.execute(CHECKSUM_SQL).fetchall())
    if restored != expected:
        missing = sorted(set(expected) - set(restored))
        changed = sorted(s for s in expected if s in restored and restored[s] != expected[s])
        raise BackupError(
            f"restored captures differ from the backup: missing {missing}, changed {changed}"
        )
    warc_copy(source / WARC_NAME, warc_dir())
    return len(restored)


def warc_dir() -> Path:
    from django.conf import settings

    return Path(settings.CAPTURE_WARC_DIR)


def warc_copy(origin: Path, target: Path) -> None:
    """The collector's WARC files, which captures point into. They are written once and renamed
    into place before their capture is saved, so a copy taken after the database snapshot
    holds every file the snapshot names (and perhaps newer ones, harmless)."""
    if origin.is_dir():
        shutil.copytree(origin, target, dirs_exist_ok=True, ignore=shutil.ignore_patterns("*.open"))


@dataclass
class Mismatch:
    slug: str
    stored: str
    computed: str


def archive_verify() -> tuple[int, list[Mismatch]]:
    """Recompute every raw capture's SHA-256 and compare it with the one stored at ingest."""
    from archive.models import Article

    checked, mismatches = 0, []
    rows = Article.objects.order_by("slug").values_list("slug", "raw_sha256", "raw")
    for slug, stored, raw in rows.iterator(chunk_size=200):
        checked += 1
        computed = hashlib.sha256(bytes(raw)).hexdigest()
        if computed != stored:
            mismatches.append(Mismatch(slug, stored, computed))
    return checked, mismatches
