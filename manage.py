#!/usr/bin/env python
"""Django's command-line utility, with one clear line when PostgreSQL is unreachable."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "archive.settings")
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line
    from django.db.utils import OperationalError

    try:
        execute_from_command_line(sys.argv)
    except ImproperlyConfigured as exc:
        sys.exit(f"error: configuration: {exc}")
    except OperationalError as exc:
        from archive.site.dbcheck import explain_operational_error

        sys.exit(explain_operational_error(exc))


if __name__ == "__main__":
    main()
