"""The client's address, as far as it can be trusted.

`X-Forwarded-For` is written by whoever sends the request: read as-is, a client names any
address it likes and gets a fresh rate-limit budget with every request. It is read only when
TRUSTED_PROXY_COUNT proxies of our own stand in front (each appends the address it received
from), and then only the entry the outermost trusted proxy wrote; otherwise the address is
the connection's own (REMOTE_ADDR).
"""

from django.conf import settings


def client_address(request) -> str:
    remote = request.META.get("REMOTE_ADDR", "") or "unknown"
    proxies = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies <= 0 or not forwarded:
        return remote
    addresses = [a.strip() for a in forwarded.split(",") if a.strip()]
    if not addresses:
        return remote
    # The last proxy's entry is the address it saw; with N proxies the client is N from the end.
    return addresses[-min(proxies, len(addresses))]
