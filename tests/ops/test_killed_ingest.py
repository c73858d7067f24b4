"""An ingest killed with SIGKILL mid-run leaves no half-written article; a re-run completes it."""

import hashlib
import signal
import subprocess
import sys
import time

import psycopg

from tests.conftest import ROOT, SEED_000
from tests.ops.cluster import PORT, URL, app_env, manage, wait_until

KILLED_URL = f"postgres://postgres@127.0.0.1:{PORT}/killed"
COUNT = 120


def write_captures(folder) -> dict[str, str]:
    """COUNT distinct captures (the seed with a numbered headline); returns sha256 -> file name."""
    lines = SEED_000.read_text().splitlines()
    title = 2
    assert "hợp tác quốc tế" in lines[title]
    expected = {}
    for number in range(COUNT):
        variant = [*lines[:title], f"{lines[title]} (bản {number})", *lines[title + 1 :]]
        raw = ("\n".join(variant) + "\n").encode()
        path = folder / f"capture_{number:04d}.txt"
        path.write_bytes(raw)
        expected[hashlib.sha256(raw).hexdigest()] = path.name
    return expected


def articles(conn) -> list[tuple]:
    return conn.execute(
        "SELECT a.raw_sha256, encode(sha256(a.raw), 'hex'), a.raw_name, a.title, "
        "(SELECT count(*) FROM archive_articleorganisation m WHERE m.article_id = a.id), "
        "(SELECT count(*) FROM archive_articleperson m WHERE m.article_id = a.id), "
        "(SELECT count(*) FROM archive_articlecountry m WHERE m.article_id = a.id) "
        "FROM archive_article a WHERE a.raw_name LIKE %s ORDER BY a.raw_name",
        ["%capture_%"],
    ).fetchall()


def test_killed_ingest_leaves_whole_articles_and_reruns_exactly(cluster, tmp_path):
    expected = write_captures(tmp_path)
    with psycopg.connect(URL, autocommit=True) as conn:
        conn.execute("DROP DATABASE IF EXISTS killed")
        conn.execute("CREATE DATABASE killed TEMPLATE cyberarchive")
    try:
        ingest = subprocess.Popen(
            # Small batches, so that the kill lands between committed batches mid-run.
            [sys.executable, "manage.py", "ingest", "--batch-size", "10", str(tmp_path)],
            cwd=ROOT,
            env=app_env(KILLED_URL),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        with psycopg.connect(KILLED_URL, autocommit=True) as conn:

            def some_done():
                return (
                    conn.execute(
                        "SELECT count(*) FROM archive_article WHERE raw_name LIKE '%capture_%'"
                    ).fetchone()[0]
                    >= 30
                )

            started = wait_until(some_done, 60)
            ingest.send_signal(signal.SIGKILL)
            ingest.wait(timeout=10)
            assert started, "the ingest never got going"
            time.sleep(0.2)
            partial = articles(conn)
        assert 10 <= len(partial) < COUNT, "killed too late to prove anything"
        reference = partial[0][4:]
        assert all(reference), "the seed variant mentions organisations, people and countries"
        for sha, computed, name, _title, *links in partial:
            assert sha == computed and expected[sha] in name
            assert tuple(links) == reference, f"{name}: half-written links {links}"

        result = manage("ingest", str(tmp_path), url=KILLED_URL)
        assert f"{COUNT - len(partial)} added" in result.stdout
        assert f"{len(partial)} unchanged" in result.stdout
        with psycopg.connect(KILLED_URL) as conn:
            complete = articles(conn)
        assert {row[0] for row in complete} == set(expected)
        assert len(complete) == COUNT
        assert all(row[0] == row[1] and tuple(row[4:]) == reference for row in complete)
    finally:
        with psycopg.connect(URL, autocommit=True) as conn:
            conn.execute("DROP DATABASE IF EXISTS killed (FORCE)")
