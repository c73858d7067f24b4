"""Turn a database connection failure into one line a person can act on."""

from django.conf import settings


def explain_operational_error(exc: Exception) -> str:
    from archive.site.env import redact

    url = redact(settings.DATABASE_URL)
    first = str(exc).strip().splitlines()[0] if str(exc).strip() else exc.__class__.__name__
    if "does not exist" in first and "database" in first:
        hint = "create it with: python manage.py createdb"
    else:
        hint = (
            "start PostgreSQL (e.g. `pg_ctlcluster 15 main start` or `docker compose up -d db`) "
            "or set DATABASE_URL"
        )
    return f"error: cannot use the database at {url}: {first} — {hint}"
