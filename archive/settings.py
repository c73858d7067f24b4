"""Settings for the archive, read from the environment.

Production is the default: DEBUG is off, SECRET_KEY and ALLOWED_HOSTS must be given. A
development mode is explicit: DEBUG=1 supplies a local secret key and local hosts.
"""

import os
from datetime import timedelta
from importlib.util import find_spec
from pathlib import Path

from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from archive.site.databases import databases_from_env
from archive.site.embedded import url as embedded_url
from archive.site.env import env_bool, env_list, env_rate

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", default=False)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off (or set DEBUG=1)")
    SECRET_KEY = "development-only-key-never-use-in-production"  # noqa: S105

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

# Without DATABASE_URL: the embedded PostgreSQL under var/postgres/ (archive/site/embedded.py),
# which manage.py and the test suite start when they need it. Read replicas
# (DATABASE_REPLICA_URLS) and PgBouncer (?pgbouncer=1 or DATABASE_POOLER=1):
# archive/site/databases.py.
DATABASE_URL = os.environ.get("DATABASE_URL") or embedded_url()
DATABASES = databases_from_env(DATABASE_URL)
# Read replicas: reads of pages, search and the read API go to a healthy one, writes to the
# primary (archive/site/routers.py). A replica more than REPLICA_MAX_LAG seconds behind, or not
# answering within REPLICA_CONNECT_TIMEOUT, is skipped; states are cached REPLICA_CHECK_SECONDS;
# a client that wrote reads its writes for REPLICA_PIN_SECONDS (then replicas have caught up).
REPLICA_MAX_LAG = float(os.environ.get("REPLICA_MAX_LAG", "5"))
REPLICA_CHECK_SECONDS = float(os.environ.get("REPLICA_CHECK_SECONDS", "1"))
REPLICA_PIN_SECONDS = int(os.environ.get("REPLICA_PIN_SECONDS", "60"))
DATABASE_ROUTERS = ["archive.site.routers.ReplicaRouter"] if len(DATABASES) > 1 else []

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django.contrib.humanize",  # thousands separators in result counts
    "ninja",  # serves the API docs' Swagger UI from our static files: the CSP allows no CDN
    "csp",
    "axes",
    "archive",
    "search",
    "procrastinate.contrib.django",  # the job queue in PostgreSQL (archive.collect.tasks)
]


def _bench_tooling() -> bool:
    """A development checkout: this project's tests package and the dev dependencies are there."""
    try:
        spec = find_spec("tests.bench")
        return (
            spec is not None
            and spec.origin.startswith(str(BASE_DIR))
            and bool(find_spec("datasette"))
        )
    except ModuleNotFoundError:
        return False


# `benchmark`, `search_stages`, `generate_captures` (tests/bench/): from `pip install -e '.[dev]'`
# only; a runtime install has neither the tests nor Datasette and never loads them.
if _bench_tooling():
    INSTALLED_APPS.append("tests.bench")

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "archive.site.middleware.ResilienceMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "archive.api.middleware.ApiHttpMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]
if DATABASE_ROUTERS:  # chooses each request's database before anything queries one
    MIDDLEWARE.insert(2, "archive.site.routers.ReplicaMiddleware")

ROOT_URLCONF = "archive.urls"
WSGI_APPLICATION = "archive.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# Admin login throttling (django-axes): after AXES_FAILURE_LIMIT wrong passwords for one user name
# from one address, that pair is locked out for AXES_COOLOFF_MINUTES. Behind a proxy, set
# AXES_IPWARE_PROXY_COUNT so the client's address is read from X-Forwarded-For.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "30")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False  # no banner on stderr at every start (management commands print one line)
if os.environ.get("AXES_IPWARE_PROXY_COUNT"):
    AXES_IPWARE_PROXY_COUNT = int(os.environ["AXES_IPWARE_PROXY_COUNT"])
    AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "archive" / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Security. HTTPS is assumed in production (SECURE_COOKIES on): cookies are secure, plain HTTP
# is redirected (except the health checks orchestrators call on the container's own port) and
# HSTS is sent. Behind a TLS-terminating proxy, set SECURE_PROXY_SSL_HEADER=1 so that the
# proxy's X-Forwarded-Proto says whether the request was HTTPS; only when the proxy sets it.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", default=not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_HTTPONLY = True
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=SESSION_COOKIE_SECURE)
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
SECURE_HSTS_SECONDS = int(
    os.environ.get("SECURE_HSTS_SECONDS", "31536000" if SESSION_COOKIE_SECURE else "0")
)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=True)
if env_bool("SECURE_PROXY_SSL_HEADER", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Proxies of our own in front of gunicorn, each appending to X-Forwarded-For: the client address
# (rate limits) is read from that header only when this is set, as the entry the outermost of
# them wrote. 0: the header is ignored, as any client can forge it (archive.site.client).
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))

# Content-Security-Policy (django-csp): no inline script or style anywhere in templates/. A
# script that must be inline (JSON-LD) carries nonce="{{ request.csp_nonce }}".
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# Request bodies: form fields over DATA_UPLOAD_MAX_MEMORY_SIZE and any body over
# MAX_REQUEST_BODY_SIZE are refused with 413 (archive.site.middleware).
DATA_UPLOAD_MAX_MEMORY_SIZE = int(os.environ.get("DATA_UPLOAD_MAX_MEMORY_SIZE", 2_621_440))
FILE_UPLOAD_MAX_MEMORY_SIZE = DATA_UPLOAD_MAX_MEMORY_SIZE
MAX_REQUEST_BODY_SIZE = int(os.environ.get("MAX_REQUEST_BODY_SIZE", 10 * 1024 * 1024))

# Named on the About page: who runs this installation, and where corrections and takedown
# requests go (an e-mail address or a URL).
ARCHIVE_OPERATOR = os.environ.get("ARCHIVE_OPERATOR", "")
ARCHIVE_CONTACT = os.environ.get("ARCHIVE_CONTACT", "")

# The curated entity file loaded with the seeds.
ENTITY_FILE = BASE_DIR / "seeds" / "entities.yaml"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # procrastinate says "Adding tasks from blueprint" at every start of every command.
    "loggers": {"procrastinate.blueprints": {"level": "WARNING"}},
}

# API rate limits (requests/second|minute|hour|day): per client address for anonymous reads,
# per key for requests that send one.
API_RATE_ANON = env_rate("API_RATE_ANON", "120/min")
API_RATE_KEY = env_rate("API_RATE_KEY", "1200/min")
# Creating or renaming an entity through the API links the archived articles that name it, at
# most this many per request (newest first); `manage.py relink` links the rest.
API_RELINK_LIMIT = int(os.environ.get("API_RELINK_LIMIT", "2000"))

# Collecting (archive.collect): where fetched pages are written as WARC files, and how politely.
CAPTURE_WARC_DIR = Path(os.environ.get("CAPTURE_WARC_DIR", BASE_DIR / "var" / "warc"))
# Named in the User-Agent of every fetch, so that a site's operator can reach us.
CAPTURE_CONTACT_URL = os.environ.get("CAPTURE_CONTACT_URL", "http://localhost:8000/about/")
CAPTURE_USER_AGENT = os.environ.get(
    "CAPTURE_USER_AGENT",
    f"cyberarchive-collector/0.1 (web archive of cybercrime cooperation; +{CAPTURE_CONTACT_URL})",
)
CAPTURE_HOST_DELAY = float(os.environ.get("CAPTURE_HOST_DELAY", "2.0"))  # seconds between fetches
CAPTURE_TIMEOUT = float(os.environ.get("CAPTURE_TIMEOUT", "20"))  # seconds, connect and read
CAPTURE_MAX_BYTES = int(os.environ.get("CAPTURE_MAX_BYTES", 10 * 1024 * 1024))
CAPTURE_MAX_REDIRECTS = int(os.environ.get("CAPTURE_MAX_REDIRECTS", "5"))
# Loopback, private, link-local and reserved addresses are refused unless this is set (tests).
CAPTURE_ALLOW_PRIVATE = env_bool("CAPTURE_ALLOW_PRIVATE", False)
# A page listed without a date of change is fetched again once its last capture is this old.
CAPTURE_REFETCH_AFTER = float(os.environ.get("CAPTURE_REFETCH_AFTER", 24 * 3600))
# The periodic crawl of every source's feeds (cron syntax, UTC); empty: no periodic crawl.
CAPTURE_CRAWL_CRON = os.environ.get("CAPTURE_CRAWL_CRON", "17 * * * *")
PROCRASTINATE_IMPORT_PATHS = ["archive.collect.tasks"]
# A job whose worker sent no heartbeat for this long (killed) is queued again.
CAPTURE_STALLED_AFTER = float(os.environ.get("CAPTURE_STALLED_AFTER", "60"))
# Search exports and feeds (up to 1,000 rows each): the longest their queries may run before the
# request is refused with 503 (PostgreSQL's statement_timeout, per request).
SEARCH_EXPORT_TIMEOUT_MS = int(os.environ.get("SEARCH_EXPORT_TIMEOUT_MS", "5000"))
