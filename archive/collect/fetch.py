"""One polite HTTP fetch (httpx): every redirect hop kept and checked, a timeout, a size limit.

The body is read decoded (gzip/deflate undone) and recorded so: the headers kept drop
Content-Encoding and Transfer-Encoding (the originals stay as X-Archive-Orig-*), and
Content-Length is the length kept, so the WARC record and its payload digest describe exactly
the bytes the archive holds and hashes.
"""

from dataclasses import dataclass, field
from urllib.parse import urljoin

import httpx
from django.conf import settings

from archive.collect.politeness import address_check

REWRITTEN = {"content-encoding", "transfer-encoding", "content-length"}


class FetchError(Exception):
    """The fetch failed; the message says why. `transient` ones are worth retrying."""

    def __init__(self, message: str, *, transient: bool = False):
        super().__init__(message)
        self.transient = transient


@dataclass
class Hop:
    url: str
    status: int
    reason: str
    http_version: str
    headers: list[tuple[str, str]]
    request_headers: list[tuple[str, str]]
    body: bytes = b""

    def header(self, name: str) -> str:
        name = name.lower()
        return next((value for key, value in self.headers if key.lower() == name), "")

    @property
    def content_type(self) -> str:
        return self.header("Content-Type")


@dataclass
class Fetched:
    hops: list[Hop] = field(default_factory=list)  # the last one is the final response

    @property
    def final(self) -> Hop:
        return self.hops[-1]


def client() -> httpx.Client:
    return httpx.Client(
        timeout=httpx.Timeout(settings.CAPTURE_TIMEOUT),
        follow_redirects=False,
        headers={"User-Agent": settings.CAPTURE_USER_AGENT, "Accept-Encoding": "gzip, deflate"},
        trust_env=False,  # no proxy from the environment: the address checks are ours
    )


def _kept_headers(response: httpx.Response, length: int) -> list[tuple[str, str]]:
    headers = []
    for key, value in response.headers.multi_items():
        if key.lower() in REWRITTEN:
            if key.lower() != "content-length":
                headers.append((f"X-Archive-Orig-{key}", value))
            continue
        headers.append((key, value))
    headers.append(("Content-Length", str(length)))
    return headers


def _read(response: httpx.Response, limit: int) -> bytes:
    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > limit:
        raise FetchError(f"larger than the limit of {limit} bytes ({declared} declared)")
    chunks, size = [], 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > limit:
            raise FetchError(f"larger than the limit of {limit} bytes (CAPTURE_MAX_BYTES)")
        chunks.append(chunk)
    return b"".join(chunks)


def fetch(url: str, *, http: httpx.Client, check=None) -> Fetched:
    """GET `url`, following at most CAPTURE_MAX_REDIRECTS redirects, each hop checked by
    `address_check` and `check` (robots.txt) before it is asked. Raises Refused or FetchError."""
    fetched = Fetched()
    for _ in range(settings.CAPTURE_MAX_REDIRECTS + 1):
        address_check(url)
        if check:
            check(url)
        request = http.build_request("GET", url)
        try:
            response = http.send(request, stream=True)
        except httpx.TimeoutException:
            raise FetchError(
                f"timed out after {settings.CAPTURE_TIMEOUT:g} s", transient=True
            ) from None
        except httpx.HTTPError as exc:
            raise FetchError(f"{type(exc).__name__}: {exc}", transient=True) from None
        try:
            body = _read(response, settings.CAPTURE_MAX_BYTES)
        except httpx.TimeoutException:
            raise FetchError(
                f"timed out after {settings.CAPTURE_TIMEOUT:g} s", transient=True
            ) from None
        except httpx.HTTPError as exc:
            raise FetchError(f"{type(exc).__name__}: {exc}", transient=True) from None
        finally:
            response.close()
        fetched.hops.append(
            Hop(
                url=url,
                status=response.status_code,
                reason=response.reason_phrase,
                http_version=response.http_version,
                headers=_kept_headers(response, len(body)),
                request_headers=list(request.headers.multi_items()),
                body=body,
            )
        )
        location = response.headers.get("Location")
        if response.is_redirect and location:
            url = urljoin(url, location)
            continue
        return fetched
    raise FetchError(f"more than {settings.CAPTURE_MAX_REDIRECTS} redirects")
