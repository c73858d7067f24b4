"""HTTP for the read API: open CORS, and ETag / Last-Modified with 304 on conditional GETs."""

import hashlib

from django.http import HttpResponse, JsonResponse
from django.utils.cache import get_conditional_response
from django.utils.http import parse_http_date_safe

API_PREFIX = "/api/v1/"
CORS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Allow-Methods": "GET, HEAD, OPTIONS",
    "Access-Control-Allow-Headers": "Authorization, X-API-Key, If-None-Match, If-Modified-Since",
    "Access-Control-Expose-Headers": "ETag, Last-Modified, Retry-After, Link",
    "Access-Control-Max-Age": "86400",
}


class ApiHttpMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith(API_PREFIX):
            return self.get_response(request)
        # A NUL in the path or query string never gets here (archive.site.middleware).
        if request.method == "OPTIONS" and "HTTP_ACCESS_CONTROL_REQUEST_METHOD" in request.META:
            response = HttpResponse(status=204)
        else:
            response = self.get_response(request)
            if response.status_code == 404 and not response.get("Content-Type", "").startswith(
                "application/json"
            ):  # a page Django answered itself (ninja's home at /api/v1/): the API's shape
                response = JsonResponse(
                    {"code": "not_found", "message": f"No API endpoint at {request.path}."},
                    status=404,
                )
            if request.method in ("GET", "HEAD"):
                response = self.conditional(request, response)
        if request.method in ("GET", "HEAD", "OPTIONS"):
            for name, value in CORS.items():
                response[name] = value
        return response

    @staticmethod
    def conditional(request, response):
        if response.status_code != 200 or response.streaming:
            return response
        etag = '"' + hashlib.sha256(response.content).hexdigest()[:32] + '"'
        response["ETag"] = etag
        last_modified = parse_http_date_safe(response.get("Last-Modified", ""))
        return get_conditional_response(
            request, etag=etag, last_modified=last_modified, response=response
        )
