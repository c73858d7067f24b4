"""Exports and feeds of a search: the API's rate limits, and a bound on each request's cost.

They return up to a thousand rows with snippets, as much work as a page of the API, so they
count against the same budget (`API_RATE_ANON` per client address, `API_RATE_KEY` per key,
in the same buckets as the API's), and 429 with Retry-After beyond it. Each runs in a
transaction whose statements stop after SEARCH_EXPORT_TIMEOUT_MS (PostgreSQL's
`statement_timeout`): an expensive query (sixteen OR'd phrases over a large archive) is
refused with 503 instead of holding a core while other requests wait.
"""

import functools

from django.conf import settings
from django.db import OperationalError, connection, transaction
from django.http import JsonResponse
from psycopg import errors

from archive.api.auth import request_key
from archive.api.ratelimit import rate_hit, rate_parse
from archive.site.client import client_address


def _rate_limited(request) -> JsonResponse | None:
    key = request_key(request)
    rate = rate_parse(settings.API_RATE_KEY if key else settings.API_RATE_ANON)
    bucket = f"api:key-{key.pk}" if key else f"api:addr-{client_address(request)}"
    hit = rate_hit(bucket=bucket, rate=rate)
    if hit.allowed:
        return None
    message = "Too many requests: slow down and retry later."
    return JsonResponse(
        {"code": "rate_limited", "message": message},
        status=429,
        headers={"Retry-After": str(max(int(hit.retry_after + 0.999), 1))},
    )


def bounded(view):
    """Rate-limit `view` and bound the time its queries may take."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        refused = _rate_limited(request)
        if refused is not None:
            return refused
        try:
            with transaction.atomic():
                with connection.cursor() as cursor:
                    cursor.execute(
                        "SELECT set_config('statement_timeout', %s, true)",
                        [str(int(settings.SEARCH_EXPORT_TIMEOUT_MS))],
                    )
                response = view(request, *args, **kwargs)
                if not response.streaming:
                    response.content  # noqa: B018 - rendered inside the bound
                return response
        except OperationalError as exc:
            if not isinstance(exc.__cause__, errors.QueryCanceled):
                raise
            message = "This search is too costly to export at once: narrow it and retry."
            return JsonResponse(
                {"code": "too_costly", "message": message},
                status=503,
                headers={"Retry-After": "5"},
            )

    return wrapper
