"""GET /api/v1/export.ndjson: every article with its entities, streamed in constant memory."""

from django.http import StreamingHttpResponse
from ninja import Router

from archive.api.schemas import ErrorOut
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
