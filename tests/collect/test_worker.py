"""Jobs on the queue: a worker killed in the middle of a capture loses nothing; the next
worker queues the job again and the capture is made once."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection

from archive.models import Capture
from archive.site.env import url_from_database
from tests.collect.site import FixtureSite

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]


def worker_env(tmp_path) -> dict:
    db = connection.settings_dict
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "archive.settings_test",
        "DATABASE_URL": url_from_database(db),  # a TCP host or the embedded server's socket
        "CAPTURE_ALLOW_PRIVATE": "1",
        "CAPTURE_WARC_DIR": str(tmp_path / "warc"),
        "CAPTURE_HOST_DELAY": "0",
        "CAPTURE_TIMEOUT": "20",
        "CAPTURE_STALLED_AFTER": "2",
        "CAPTURE_CRAWL_CRON": "",
    }


def worker(env, *args) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "manage.py", "worker", "--heartbeat", "0.5", *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def job_status(job_id: int) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT status FROM procrastinate_jobs WHERE id = %s", [job_id])
        return cursor.fetchone()[0]


def wait_for(condition, seconds: float, what: str):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


def test_a_job_survives_its_worker_being_killed(
    seeds_reloaded_afterwards, transactional_db, tmp_path
):
    from archive.collect.tasks import capture_job

    site = FixtureSite(slow_seconds=4).start()
    try:
        url = site.url("/slow.html")
        job_id = capture_job.defer(url=url)
        env = worker_env(tmp_path)

        first = worker(env)
        wait_for(lambda: site.fetched("/slow.html") == 1, 60, "the first worker's fetch")
        assert job_status(job_id) == "doing"
        first.send_signal(signal.SIGKILL)  # mid-fetch: no chance to finish or clean up
        first.wait(10)
        assert not Capture.objects.filter(url=url).exists()
        assert not list((tmp_path / "warc").rglob("*.warc.gz"))

        time.sleep(2.5)  # the dead worker's heartbeat grows older than CAPTURE_STALLED_AFTER
        second = worker(env, "--one-shot")
        out, _ = second.communicate(timeout=120)
        assert second.returncode == 0, out
        assert "1 stalled job(s) queued again" in out
        assert job_status(job_id) == "succeeded"
        [capture] = Capture.objects.filter(url=url)
        assert capture.status == Capture.Status.ARTICLE
        assert site.fetched("/slow.html") == 2
        assert len(list((tmp_path / "warc").rglob("*.warc.gz"))) == 1
    finally:
        site.stop()
