"""Jobs on procrastinate's queue in the archive's own PostgreSQL: a capture requested through
the API, the periodic crawl, and the recovery of jobs whose worker died.

Every job is retried with exponential back-off when it fails for a reason worth retrying
(timeouts, connection errors): up to 5 retries, after 34 s, 46 s, 94 s, 286 s and 1054 s.
Each attempt's failure is kept as a failed capture. A job whose worker was killed stays
"doing" until a worker notices the dead worker's heartbeat has stopped (`stalled_jobs_retry`,
at every worker start and every minute) and queues it again.
"""

import logging
import threading
import time

from asgiref.sync import async_to_sync
from django.conf import settings
from procrastinate import RetryStrategy
from procrastinate.contrib.django import app

from archive.collect.service import Collector
from archive.models import Capture

log = logging.getLogger(__name__)

QUEUE = "collect"
# Waits of 30 s + 4^(attempt + 1): 34 s, 46 s, 94 s, 286 s, 1054 s (procrastinate raises the
# exponential base to the attempt's power: a base of 30 would wait 7.5 hours before the third).
BACKOFF = RetryStrategy(max_attempts=5, wait=30, exponential_wait=4)


class RetryLater(Exception):
    """A transient failure: procrastinate retries the job with back-off."""


_local = threading.local()
REFRESH_AFTER = 600.0  # seconds a worker thread keeps its collector (entity matcher, robots)


def collector() -> Collector:
    """This worker thread's collector: its entity matcher is built once, not once a job, and
    rebuilt every ten minutes so that entities curated meanwhile are linked."""
    kept = getattr(_local, "collector", None)
    if kept is None or time.monotonic() - _local.since > REFRESH_AFTER:
        if kept is not None:
            kept.close()
        _local.collector, _local.since = Collector(), time.monotonic()
    return _local.collector


@app.task(name="capture", queue=QUEUE, retry=BACKOFF)
def capture_job(url: str, how: str = Capture.How.API) -> int:
    capture = collector().capture(url, how=how)
    if capture.status == Capture.Status.FAILED and capture.transient:
        raise RetryLater(f"{url}: {capture.error}")
    return capture.pk


@app.task(name="crawl", queue=QUEUE, retry=BACKOFF)
def crawl_job(seeds: list[str] | None = None) -> dict:
    return dict(collector().crawl(seeds))


if settings.CAPTURE_CRAWL_CRON:

    @app.periodic(cron=settings.CAPTURE_CRAWL_CRON, periodic_id="crawl-sources")
    @app.task(name="crawl-periodic", queue=QUEUE, queueing_lock="crawl-periodic")
    def crawl_periodic(timestamp: int) -> dict:
        return dict(collector().crawl(None))


async def stalled_jobs_retry(job_manager, seconds: float) -> int:
    """Queue again the jobs of workers silent for `seconds` (killed mid-job)."""
    stalled = list(await job_manager.get_stalled_jobs(seconds_since_heartbeat=seconds))
    for job in stalled:
        log.warning("retrying stalled job %s (%s)", job.id, job.task_name)
        await job_manager.retry_job(job)
    await job_manager.prune_stalled_workers(seconds)
    return len(stalled)


@app.periodic(cron="* * * * *", periodic_id="stalled-jobs")
@app.task(name="stalled-jobs", queue=QUEUE, pass_context=True)
async def stalled_periodic(context, timestamp: int) -> int:
    return await stalled_jobs_retry(context.app.job_manager, settings.CAPTURE_STALLED_AFTER)


def capture_enqueue(url: str) -> int:
    """Queue a capture request; the job's id."""
    return async_to_sync(capture_job.defer_async)(url=url, how=Capture.How.API)
