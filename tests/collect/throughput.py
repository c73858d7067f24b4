"""Captures per minute with N workers on the fixture site (a measurement, not a test).

    DATABASE_URL=postgres://.../scratch .venv/bin/python -m tests.collect.throughput \\
        --pages 120 --workers 1 --delay 0 [--hosts 2]

Serves /many/<n>.html on 127.0.0.1 (and 127.0.0.2, ... with --hosts), queues one capture job
per page, starts the workers (`manage.py worker --one-shot`), and times until every job is done.
"""

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import django

ROOT = Path(__file__).resolve().parents[2]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=120)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--delay", type=float, default=0.0, help="CAPTURE_HOST_DELAY")
    parser.add_argument("--hosts", type=int, default=1)
    args = parser.parse_args()

    warc = tempfile.mkdtemp(prefix="throughput-warc-")
    os.environ.update(
        DJANGO_SETTINGS_MODULE="archive.settings_test",
        CAPTURE_ALLOW_PRIVATE="1",
        CAPTURE_WARC_DIR=warc,
        CAPTURE_HOST_DELAY=str(args.delay),
        CAPTURE_CRAWL_CRON="",
    )
    django.setup()
    from django.db import connection

    from archive.collect.tasks import capture_job
    from tests.collect.site import FixtureSite

    sites = [
        FixtureSite(host=f"127.0.0.{n + 1}", pages=args.pages).start() for n in range(args.hosts)
    ]
    stamp = time.time_ns()
    jobs = []
    for number in range(args.pages):
        site = sites[number % len(sites)]
        jobs.append(capture_job.defer(url=site.url(f"/many/{number}.html?run={stamp}")))
    started = time.monotonic()
    workers = [
        subprocess.Popen(
            [sys.executable, "manage.py", "worker", "--one-shot"],
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for _ in range(args.workers)
    ]
    for worker in workers:
        worker.wait()
    elapsed = time.monotonic() - started
    # The workers' own time: first job started to last job done (no process start-up).
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT extract(epoch FROM max(at) FILTER (WHERE type = 'succeeded')"
            " - min(at) FILTER (WHERE type = 'started')),"
            " count(*) FILTER (WHERE type = 'succeeded')"
            " FROM procrastinate_events WHERE job_id = ANY(%s)",
            [jobs],
        )
        busy, succeeded = cursor.fetchone()
    fetched = sum(len([p for p in s.requests if p.startswith("/many/")]) for s in sites)
    for site in sites:
        site.stop()
    print(
        f"{args.pages} pages, {args.workers} worker(s), {args.hosts} host(s), delay "
        f"{args.delay:g} s: {fetched} fetched, {succeeded} jobs done in {float(busy):.1f} s of "
        f"work = {succeeded / float(busy) * 60:.0f} captures/min "
        f"({elapsed:.1f} s with process start-up)"
    )


if __name__ == "__main__":
    main()
