"""GET /api/v1/export.ndjson: every article with its entities, streamed in constant memory."""

from django.http import StreamingHttpResponse
from ninja import Router

from archive.api.schemas import ErrorOut
from archive.events.export import event_lines
from archive.ingest.formats.ndjson import export_lines

router = Router(tags=["export"])


@router.get(
    "/export.ndjson",
    summary="Every article with its entities, as NDJSON",
    description="One JSON object per line (format `cyberarchive.article/1`): every article "
    "field, the raw capture as base64 with its SHA-256, and mentions by slug with counts. "
    "`python manage.py ingest export.ndjson` reads it back; export → import → export is "
    "byte-identical. Streamed: memory stays flat however large the archive.",
    response={200: None, 400: ErrorOut, 429: ErrorOut},
    openapi_extra={
        "responses": {"200": {"description": "NDJSON", "content": {"application/x-ndjson": {}}}}
    },
)
def export_ndjson(request):
    response = StreamingHttpResponse(export_lines(), content_type="application/x-ndjson")
    response["Content-Disposition"] = 'attachment; filename="cyberarchive.ndjson"'
    return response


@router.get(
    "/export/events.ndjson",
    summary="Every cooperation event, as NDJSON",
    description="One JSON object per line (format `cyberarchive.event/1`): kind, dates "
    "(EDTF-style, parts may be unknown), place, counts, crime, whether a curator reviewed it, "
    "participants with their roles (by slug or ISO code) and the articles that report it (by "
    "slug, with the sentence it was found in). Streamed.",
    response={200: None, 400: ErrorOut, 429: ErrorOut},
    openapi_extra={
        "responses": {"200": {"description": "NDJSON", "content": {"application/x-ndjson": {}}}}
    },
)
def export_events_ndjson(request):
    response = StreamingHttpResponse(event_lines(), content_type="application/x-ndjson")
    response["Content-Disposition"] = 'attachment; filename="cyberarchive-events.ndjson"'
    return response
