"""The embedded PostgreSQL (archive/site/embedded.py) on a cluster of its own in tmp_path: it
starts, keeps its data across a restart, carries unaccent and pg_trgm, and stops when its last
user leaves unless pinned."""

import os
import subprocess
import sys
import textwrap

import pytest

from tests.conftest import ROOT

pytestmark = [pytest.mark.slow]

SCRIPT = textwrap.dedent(
    """
    import psycopg
    from archive.site import embedded as e

    def sql(query):
        with psycopg.connect(dbname="postgres", user="postgres",
                             host=str(e.socket_dir()), autocommit=True) as conn:
            cursor = conn.execute(query)
            return cursor.fetchall() if cursor.description else []

    assert not e.running()
    assert e.start() is True and e.running()
    print("version", sql("SHOW server_version")[0][0].split(".")[0])
    sql("CREATE EXTENSION unaccent; CREATE EXTENSION pg_trgm")
    print("unaccent", sql("SELECT unaccent('Hà Lan Đài Loan')")[0][0])
    sql("CREATE TABLE kept (v text); INSERT INTO kept VALUES ('còn đây')")
    assert e.stop() is True and not e.running()
    assert e.start() is True
    print("kept", sql("SELECT v FROM kept")[0][0])
    e.stop()

    with e.in_use() as url:  # the last user leaving stops it
        assert e.running() and url.endswith(f"?host={e.socket_dir()}")
    print("after in_use", e.running())
    e.pin(True)
    with e.in_use():
        pass
    print("pinned", e.running())
    e.pin(False)
    e.stop()
    print("stopped", not e.running())
    """
)


def test_start_restart_extensions_and_stop(tmp_path):
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        cwd=ROOT,
        env={**os.environ, "EMBEDDED_PG_DIR": str(tmp_path / "pg")},
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    lines = dict(line.split(" ", 1) for line in done.stdout.splitlines())
    assert lines == {
        "version": "18",
        "unaccent": "Ha Lan Dai Loan",
        "kept": "còn đây",
        "after": "in_use False",
        "pinned": "True",
        "stopped": "True",
    }
