"""The JSON API under /api/v1/: one NinjaAPI mounting the records, write, export and search
routers, with one JSON error shape ({code, message}) for every failure."""

from django.db import DataError
from django.http import Http404
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from archive.api.auth import ApiRateThrottle, auth_failure_message
from archive.api.export import router as export_router
from archive.api.pagination import BadCursor

# The records router with the write operations added on the same paths (ninja routes one URL
# pattern per path, so reads and writes of a path share one router): see archive/api/write.py.
from archive.api.write import router as records_router
from archive.collect.api import router as collect_router
from archive.entities.writes import WriteError
from archive.ingest.extract import ExtractError
from search.api import router as search_router

DESCRIPTION = """
Articles on international cooperation against cybercrime, and the organisations, people,
events, countries and sources they mention.

* **Reads** need no key. Lists return `count`, `items`, `next` / `previous` links and
  `next_cursor`; send `cursor=` (empty) to page by keyset cursors, stable while records are
  added. Every response carries `ETag` (article details also `Last-Modified`) and answers a
  matching conditional GET with 304. CORS is open (`Access-Control-Allow-Origin: *`).
* **Writes** need an API key, sent as `Authorization: Bearer <key>` or `X-API-Key: <key>`.
  POST creates or updates by slug (fields left out keep their value); PATCH changes only the
  fields sent on an existing record. Linked records are named by slug (countries by ISO code):
  an unknown one is a 422 `unknown_reference` naming it. Every write is recorded with its key.
* **Errors** are JSON `{"code": ..., "message": ...}`: 400 bad cursor or query, 401 missing or
  wrong key, 404 unknown record, 409 conflict, 422 invalid parameter or unknown linked record,
  429 rate limited (with `Retry-After`).
* **Bulk**: `GET /api/v1/export.ndjson` streams every article with its entities in the format
  `manage.py ingest` reads back.
"""

api = NinjaAPI(
    title="Cybercrime cooperation archive API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api",
    throttle=[ApiRateThrottle()],
)

STATUS_CODES = {
    401: "unauthorized",
    403: "forbidden",
    405: "method_not_allowed",
    409: "conflict",
    429: "rate_limited",
}


def error(request, status: int, code: str, message: str):
    return api.create_response(request, {"code": code, "message": message}, status=status)


@api.exception_handler(ValidationError)
def invalid_parameters(request, exc: ValidationError):
    fields = [".".join(str(p) for p in error.get("loc", [])[1:]) for error in exc.errors]
    message = "Invalid parameter: " + ", ".join(
        f"{field or 'request'} ({error.get('msg', 'invalid')})"
        for field, error in zip(fields, exc.errors, strict=False)
    )
    return error(request, 422, "invalid_parameter", message)


@api.exception_handler(Http404)
def not_found(request, exc):
    return error(request, 404, "not_found", "No such record.")


@api.exception_handler(BadCursor)
def bad_cursor(request, exc: BadCursor):
    return error(request, 400, "bad_cursor", f"Invalid cursor: {exc}.")


@api.exception_handler(ExtractError)
def bad_capture(request, exc: ExtractError):
    return error(request, 422, "bad_capture", f"The capture cannot become an article: {exc}.")


@api.exception_handler(DataError)
def unstorable(request, exc: DataError):
    """PostgreSQL refused a value the schema let through (a NUL character in text, say)."""
    message = "A value cannot be stored: text may not hold NUL characters, numbers must fit."
    return error(request, 422, "invalid_parameter", message)


@api.exception_handler(WriteError)
def write_refused(request, exc: WriteError):
    return error(request, exc.status, exc.code, exc.message)


@api.exception_handler(HttpError)
def http_error(request, exc: HttpError):
    if isinstance(exc, AuthenticationError):
        return error(request, 401, "unauthorized", auth_failure_message(request))
    if exc.status_code == 429:
        return error(request, 429, "rate_limited", "Too many requests: slow down and retry later.")
    code = STATUS_CODES.get(exc.status_code, "bad_request")
    return error(request, exc.status_code, code, exc.message)


api.add_router("/", records_router)
api.add_router("/", export_router)
api.add_router("/", search_router)
api.add_router("/", collect_router)
