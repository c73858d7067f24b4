"""python manage.py pgserver start|stop|status|url: the embedded PostgreSQL (var/postgres/)."""

from django.core.management.base import BaseCommand, CommandError

from archive.site import embedded


class Command(BaseCommand):
    help = (
        "Start (and keep running), stop, or show the embedded PostgreSQL used when DATABASE_URL "
        "is not set."
    )
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["start", "stop", "status", "url"])

    def handle(self, *, action, **options):
        try:
            if action == "start":
                embedded.pin(True)
                started = embedded.start()
                self.stdout.write(f"{'started' if started else 'running'}: {embedded.url()}")
            elif action == "stop":
                embedded.pin(False)
                stopped = embedded.stop()
                self.stdout.write("stopped" if stopped else "not running")
            elif action == "status":
                state = "running" if embedded.running() else "stopped"
                self.stdout.write(f"{state}: {embedded.data_dir()}")
            else:
                self.stdout.write(embedded.url())
        except embedded.EmbeddedError as exc:
            raise CommandError(str(exc)) from None
