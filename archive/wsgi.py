"""WSGI entry point: gunicorn serves archive.wsgi:application."""

import os
from pathlib import Path

from django.core.wsgi import get_wsgi_application

from archive.site import dotenv

dotenv.load(Path(os.environ.get("ENV_FILE", Path(__file__).resolve().parent.parent / ".env")))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "archive.settings")

application = get_wsgi_application()
