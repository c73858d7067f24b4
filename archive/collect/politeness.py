"""What the collector may fetch, and when: address checks, robots.txt, one fetch at a time per
host with a delay between fetches, shared by every worker through PostgreSQL advisory locks."""

import hashlib
import ipaddress
import socket
import time
from contextlib import contextmanager
from urllib.parse import urlsplit

from django.conf import settings
from django.db import connection, transaction
from protego import Protego


class Refused(Exception):
    """The collector will not fetch this URL; the message says why."""


def address_check(url: str) -> None:
    """Refuse anything but http(s) to a public address (unless CAPTURE_ALLOW_PRIVATE): the
    archive must not be a way into its own network. Every redirect hop is checked too."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise Refused(f"only http and https URLs are fetched, not {parts.scheme or 'none'}")
    if not parts.hostname:
        raise Refused("the URL names no host")
    if settings.CAPTURE_ALLOW_PRIVATE:
        return
    try:
        infos = socket.getaddrinfo(parts.hostname, parts.port or None, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError) as exc:
        raise Refused(f"the host {parts.hostname} does not resolve ({exc})") from None
    for info in infos:
        address = ipaddress.ip_address(info[4][0].split("%")[0])
        if not address.is_global or address.is_multicast:
            raise Refused(
                f"{parts.hostname} resolves to {address}, a loopback, private or reserved "
                "address (set CAPTURE_ALLOW_PRIVATE=1 to allow it)"
            )


def host_key(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.hostname}:{parts.port or ''}"


class Robots:
    """robots.txt per host, read once an hour per process (protego: RFC 9309 rules,
    wildcards, Crawl-delay). Missing (4xx) allows everything; unreachable (5xx, network
    error) allows nothing, as RFC 9309 asks."""

    TTL = 3600.0

    def __init__(self, fetch_text):
        self.fetch_text = fetch_text  # url -> (status, text) or raises
        self.cache: dict[str, tuple[float, Protego | None, bool]] = {}

    def _rules(self, url: str) -> tuple[Protego | None, bool]:
        key = host_key(url)
        cached = self.cache.get(key)
        if cached and time.monotonic() - cached[0] < self.TTL:
            return cached[1], cached[2]
        parts = urlsplit(url)
        robots_url = f"{parts.scheme}://{parts.netloc}/robots.txt"
        try:
            status, text = self.fetch_text(robots_url)
        except Exception:
            status, text = 0, ""
        if 200 <= status < 300:
            rules, allow_all = Protego.parse(text), False
        elif 400 <= status < 500:
            rules, allow_all = None, True
        else:
            rules, allow_all = None, False
        self.cache[key] = (time.monotonic(), rules, allow_all)
        return rules, allow_all

    def check(self, url: str) -> None:
        rules, allow_all = self._rules(url)
        if allow_all:
            return
        if rules is None:
            raise Refused("robots.txt could not be read, so nothing on this host is fetched")
        if not rules.can_fetch(url, settings.CAPTURE_USER_AGENT):
            raise Refused("disallowed by the site's robots.txt")

    def delay(self, url: str) -> float:
        rules, _ = self._rules(url)
        crawl_delay = rules.crawl_delay(settings.CAPTURE_USER_AGENT) if rules else None
        return max(settings.CAPTURE_HOST_DELAY, float(crawl_delay or 0))


def _lock_id(key: str) -> int:
    return int.from_bytes(hashlib.sha256(key.encode()).digest()[:8], "big", signed=True)


@contextmanager
def host_slot(url: str, delay: float):
    """One fetch at a time per host across all workers on all machines: a PostgreSQL advisory
    lock held for the fetch and the delay after it, so the next fetch from this host waits.

    The lock is a transaction's (pg_advisory_xact_lock), not the session's: it ends with the
    transaction, or with a killed worker's connection, and stays right behind PgBouncer in
    transaction mode, where a session lock stays on whichever server connection took it and
    its unlock may reach another one."""
    lock = _lock_id("collect:" + host_key(url))
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [lock])
        try:
            yield
        finally:
            if delay > 0:  # after a failed fetch as well: the host was asked all the same
                time.sleep(delay)
