"""Captures in the API: a URL's timemap, one capture, its exact bytes, and capture requests.

The raw bytes are served with the Content-Type (and charset) they were captured with, and with
`Content-Security-Policy: sandbox` and `nosniff`: a captured page opens in a unique origin
with scripts, forms and plugins off, so nothing captured ever runs on the archive's origin.
"""

from datetime import datetime

from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema, Status
from ninja import Path as PathParam
from pydantic import field_validator

from archive.api.auth import WRITE_AUTH
from archive.api.keys import api_write_record
from archive.api.schemas import ErrorOut
from archive.collect.politeness import Refused, address_check
from archive.collect.service import url_normalise
from archive.ingest.captures import capture_bytes
from archive.models import Capture, Source

router = Router(tags=["captures"])

RAW_TYPES = {"text": "text/plain; charset=utf-8", "json": "application/json", "html": "text/html"}


class CaptureOut(Schema):
    id: int = Field(description="Capture id.", examples=[42])
    url: str = Field(description="The URL captured (after redirects).", examples=["https://e.vn/a"])
    fetched_at: datetime = Field(description="When it was fetched or ingested.")
    how: str = Field(description="crawl, request (capture request), file or api.")
    status: str = Field(description="article, revisit, archived (not an article) or failed.")
    http_status: int | None = Field(description="HTTP status, when fetched.", examples=[200])
    content_type: str = Field(description="Content-Type as captured.", examples=["text/html"])
    size: int | None = Field(description="Bytes kept.", examples=[53211])
    sha256: str = Field(description="SHA-256 of the bytes (fixity).")
    error: str = Field(description="Why it failed or is no article; empty otherwise.")
    revisit_of: int | None = Field(description="The capture holding the same bytes.")
    raw_url: str | None = Field(description="The exact bytes; null when none were kept.")
    article: str | None = Field(description="The article it produced or updated (its page).")


class CaptureDetail(CaptureOut):
    headers: list[list[str]] = Field(description="HTTP response headers as kept.")
    redirects: list[list] = Field(description="Each redirect hop before the URL: [url, status].")
    warc_file: str = Field(description="WARC file (under the archive's WARC folder), if any.")
    warc_offset: int | None = Field(description="Offset of the record in the WARC file.")


class Timemap(Schema):
    url: str = Field(description="The URL asked for, normalised.")
    count: int = Field(description="How many captures.")
    items: list[CaptureOut] = Field(description="Captures, oldest first.")


class CaptureIn(Schema):
    url: str = Field(max_length=2000, description="The page to capture now.")

    @field_validator("url")
    @classmethod
    def _http(cls, value: str) -> str:
        if not value.startswith(("http://", "https://")):
            raise ValueError("an http or https URL")
        return value


class CaptureQueued(Schema):
    job: int = Field(description="Job id.")
    status_url: str = Field(description="Where the job's status is.")


class JobOut(Schema):
    job: int = Field(description="Job id.", examples=[7])
    status: str = Field(description="todo, doing, succeeded, failed, cancelled, aborted.")
    attempts: int = Field(description="Attempts made so far (failures are retried).")
    url: str = Field(description="The URL asked for, normalised.")
    captures: list[CaptureOut] = Field(description="Captures of the URL since it was asked.")


def capture_out(request, capture: Capture) -> dict:
    return {
        "id": capture.pk,
        "url": capture.url,
        "fetched_at": capture.fetched_at,
        "how": capture.how,
        "status": capture.status,
        "http_status": capture.http_status,
        "content_type": capture.content_type,
        "size": capture.size,
        "sha256": capture.sha256,
        "error": capture.error,
        "revisit_of": capture.revisit_of_id,
        "raw_url": request.build_absolute_uri(f"/api/v1/captures/{capture.pk}/raw")
        if capture.status != Capture.Status.FAILED
        else None,
        "article": request.build_absolute_uri(capture.article.get_absolute_url())
        if capture.article_id
        else None,
    }


def _captures():
    return Capture.objects.select_related("article").defer("raw")


@router.get(
    "/captures",
    response={200: Timemap, 400: ErrorOut, 422: ErrorOut, 429: ErrorOut},
    summary="The captures of a URL, oldest first (a timemap)",
)
def capture_timemap(
    request,
    url: str = Query(..., max_length=2000, description="The page's URL (normalised as kept)."),
):
    """Every capture of the URL, oldest first: time, SHA-256, status, size, how, and links to
    the exact bytes and to the article. A redirect's first URL finds where it led."""
    wanted = url_normalise(url)
    captures = _captures().filter(Q(url__in={url, wanted}) | Q(redirects__0__0__in=[url, wanted]))
    items = [capture_out(request, c) for c in captures.order_by("fetched_at", "id")]
    return {"url": wanted, "count": len(items), "items": items}


@router.post(
    "/captures",
    auth=WRITE_AUTH,
    response={202: CaptureQueued, 400: ErrorOut, 401: ErrorOut, 422: ErrorOut, 429: ErrorOut},
    summary="Capture a page now (queued as a job)",
)
def capture_request(request, payload: CaptureIn):
    """Queue a capture of the URL now (fetched politely, written to WARC, kept as a capture);
    answers 202 with the job's status URL. Loopback and private addresses are refused."""
    from archive.collect.tasks import capture_enqueue

    try:
        address_check(payload.url)
    except Refused as exc:
        return Status(422, {"code": "refused", "message": f"Not captured: {exc}."})
    job = capture_enqueue(payload.url)
    status_url = request.build_absolute_uri(f"/api/v1/captures/jobs/{job}")
    return Status(202, {"job": job, "status_url": status_url})


@router.get(
    "/captures/jobs/{job_id}",
    response={200: JobOut, 400: ErrorOut, 404: ErrorOut, 422: ErrorOut, 429: ErrorOut},
    summary="A capture request's job",
)
def capture_job_status(request, job_id: int = PathParam(..., ge=1, description="Job id.")):
    """The job's state and the captures of its URL made since it was queued."""
    from procrastinate.contrib.django.models import ProcrastinateEvent, ProcrastinateJob

    job = get_object_or_404(ProcrastinateJob, pk=job_id, task_name="capture")
    url = url_normalise(job.args.get("url", ""))
    queued = (
        ProcrastinateEvent.objects.filter(job_id=job.pk, type="deferred")
        .values_list("at", flat=True)
        .first()
    )
    captures = _captures().filter(url=url)
    if queued:
        captures = captures.filter(fetched_at__gte=queued)
    return {
        "job": job.pk,
        "status": job.status,
        "attempts": job.attempts,
        "url": url,
        "captures": [capture_out(request, c) for c in captures.order_by("fetched_at", "id")],
    }


@router.get(
    "/captures/{capture_id}",
    response={200: CaptureDetail, 400: ErrorOut, 404: ErrorOut, 422: ErrorOut, 429: ErrorOut},
    summary="One capture",
)
def capture_detail(request, capture_id: int = PathParam(..., ge=1, description="Capture id.")):
    """One capture, with its HTTP headers as kept, its redirects and its WARC record."""
    capture = get_object_or_404(_captures(), pk=capture_id)
    return {
        **capture_out(request, capture),
        "headers": capture.headers,
        "redirects": capture.redirects,
        "warc_file": capture.warc_file,
        "warc_offset": capture.warc_offset,
    }


def raw_content_type(capture: Capture) -> str:
    return capture.content_type or RAW_TYPES.get(capture.format, "application/octet-stream")


@router.get(
    "/captures/{capture_id}/raw",
    response={200: None, 400: ErrorOut, 404: ErrorOut, 422: ErrorOut, 429: ErrorOut},
    summary="A capture's exact bytes, with its original Content-Type, sandboxed",
)
def capture_raw(request, capture_id: int = PathParam(..., ge=1, description="Capture id.")):
    """The capture's exact bytes, with the Content-Type and charset they were captured with,
    under `Content-Security-Policy: sandbox` and `nosniff`: nothing captured runs here."""
    capture = get_object_or_404(Capture.objects.select_related("revisit_of"), pk=capture_id)
    body = capture_bytes(capture)
    if body is None:
        return Status(404, {"code": "not_found", "message": "This capture kept no bytes."})
    response = HttpResponse(body, content_type=raw_content_type(capture))
    response["Content-Security-Policy"] = "sandbox"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Disposition"] = "inline"
    response["Digest"] = f"sha-256={capture.sha256}"
    return response


class FeedsIO(Schema):
    feeds: list[str] = Field(
        max_length=100,
        description="RSS/Atom feeds and (news) sitemaps that `crawl` reads for this source.",
        examples=[["https://dangcongsan.vn/rss/home.rss", "https://dangcongsan.vn/sitemap.xml"]],
    )

    @field_validator("feeds")
    @classmethod
    def _http(cls, value: list[str]) -> list[str]:
        for url in value:
            if not url.startswith(("http://", "https://")) or len(url) > 2000:
                raise ValueError(f"not an http or https URL of at most 2000 characters: {url}")
        return list(dict.fromkeys(value))


SOURCE = PathParam(
    ..., description="The source's slug.", examples=["dang-cong-san"], max_length=100
)


@router.get(
    "/sources/{slug}/feeds",
    response={200: FeedsIO, 400: ErrorOut, 404: ErrorOut, 422: ErrorOut, 429: ErrorOut},
    summary="The feeds and sitemaps crawled for a source",
)
def source_feeds(request, slug: str = SOURCE):
    """The feeds and sitemaps `crawl` (and the periodic crawl) reads for this source."""
    return {"feeds": get_object_or_404(Source, slug=slug).feeds}


@router.put(
    "/sources/{slug}/feeds",
    auth=WRITE_AUTH,
    response={
        200: FeedsIO,
        400: ErrorOut,
        401: ErrorOut,
        404: ErrorOut,
        422: ErrorOut,
        429: ErrorOut,
    },
    summary="Set the feeds and sitemaps crawled for a source",
)
def source_feeds_set(request, payload: FeedsIO, slug: str = SOURCE):
    """Replace the source's feeds and sitemaps (the list given, in order, without repeats)."""
    source = get_object_or_404(Source, slug=slug)
    action = "unchanged" if source.feeds == payload.feeds else "updated"
    if action == "updated":
        source.feeds = payload.feeds
        source.save(update_fields=["feeds"])
    api_write_record(key=request.auth, action=action, kind="source", record=source)
    return {"feeds": source.feeds}
