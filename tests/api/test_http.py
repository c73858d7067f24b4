"""Conditional GET (ETag, Last-Modified, 304), CORS, and rate limits with Retry-After."""

import pytest
from django.test import override_settings

from archive.models import ApiRateBucket
from tests.api.factories import make_article


def test_etag_and_304(client, db):
    first = client.get("/api/v1/articles")
    etag = first["ETag"]
    assert first.status_code == 200 and etag.startswith('"')
    again = client.get("/api/v1/articles", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again.content == b""
    make_article()
    changed = client.get("/api/v1/articles", HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag


def test_last_modified_and_if_modified_since(client, seed_002):
    path = f"/api/v1/articles/{seed_002.slug}"
    response = client.get(path)
    assert response["Last-Modified"].endswith("GMT")
    again = client.get(path, HTTP_IF_MODIFIED_SINCE=response["Last-Modified"])
    assert again.status_code == 304


def test_cors_on_reads_and_preflight(client, db):
    response = client.get("/api/v1/people")
    assert response["Access-Control-Allow-Origin"] == "*"
    preflight = client.options(
        "/api/v1/people",
        HTTP_ORIGIN="https://partner.example",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
    )
    assert preflight.status_code == 204
    assert preflight["Access-Control-Allow-Origin"] == "*"
    assert "GET" in preflight["Access-Control-Allow-Methods"]
    assert "Access-Control-Allow-Origin" not in client.get("/").headers


@pytest.fixture
def fresh_counters(db):
    ApiRateBucket.objects.all().delete()


@override_settings(API_RATE_ANON="3/min")
def test_anonymous_reads_are_limited_per_address(client, db, fresh_counters):
    statuses = [client.get("/api/v1/people").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    limited = client.get("/api/v1/people")
    assert limited.json()["code"] == "rate_limited"
    assert int(limited["Retry-After"]) > 0
    other = client.get("/api/v1/people", REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 200  # another address has its own budget


def test_nul_characters_are_a_json_400_not_a_500(client, db):
    response = client.get("/api/v1/articles", {"person": "a\x00b"})
    assert response.status_code == 400
    assert response.json()["code"] == "bad_request"
