"""python manage.py serve: gunicorn on archive.wsgi, the way `make run` serves the archive.

Run through manage.py, the embedded PostgreSQL (when DATABASE_URL is not set) stays up while
gunicorn runs and stops after it; Ctrl-C stops both.
"""

import signal
import subprocess
import sys

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Serve the archive with gunicorn (static files by whitenoise)."
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("--bind", default="127.0.0.1:8000")
        parser.add_argument("--workers", type=int, default=2)

    def handle(self, *, bind, workers, **options):
        command = [
            sys.executable,
            "-m",
            "gunicorn",
            "archive.wsgi:application",
            "--bind",
            bind,
            "--workers",
            str(workers),
            "--access-logfile",
            "-",
        ]
        server = subprocess.Popen(command)  # noqa: S603 (our own gunicorn, argument list)

        def forward(signum, frame):
            server.send_signal(signum)

        signal.signal(signal.SIGINT, forward)
        signal.signal(signal.SIGTERM, forward)
        code = server.wait()
        if code not in (0, -signal.SIGINT, -signal.SIGTERM):
            sys.exit(code)
