"""python manage.py worker: run collecting jobs from the queue in PostgreSQL (procrastinate).

Start as many as wanted, on as many machines as reach the database: they share the queue, one
fetch at a time per site (archive.collect.politeness). A job whose worker died is queued again
at the next worker start, and every minute by the periodic `stalled-jobs` task."""

import asyncio

from django.conf import settings
from django.core.management.base import BaseCommand
from procrastinate.contrib.django import app

from archive.collect import tasks


class Command(BaseCommand):
    help = "Run collecting jobs (captures, crawls, the periodic crawl) until stopped."

    def add_arguments(self, parser):
        parser.add_argument("--concurrency", type=int, default=1, help="jobs run at once")
        parser.add_argument(
            "--heartbeat", type=float, default=10.0, help="seconds between heartbeats"
        )
        parser.add_argument(
            "--one-shot", action="store_true", help="exit when the queue is empty (tests, cron)"
        )

    def handle(self, **options):
        worker_app = app.connector.get_worker_connector()
        with app.replace_connector(worker_app) as running:
            asyncio.run(self.run(running, options))

    async def run(self, running, options) -> None:
        async with running.open_async():
            retried = await tasks.stalled_jobs_retry(
                running.job_manager, settings.CAPTURE_STALLED_AFTER
            )
            if retried:
                self.stdout.write(f"{retried} stalled job(s) queued again")
            await running.run_worker_async(
                queues=[tasks.QUEUE],
                concurrency=options["concurrency"],
                wait=not options["one_shot"],
                update_heartbeat_interval=options["heartbeat"],
                install_signal_handlers=True,
            )
