"""Capture a URL now, or crawl feeds and sitemaps: fetch politely, write WARC, keep a Capture.

`Collector.capture(url, how=...)` always returns a saved Capture: an article version, a
revisit (bytes already held), archived only (not HTML, an error status, not an article), or
failed with the reason (refused, timed out, too large). It never raises for a bad URL or site.
`Collector.crawl(seeds)` reads feeds and sitemaps (each source's own without seeds) and
captures the pages they list that are new, or changed since their last capture.
"""

import contextlib
import hashlib
import logging
from collections import Counter
from datetime import datetime

import courlan
from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from archive.collect.feeds import listing_parse
from archive.collect.fetch import FetchError, client, fetch
from archive.collect.politeness import Refused, Robots, address_check, host_slot
from archive.collect.warc import warc_date, warc_write
from archive.ingest.captures import capture_bytes, capture_holding
from archive.ingest.extract import ExtractError
from archive.ingest.formats import Document
from archive.models import Capture, Source

log = logging.getLogger(__name__)

HTML_TYPES = ("text/html", "application/xhtml+xml")
MAX_LISTS = 50  # feeds and sitemaps (a sitemap index's children included) read in one crawl


def url_normalise(url: str) -> str:
    """The canonical form kept and compared (courlan: case, default port, sorted query,
    tracking parameters dropped), without the fragment."""
    url = url.strip()
    with contextlib.suppress(ValueError, AttributeError):  # not a URL courlan can read
        url = courlan.normalize_url(url)
    return url.split("#", 1)[0]


class Collector:
    """One HTTP client, one robots.txt cache and one ingester for many captures."""

    def __init__(self):
        self.http = client()
        self.robots = Robots(self._robots_text)
        self._ingester = None

    def close(self) -> None:
        self.http.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    @property
    def ingester(self):
        if self._ingester is None:
            from archive.ingest.service import Ingester

            self._ingester = Ingester()
        return self._ingester

    def _robots_text(self, url: str) -> tuple[int, str]:
        address_check(url)
        with self.http.stream("GET", url) as response:
            body = b""
            for chunk in response.iter_bytes():
                body += chunk
                if len(body) > 512 * 1024:  # RFC 9309: at least 500 KiB must be parsed
                    break
            return response.status_code, body.decode("utf-8", errors="replace")

    def allowed(self, url: str) -> str:
        """Why this URL will not be fetched, or "" if it may be."""
        try:
            address_check(url)
            self.robots.check(url)
        except Refused as exc:
            return str(exc)
        return ""

    def capture(self, url: str, *, how: str = Capture.How.REQUEST) -> Capture:
        url = url_normalise(url)
        capture = Capture(url=url[:2000], how=how, fetched_at=timezone.now())
        capture.transient = False  # not stored: whether a job should retry this failure
        refused = self.allowed(url)
        if refused:
            return self._failed(capture, refused)
        try:
            with host_slot(url, self.robots.delay(url)):
                fetched = fetch(url, http=self.http, check=self.robots.check)
        except Refused as exc:
            return self._failed(capture, str(exc))
        except FetchError as exc:
            capture.transient = exc.transient
            return self._failed(capture, str(exc))
        return self._keep(capture, fetched)

    def _failed(self, capture: Capture, reason: str) -> Capture:
        capture.status = Capture.Status.FAILED
        capture.error = reason
        capture.save()
        log.info("capture failed: %s: %s", capture.url, reason)
        return capture

    def _keep(self, capture: Capture, fetched) -> Capture:
        final = fetched.final
        body = final.body
        sha256 = hashlib.sha256(body).hexdigest()
        holder = capture_holding(sha256) if body else None
        written = warc_write(
            fetched, revisit_of=(holder.url, warc_date(holder.fetched_at)) if holder else None
        )
        capture.url = final.url[:2000]
        capture.redirects = [[hop.url, hop.status] for hop in fetched.hops[:-1]]
        capture.http_status = final.status
        capture.headers = [list(header) for header in final.headers]
        capture.content_type = final.content_type[:200]
        capture.size = len(body)
        capture.sha256 = sha256
        capture.warc_file = written.path
        capture.warc_offset = written.offset
        capture.name = f"{written.path}#{written.record_id}"[:500]
        capture.revisit_of = holder
        is_html = final.content_type.lower().startswith(HTML_TYPES)
        capture.format = "html" if is_html else ""
        if not 200 <= final.status < 300:
            return self._archived(capture, f"HTTP {final.status} {final.reason}".strip())
        if not is_html:
            return self._archived(capture, "")  # kept in the WARC; not an article
        document = Document(
            raw=body,
            name=capture.name,
            format="html",
            url=capture.url,
            captured_on=timezone.localdate(capture.fetched_at),
        )
        try:
            self.ingester.ingest(document, capture=capture)
        except ExtractError as exc:
            return self._archived(capture, f"not an article: {exc}")
        except Exception as exc:  # kept all the same; the reason says what went wrong
            log.exception("ingest of %s failed", capture.url)
            self._ingester = None
            return self._archived(capture, f"ingest failed: {type(exc).__name__}: {exc}")
        return capture

    def _archived(self, capture: Capture, reason: str) -> Capture:
        held = capture.revisit_of_id is not None
        capture.status = Capture.Status.REVISIT if held else Capture.Status.ARCHIVED
        capture.article = None
        capture.error = reason
        capture.save()
        return capture

    # Crawling.

    def due(self, url: str, changed: datetime | None) -> bool:
        """New, or changed since its last capture (by the listed date, or by age)."""
        last = (
            Capture.objects.filter(Q(url=url) | Q(redirects__0__0=url))
            .exclude(status=Capture.Status.FAILED)
            .order_by("-fetched_at")
            .first()
        )
        if last is None:
            return True
        if changed is not None:
            return changed > last.fetched_at
        age = (timezone.now() - last.fetched_at).total_seconds()
        return age >= settings.CAPTURE_REFETCH_AFTER

    def crawl(self, seeds: list[str] | None = None) -> Counter:
        """Read the feeds and sitemaps, capture what they list that is new or changed."""
        if not seeds:
            seeds = [feed for source in Source.objects.exclude(feeds=[]) for feed in source.feeds]
        summary: Counter = Counter()
        queue, read, pages = [url_normalise(seed) for seed in seeds], set(), {}
        while queue and len(read) < MAX_LISTS:
            list_url = queue.pop(0)
            if list_url in read:
                continue
            read.add(list_url)
            listed = self.capture(list_url, how=Capture.How.CRAWL)
            body = capture_bytes(listed) if listed.status != Capture.Status.FAILED else None
            if body is None or not 200 <= (listed.http_status or 0) < 300:
                summary["lists failed"] += 1
                log.warning("crawl: %s: %s", list_url, listed.error or "no listing")
                continue
            summary["lists read"] += 1
            listing = listing_parse(body, listed.url)
            queue.extend(url_normalise(child) for child in listing.sitemaps)
            for page in listing.pages:
                pages.setdefault(url_normalise(page.url), page.changed)
        for url, changed in pages.items():
            if url in read:
                continue
            if not self.due(url, changed):
                summary["not changed"] += 1
                continue
            refused = self.allowed(url)
            if refused:
                summary["refused"] += 1
                log.info("crawl: %s: %s", url, refused)
                continue
            summary[self.capture(url, how=Capture.How.CRAWL).status] += 1
        return summary
