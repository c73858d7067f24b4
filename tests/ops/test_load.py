"""The load script at small scale: gunicorn under locust for a few seconds, zero failures."""

import os

from tests.load.run import run_load
from tests.ops.cluster import URL
from tests.ports import free_port


def test_steady_load_has_no_failures(cluster, monkeypatch):
    monkeypatch.setitem(os.environ, "DATABASE_URL", URL)
    report = run_load(seconds=4, users=8, rate=2, port=free_port(), workers=2)
    stats = report["stats"]
    assert report["exit_code"] == 0, report["stderr"]
    assert stats["Aggregated"]["failures"] == 0
    assert stats["Aggregated"]["requests"] >= 20
    # Tasks are drawn at random; the two heaviest (3 in 11 each) are all but certain to be hit.
    assert {"/search/", "/api/v1/search"} <= set(stats)
    assert stats["Aggregated"]["95%"] < 2000
