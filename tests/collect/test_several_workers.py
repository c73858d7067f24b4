"""Collecting jobs on several worker processes sharing the one primary, as workers on several
hosts do: every job is done once, and none is lost when a worker is SIGKILLed mid-job."""

import re
import signal
import threading
import time
from pathlib import Path

import pytest
from django.db import connection

from archive.models import Capture
from tests.collect.site import FixtureSite
from tests.collect.test_worker import wait_for, worker, worker_env

pytestmark = pytest.mark.slow

JOBS = 24
WORKERS = 3
DONE = re.compile(r"Job capture\[(\d+)\].* ended with status: Success")


class SlowPages(FixtureSite):
    """Each /many/N.html takes a moment; GATED waits until the test opens the gate, so that
    every worker is inside a job (fetching it, or waiting for the host's fetch slot)."""

    GATED = "/many/5.html"

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.gate = threading.Event()

    def respond(self, path: str):
        if path == self.GATED:
            self.gate.wait(60)
        if path.startswith("/many/"):
            time.sleep(0.2)
        return super().respond(path)


def query(sql: str, params=None) -> list:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall() if cursor.description else []


def statuses(jobs: list[int]) -> dict[str, int]:
    rows = query(
        "SELECT status::text, count(*) FROM procrastinate_jobs WHERE id = ANY(%s) GROUP BY 1",
        [jobs],
    )
    return dict(rows)


def newest_worker() -> int:
    return query("SELECT coalesce(max(id), 0) FROM procrastinate_workers")[0][0]


def stop(process) -> str:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)  # a graceful stop: the current job finishes
    out, _ = process.communicate(timeout=60)
    return out


def test_jobs_on_several_workers_are_done_once_and_survive_a_kill(
    seeds_reloaded_afterwards, transactional_db, tmp_path
):
    from archive.collect.tasks import capture_job

    site = SlowPages(pages=JOBS).start()
    # A live worker's heartbeat (every 0.5 s) can stall for seconds on a loaded machine (the
    # capture's ingest holds the GIL): the 2 s of test_worker would take it for dead.
    env = {**worker_env(tmp_path), "CAPTURE_STALLED_AFTER": "6"}
    workers = []
    try:
        paths = [f"/many/{n}.html" for n in range(JOBS)]
        # Jobs an earlier, interrupted run left queued would be taken too: cancel them.
        query("UPDATE procrastinate_jobs SET status = 'cancelled' WHERE status = 'todo'")
        jobs = [capture_job.defer(url=site.url(path)) for path in paths]
        # The victim starts first, so that its row in procrastinate_workers is known.
        before = query("SELECT coalesce(max(id), 0) FROM procrastinate_workers")[0][0]
        workers = [worker(env)]
        wait_for(lambda: newest_worker() > before, 60, "the first worker's registration")
        victim_id = newest_worker()
        workers += [worker(env) for _ in range(WORKERS - 1)]
        wait_for(lambda: site.fetched(SlowPages.GATED) == 1, 120, "the gated page's fetch")
        wait_for(lambda: statuses(jobs).get("doing", 0) == WORKERS, 30, "a job on each worker")
        victim = workers[0]
        victim.send_signal(signal.SIGKILL)  # mid-job: no chance to finish or clean up
        victim.wait(10)
        lost = [
            row[0]
            for row in query(
                "SELECT id FROM procrastinate_jobs WHERE worker_id = %s AND status = 'doing'",
                [victim_id],
            )
        ]
        assert len(lost) == 1, (lost, statuses(jobs))  # it died holding one job
        site.gate.set()
        time.sleep(6.5)  # its heartbeat grows older than CAPTURE_STALLED_AFTER

        replacement = worker(env)  # queues the dead worker's job again as it starts
        workers.append(replacement)
        wait_for(lambda: statuses(jobs) == {"succeeded": JOBS}, 240, "every job done")
        outputs = [victim.stdout.read(), *(stop(process) for process in workers[1:])]
    finally:
        for process in workers:
            if process.poll() is None:
                process.kill()
                process.wait(10)
        site.stop()

    # Each page captured exactly once, whichever worker took it; no job ran to the end twice.
    for path in paths:
        assert Capture.objects.filter(url=site.url(path)).count() == 1, path
    # One WARC file a capture. The killed worker may have written its job's file just before
    # it died, with no capture committed to point into it: kept (bytes fetched are never
    # deleted), named by no capture, and at most that one.
    files = {path.name for path in (tmp_path / "warc").rglob("*.warc.gz")}
    ours = Capture.objects.filter(url__in=[site.url(path) for path in paths])
    named = {Path(capture.warc_file).name for capture in ours}
    assert len(named) == JOBS and named <= files, (named, files)
    assert len(files - named) <= 1, files - named
    finished = [sum(int(n) in jobs for n in DONE.findall(out)) for out in outputs]
    assert sum(finished) == JOBS, finished
    assert sum(1 for n in finished if n) >= 3, finished  # the work was shared
    # Only the killed worker's job ran twice: fetched again, retried once.
    fetches = [site.fetched(path) for path in paths]
    assert min(fetches) == 1 and sum(fetches) <= JOBS + 1, fetches
    # Queued again by the replacement as it started, or by the periodic `stalled-jobs` task of
    # a running worker if a minute turned first.
    assert sum(f"retrying stalled job {lost[0]} " in out for out in outputs) == 1, outputs
    attempts = dict(query("SELECT id, attempts FROM procrastinate_jobs WHERE id = ANY(%s)", [jobs]))
    assert attempts.pop(lost[0]) == 2 and set(attempts.values()) == {1}, attempts
