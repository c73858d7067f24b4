"""Settings for the test suite: production settings, plus a throwaway key and plain static files."""

import os

os.environ.setdefault("SECRET_KEY", "test-only-not-a-secret")

from archive.settings import *  # noqa: F403
from archive.settings import STORAGES

STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
# Serve static files from the finders: the suite never runs collectstatic.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
# The suite makes many requests from one address; rate-limit tests lower these themselves.
API_RATE_ANON = "100000/min"
API_RATE_KEY = "100000/min"
# Client.login() calls authenticate() without a request, which django-axes refuses; the
# throttling tests switch it on (tests/ops/test_admin.py).
AXES_ENABLED = False
