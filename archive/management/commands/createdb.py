"""python manage.py createdb: create the configured PostgreSQL database if it is missing."""

import psycopg
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from psycopg import sql

from archive.site.env import redact


class Command(BaseCommand):
    help = "Create the database named by DATABASE_URL if it does not exist yet."
    requires_system_checks = []

    def handle(self, **options):
        db = settings.DATABASES["default"]
        params = {
            "dbname": "postgres",
            "user": db["USER"] or None,
            "password": db["PASSWORD"] or None,
            "host": db["HOST"] or None,
            "port": db["PORT"] or None,
            "connect_timeout": 5,
        }
        try:
            with psycopg.connect(**params, autocommit=True) as conn:
                exists = conn.execute(
                    "SELECT 1 FROM pg_database WHERE datname = %s", [db["NAME"]]
                ).fetchone()
                if exists:
                    self.stdout.write(f"database {db['NAME']} exists")
                    return
                conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(db["NAME"])))
        except psycopg.OperationalError as exc:
            first = str(exc).strip().splitlines()[0]
            raise CommandError(
                f"cannot reach PostgreSQL at {redact(settings.DATABASE_URL)}: {first} — start "
                "it (e.g. `pg_ctlcluster 15 main start` or `docker compose up -d db`)"
            ) from None
        self.stdout.write(f"created database {db['NAME']}")
