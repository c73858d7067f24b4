"""The benchmark runs end to end at a small size and reports sane figures (a smoke test:
speed targets are read from a full run, never asserted here)."""

import json
import os
import subprocess
import sys

import psycopg
import pytest
from django.conf import settings
from psycopg import sql

from tests.conftest import ROOT
from tests.ports import free_port


@pytest.fixture
def bench_database():
    """The name of the benchmark's database, next to the test database (never the archive's
    own); dropped afterwards, whatever the outcome, so that a run leaves nothing behind."""
    db = settings.DATABASES["default"]
    name = f"{db['NAME']}_bench"
    yield name
    with psycopg.connect(
        dbname="postgres",
        user=db["USER"] or None,
        password=db["PASSWORD"] or None,
        host=db["HOST"] or None,
        port=db["PORT"] or None,
        autocommit=True,
    ) as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )


def benchmark(tmp_path, database: str, *args: str, timeout: int) -> subprocess.CompletedProcess:
    """`manage.py benchmark` at 300 articles in `database`, on a free port, keeping its build
    in tmp_path/work, figures in tmp_path/bench.json."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "archive.settings",
        "SECRET_KEY": "benchmark-smoke",
        "DATABASE_URL": settings.DATABASE_URL,
    }
    common = ["--workdir", str(tmp_path / "work"), "--articles", "300", "--queries", "19"]
    return subprocess.run(
        [
            sys.executable,
            "manage.py",
            "benchmark",
            *common,
            "--database",
            database,
            "--port",
            str(free_port()),
            "--json",
            str(tmp_path / "bench.json"),
            *args,
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def test_benchmark_smoke(tmp_path, bench_database):
    out = tmp_path / "bench.json"
    result = benchmark(
        tmp_path,
        bench_database,
        "--concurrency",
        "1,4",
        "--reference-port",
        str(free_port()),
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    report = json.loads(out.read_text())
    assert report["articles"] == 300
    assert report["ingest_per_s"] > 0
    for side in ("search", "reference"):
        figures = report[side]
        assert 0 < figures["p50_ms"] <= figures["p95_ms"] <= figures["p99_ms"]
        assert figures["rps"] > 0
        assert figures["errors"] == 0
    assert report["reference"]["name"].startswith("Datasette")
    assert set(report["by_concurrency"]) == {"c1", "c4"}
    assert report["by_concurrency"]["c1"]["search"]["classes"]["no_diacritics"]["requests"] > 0
    assert 0 < report["gunicorn_worker_peak_rss_mb"] < 1000
    assert report["postgres"]["shared_buffers"] and report["postgres"]["server_version"]
    assert "p95 ratio" in result.stdout
    assert report["by_concurrency"]["c1"]["p95_ratio"] > 0

    # Again on the same build: nothing generated or ingested, our server timed alone.
    again = benchmark(
        tmp_path, bench_database, "--reuse", "--no-reference", "--concurrency", "1", timeout=300
    )
    assert again.returncode == 0, again.stderr[-3000:]
    assert "reusing the database and reference" in again.stdout
    second = json.loads(out.read_text())
    assert second["reference"] is None and second["by_concurrency"]["c1"]["p95_ratio"] is None
    assert second["ingest_per_s"] == report["ingest_per_s"]  # the build's figures, kept
    assert second["search"]["requests"] > 0 and second["search"]["errors"] == 0
