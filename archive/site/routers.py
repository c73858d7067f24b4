"""Reads on a replica, writes on the primary (installed when DATABASE_REPLICA_URLS names any).

Django asks the router for a database at each query, so the decision is made once per request,
by `ReplicaMiddleware`, and the router only repeats it:

- A GET, HEAD or OPTIONS request outside /admin/ (pages, search, the read API) reads from one
  healthy replica chosen at its start (`archive.site.replicas`). Every other request, and
  everything outside a request (ingest, workers, management commands, the shell), uses the
  primary alone.
- Writes always go to the primary, and so do reads of what must be current: sessions, users,
  admin log, login throttling (django-axes), API keys (a revoked key stops at once) and
  rate-limit counters (an UNLOGGED table, which a replica cannot read). A read inside a
  transaction on the primary stays on the primary (`atomic` keeps one connection).
- Read-your-writes: a request that may have written (POST, PUT, PATCH, DELETE, any path) is
  answered with the primary's WAL position after it, as a cookie (REPLICA_PIN_SECONDS long)
  and an `X-Archive-LSN` header. A later read carrying either (cookie kept by browsers, header
  echoed by API clients) is served by a replica only once that replica has replayed that
  position, else by the primary.
- A replica that fails during a read is marked down and the view runs again on the primary, so
  a replica dying under load costs its readers no error.
"""

import contextlib
import contextvars
import random

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, InterfaceError, OperationalError, connections

from archive.site.replicas import (
    lsn_format,
    lsn_parse,
    primary_lsn,
    replica_aliases,
    replica_mark_down,
    replicas_usable,
)

SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}
PRIMARY_ONLY_PATHS = ("/admin/", "/i18n/", "/healthz", "/readyz")
PRIMARY_ONLY_APPS = {"admin", "auth", "sessions", "axes", "contenttypes"}
PRIMARY_ONLY_MODELS = {"archive.apikey", "archive.apiwrite", "archive.apiratebucket"}
LSN_COOKIE = "archive_lsn"
LSN_HEADER = "X-Archive-LSN"

_read_alias: contextvars.ContextVar[str | None] = contextvars.ContextVar(
    "archive_read_alias", default=None
)


def read_alias() -> str:
    """The database this request reads from: its replica, or the primary."""
    alias = _read_alias.get()
    if alias is None or connections[DEFAULT_DB_ALIAS].in_atomic_block:
        return DEFAULT_DB_ALIAS
    return alias


def reading():
    """The connection for raw read-only SQL (search's facets, estimates, entity offers)."""
    return connections[read_alias()]


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        meta = model._meta
        if meta.app_label in PRIMARY_ONLY_APPS or meta.label_lower in PRIMARY_ONLY_MODELS:
            return DEFAULT_DB_ALIAS
        return read_alias()

    def db_for_write(self, model, **hints):
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        return True  # every alias holds the same data

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == DEFAULT_DB_ALIAS  # replicas follow the primary's schema by replication


def min_lsn_of(request) -> int | None:
    """The WAL position this client wrote up to, if it says: the header in PostgreSQL's
    notation (0/3002000), the cookie as one hexadecimal number (a cookie value has no '/')."""
    with contextlib.suppress(ValueError):
        if header := request.headers.get(LSN_HEADER):
            return lsn_parse(header)
        if cookie := request.COOKIES.get(LSN_COOKIE):
            return int(cookie[:16], 16)
    return None


def replica_for(request) -> str | None:
    if request.method not in SAFE_METHODS or request.path.startswith(PRIMARY_ONLY_PATHS):
        return None
    usable = replicas_usable(min_lsn=min_lsn_of(request))
    return random.choice(usable) if usable else None  # noqa: S311 - spreading load


class ReplicaMiddleware:
    """Chooses the request's database (see the module's docstring); sits just below
    ResilienceMiddleware so that every query of the request happens inside it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.read_alias = replica_for(request) if replica_aliases() else None
        token = _read_alias.set(request.read_alias)
        try:
            response = self.get_response(request)
        finally:
            _read_alias.reset(token)
        if request.method not in SAFE_METHODS and response.status_code < 400:
            self.pin_to_writes(response)
        return response

    def pin_to_writes(self, response):
        lsn = primary_lsn()
        if lsn is None:
            return
        response[LSN_HEADER] = lsn_format(lsn)
        response.set_cookie(
            LSN_COOKIE,
            f"{lsn:x}",
            max_age=settings.REPLICA_PIN_SECONDS,
            secure=settings.SESSION_COOKIE_SECURE,
            httponly=True,
            samesite="Lax",
        )

    def process_exception(self, request, exception):
        """A read on the replica failed: run the view again on the primary (GET, HEAD and
        OPTIONS views only read), marking the replica down if it no longer answers."""
        alias = getattr(request, "read_alias", None)
        if alias is None or not isinstance(exception, OperationalError | InterfaceError):
            return None
        replica = connections[alias]
        if replica.connection is None or not replica.is_usable():
            replica_mark_down(alias, exception)
        # Else the replica answers: a query cancelled by a conflict with recovery, or the
        # primary failed (then the second run fails too, and ResilienceMiddleware says 503).
        request.read_alias = None
        _read_alias.set(None)
        match = request.resolver_match
        response = match.func(request, *match.args, **match.kwargs)
        if hasattr(response, "render") and callable(response.render):
            response = response.render()
        return response
