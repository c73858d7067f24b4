"""Failures a visitor should see as clean answers, not as a 500 or a 400.

- The database is down or restarting: 503 with Retry-After, an HTML page in the site's style or,
  under /api/, the API's JSON error shape. The next request after the database is back is served
  again: CONN_HEALTH_CHECKS drops the broken connection and opens a fresh one.
- A request body larger than MAX_REQUEST_BODY_SIZE: 413, before anything reads it; a form body
  over DATA_UPLOAD_MAX_MEMORY_SIZE (Django's RequestDataTooBig, a 400 by default) is a 413 too.
- A path or query string holding a NUL character: 400 (PostgreSQL text cannot store NUL), on
  every URL, pages and API alike.
"""

import sys

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.views.defaults import server_error as django_server_error

RETRY_AFTER_SECONDS = 5
DATABASE_ERRORS = (OperationalError, InterfaceError)


def is_api(request) -> bool:
    return request.path.startswith("/api/")


def unavailable_response(request) -> HttpResponse:
    message = "The archive's database is unavailable for a moment. Please try again shortly."
    headers = {"Retry-After": str(RETRY_AFTER_SECONDS), "Cache-Control": "no-store"}
    if is_api(request):
        return JsonResponse(
            {"code": "unavailable", "message": message}, status=503, headers=headers
        )
    # Renders without the database: base.html reads neither the user nor the session.
    html = render_to_string("503.html", {"message": message}, request=request)
    return HttpResponse(html, status=503, headers=headers)


def too_large_response(request) -> HttpResponse:
    limit = settings.MAX_REQUEST_BODY_SIZE
    message = f"The request body is too large (at most {limit} bytes)."
    if is_api(request):
        return JsonResponse({"code": "too_large", "message": message}, status=413)
    return HttpResponse(message, status=413, content_type="text/plain; charset=utf-8")


def has_nul(params) -> bool:
    """PostgreSQL text cannot hold NUL: a parameter with one could only end in a server error."""
    return any("\x00" in key or any("\x00" in v for v in values) for key, values in params.lists())


def bad_request_response(request, message: str) -> HttpResponse:
    if is_api(request):
        return JsonResponse({"code": "bad_request", "message": message}, status=400)
    return render(request, "400.html", {"message": message}, status=400)


def content_length(request) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


class ResilienceMiddleware:
    """Sits near the top of MIDDLEWARE so that it sees what views and inner middleware raise."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if content_length(request) > settings.MAX_REQUEST_BODY_SIZE:
            return too_large_response(request)
        if "\x00" in request.path_info or "\x00" in request.path:
            return bad_request_response(request, "The address contains a NUL character.")
        if "\x00" in request.META.get("QUERY_STRING", "") or has_nul(request.GET):
            return bad_request_response(request, "The query string contains a NUL character.")
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, DATABASE_ERRORS):
            return unavailable_response(request)
        if isinstance(exception, RequestDataTooBig):
            return too_large_response(request)
        return None


def server_error(request, template_name="500.html"):
    """handler500: a database error raised outside a view (in middleware) is still a 503."""
    exception = sys.exc_info()[1]
    if isinstance(exception, DATABASE_ERRORS):
        return unavailable_response(request)
    if isinstance(exception, RequestDataTooBig):
        return too_large_response(request)
    return django_server_error(request, template_name)
