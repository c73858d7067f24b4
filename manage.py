#!/usr/bin/env python
"""Django's command-line utility, runnable as `python manage.py ...` right after `make run`.

- It runs in the checkout's own virtualenv (`.venv`, made by `make`), whichever `python` started it.
- It reads `.env` (SECRET_KEY and the rest, written by `make run`; the environment wins).
- Without DATABASE_URL it uses the embedded PostgreSQL under var/postgres/, started for the
  command if it is not running and stopped afterwards unless something else still uses it.
- An unreachable database is one clear line, not a traceback.
"""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
# Commands that never touch the database: no embedded server started for them.
NO_DATABASE = {"help", "version", "collectstatic", "compilemessages", "makemessages", "pgserver"}


def use_checkout_venv() -> None:
    venv = ROOT / ".venv"
    python = venv / "bin" / "python"
    here = Path(sys.prefix).resolve()
    chosen = os.environ.get("VIRTUAL_ENV") == sys.prefix  # another venv, active and running
    if python.exists() and here != venv.resolve() and not chosen:
        os.execv(python, [str(python), *sys.argv])  # noqa: S606 (our own interpreter)


def main() -> None:
    use_checkout_venv()
    from archive.site import dotenv

    dotenv.load(Path(os.environ.get("ENV_FILE", ROOT / ".env")))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "archive.settings")
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line
    from django.db.utils import OperationalError

    command = sys.argv[1] if len(sys.argv) > 1 else "help"
    try:
        if os.environ.get("DATABASE_URL") or command in NO_DATABASE or command.startswith("-"):
            execute_from_command_line(sys.argv)
        else:
            from archive.site import embedded

            try:
                with embedded.in_use():
                    execute_from_command_line(sys.argv)
            except embedded.EmbeddedError as exc:
                sys.exit(f"error: embedded PostgreSQL: {exc}")
    except ImproperlyConfigured as exc:
        sys.exit(f"error: configuration: {exc}")
    except OperationalError as exc:
        from archive.site.dbcheck import explain_operational_error

        sys.exit(explain_operational_error(exc))


if __name__ == "__main__":
    main()
