"""/healthz, /readyz, the clean 503 when the database fails, 413 for oversized bodies, headers."""

import json
import re

import pytest
from django.db import OperationalError
from django.test import Client

from archive.site import health


def test_healthz_needs_no_database(client):
    # No django_db mark: any query would raise "Database access not allowed".
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


@pytest.mark.django_db
def test_readyz_when_migrated(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "migrations": "applied"}


@pytest.mark.django_db
def test_readyz_reports_unapplied_migrations(client, monkeypatch):
    monkeypatch.setattr(health, "unapplied_migrations", lambda: ["archive.0099_future"])
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["unapplied_migrations"] == ["archive.0099_future"]


@pytest.mark.django_db
def test_readyz_unreachable_database(client, monkeypatch):
    def down():
        raise OperationalError("connection refused")

    monkeypatch.setattr(health, "unapplied_migrations", down)
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["database"] == "unreachable"
    assert response["Retry-After"] == "5"


@pytest.fixture
def database_down(monkeypatch):
    """Every query fails as it does when PostgreSQL is gone (the restart test does it for real)."""
    from django.db.backends.utils import CursorWrapper

    def refuse(*args, **kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(CursorWrapper, "execute", refuse)
    monkeypatch.setattr(CursorWrapper, "executemany", refuse)


@pytest.mark.django_db
def test_page_is_a_clean_503_when_the_database_fails(database_down):
    response = Client(raise_request_exception=False).get("/")
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    body = response.content.decode()
    assert "<h1>" in body and "site.css" in body  # the site's own layout


@pytest.mark.django_db
def test_api_is_a_json_503_when_the_database_fails(database_down):
    response = Client(raise_request_exception=False).get("/api/v1/articles")
    assert response.status_code == 503
    assert response.json()["code"] == "unavailable"
    assert response["Retry-After"] == "5"


@pytest.mark.django_db
def test_oversized_body_is_413(client, settings):
    settings.MAX_REQUEST_BODY_SIZE = 1000
    response = client.post(
        "/api/v1/articles", data=json.dumps({"x": "a" * 2000}), content_type="application/json"
    )
    assert response.status_code == 413
    assert response.json()["code"] == "too_large"
    response = client.post("/i18n/setlang/", data={"language": "en", "next": "a" * 2000})
    assert response.status_code == 413


@pytest.mark.django_db
def test_oversized_form_fields_are_413_not_400(settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 100
    client = Client(raise_request_exception=False)
    response = client.post("/i18n/setlang/", data={"language": "en", "next": "a" * 500})
    assert response.status_code == 413


@pytest.mark.django_db
def test_security_headers_on_pages(client, seed_000):
    for url in ["/", f"/articles/{seed_000.slug}/", "/search/?q=an+ninh"]:
        response = client.get(url)
        assert response.status_code == 200
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Referrer-Policy"] == "same-origin"
        assert response["X-Frame-Options"] == "DENY"
        csp = response["Content-Security-Policy"]
        assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp
        assert "'unsafe-inline'" not in csp


@pytest.mark.django_db
def test_api_docs_load_nothing_the_csp_forbids(client):
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    sources = re.findall(r'<(?:script|link)[^>]+(?:src|href)="([^"]+)"', response.content.decode())
    assert sources and all(src.startswith("/static/") for src in sources), sources
