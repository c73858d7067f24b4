"""Authentication and rate limits for the API.

Writes need a key (`Authorization: Bearer ...` or `X-API-Key`). Requests are limited per key
when one is sent, per client address otherwise; the rates come from settings
(`API_RATE_ANON`, `API_RATE_KEY`, e.g. "60/min") and are read on each request, so they can be
changed in tests. Counters live in PostgreSQL, shared by every worker (`archive.api.ratelimit`).
"""

import threading

from django.conf import settings
from ninja.security import APIKeyHeader, HttpBearer
from ninja.throttling import BaseThrottle

from archive.api.keys import apikey_authenticate, token_from_request
from archive.api.ratelimit import rate_hit, rate_parse
from archive.site.client import client_address


def request_key(request):
    """The live ApiKey of this request, or None; looked up once per request."""
    if not hasattr(request, "_api_key"):
        request._api_key = apikey_authenticate(token_from_request(request))
    return request._api_key


class BearerKey(HttpBearer):
    """`Authorization: Bearer <key>`."""

    def authenticate(self, request, token):
        return request_key(request)


class HeaderKey(APIKeyHeader):
    """`X-API-Key: <key>`."""

    param_name = "X-API-Key"

    def authenticate(self, request, key):
        return request_key(request)


WRITE_AUTH = [BearerKey(), HeaderKey()]


def auth_failure_message(request) -> str:
    if token_from_request(request) is None:
        return "An API key is required: send 'Authorization: Bearer <key>' or 'X-API-Key: <key>'."
    return "Unknown or revoked API key."


class ApiRateThrottle(BaseThrottle):
    """One bucket per key (when a valid key is sent), else one per client address.

    The counts live in PostgreSQL (`archive.api.ratelimit`), so every worker shares them.
    """

    def __init__(self):
        self._local = threading.local()  # the last refusal's wait, per thread

    def allow_request(self, request) -> bool:
        key = request_key(request)
        rate = rate_parse(settings.API_RATE_KEY if key else settings.API_RATE_ANON)
        bucket = f"api:key-{key.pk}" if key else f"api:addr-{self.get_ident(request)}"
        hit = rate_hit(bucket=bucket, rate=rate)
        self._local.retry_after = hit.retry_after
        return hit.allowed

    def get_ident(self, request) -> str:
        """The client address, X-Forwarded-For only from trusted proxies (not ninja's way,
        which believes the header whoever sends it)."""
        return client_address(request)

    def wait(self) -> float | None:
        """Seconds until the refused bucket's window closes (at least one)."""
        retry_after = getattr(self._local, "retry_after", None)
        return None if retry_after is None else max(retry_after, 1.0)
