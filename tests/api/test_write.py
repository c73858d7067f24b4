"""Write API: keys (create, list, revoke), 401s, idempotent article submission, audit rows."""

import io

import pytest
from django.core.management import call_command
from django.test import override_settings

from archive.api.keys import apikey_create
from archive.models import ApiKey, ApiRateBucket, ApiWrite, Article
from tests.conftest import SEED_000

CAPTURE = SEED_000.read_text(encoding="utf-8")


@pytest.fixture
def token(db):
    return apikey_create(name="partner")[1]


def post(client, payload, **headers):
    response = client.post("/api/v1/articles", payload, content_type="application/json", **headers)
    return response.status_code, response.json()


def test_apikey_command_shows_once_stores_hash_and_revokes(db):
    out = io.StringIO()
    call_command("apikey", "create", "newsroom", stdout=out, stderr=io.StringIO())
    token = out.getvalue().strip()
    key = ApiKey.objects.get(name="newsroom")
    assert token.startswith("cca_") and token not in key.key_sha256 and key.prefix == token[:8]
    listing = io.StringIO()
    call_command("apikey", "list", stdout=listing)
    assert "newsroom" in listing.getvalue() and token not in listing.getvalue()
    call_command("apikey", "revoke", "newsroom", stdout=io.StringIO())
    assert ApiKey.objects.get(name="newsroom").revoked_at is not None


@pytest.mark.parametrize(
    ("headers", "message"),
    [
        ({}, "An API key is required"),
        ({"HTTP_AUTHORIZATION": "Bearer wrong"}, "Unknown or revoked"),
        ({"HTTP_X_API_KEY": "wrong"}, "Unknown or revoked"),
    ],
)
def test_missing_or_wrong_key_is_401_json(client, db, headers, message):
    status, data = post(client, {"raw": "x"}, **headers)
    assert status == 401 and data["code"] == "unauthorized" and message in data["message"]


def test_revoked_key_is_refused(client, token):
    call_command("apikey", "revoke", "partner", stdout=io.StringIO())
    status, _data = post(client, {"title": "t", "body": "b"}, HTTP_X_API_KEY=token)
    assert status == 401


def test_raw_capture_is_idempotent_by_hash(client, token):
    status, data = post(client, {"raw": CAPTURE}, HTTP_AUTHORIZATION=f"Bearer {token}")
    assert status == 200 and data["status"] == "unchanged"  # the seed is already in
    assert Article.objects.count() == 2


def test_structured_article_is_linked_and_audited(client, token):
    payload = {
        "title": "Đại tướng Lương Tam Quang làm việc với Interpol",
        "body": "Bộ Công an Việt Nam và Vương quốc Anh hợp tác.",
        "url": "https://example.org/a.html",
        "source": "dang-cong-san",
        "published_on": "2025-05-01",
    }
    status, data = post(client, payload, HTTP_X_API_KEY=token)
    assert status == 201 and data["status"] == "added"
    article = data["article"]
    assert article["published_on"] == "2025-05-01"
    assert article["source"]["slug"] == "dang-cong-san"
    assert "luong-tam-quang" in [p["slug"] for p in article["people"]]
    assert {"VN", "GB"} <= {c["id"] for c in article["countries"]}
    status, again = post(client, payload, HTTP_X_API_KEY=token)
    assert status == 200 and again["status"] == "unchanged"
    status, changed = post(client, {**payload, "body": "Nội dung mới."}, HTTP_X_API_KEY=token)
    assert changed["status"] == "updated" and changed["article"]["id"] == article["id"]
    actions = list(ApiWrite.objects.order_by("id").values_list("key__name", "action", "slug"))
    assert [a[1] for a in actions] == ["added", "unchanged", "updated"]
    assert {a[0] for a in actions} == {"partner"} and actions[0][2] == article["slug"]


@pytest.mark.parametrize("payload", [{}, {"title": "only a title"}, {"raw": "   "}])
def test_incomplete_writes_are_422(client, token, payload):
    status, data = post(client, payload, HTTP_X_API_KEY=token)
    assert status == 422 and data["code"] in {"invalid_parameter", "bad_capture"}


@override_settings(API_RATE_KEY="2/min", API_RATE_ANON="100/min")
def test_writes_are_limited_per_key(client, token):
    ApiRateBucket.objects.all().delete()
    statuses = [post(client, {"raw": CAPTURE}, HTTP_X_API_KEY=token)[0] for _ in range(3)]
    assert statuses == [200, 200, 429]
    other = apikey_create(name="other")[1]
    assert post(client, {"raw": CAPTURE}, HTTP_X_API_KEY=other)[0] == 200


def test_organisation_and_person_upsert_by_slug(client, token):
    path, auth = "/api/v1/organisations", {"HTTP_X_API_KEY": token}
    payload = {
        "name": "Cục An ninh mạng",
        "slug": "cuc-an-ninh-mang",
        "country": "vn",
        "parent": "bo-cong-an",
    }
    first = client.post(path, payload, content_type="application/json", **auth)
    assert first.status_code == 201 and first.json()["status"] == "added"
    again = client.post(path, payload, content_type="application/json", **auth)
    assert again.status_code == 200 and again.json()["status"] == "unchanged"
    renamed = client.post(
        path, {**payload, "acronym": "A05X"}, content_type="application/json", **auth
    )
    assert renamed.json()["status"] == "updated"
    detail = client.get(first.json()["url"]).json()
    assert detail["acronym"] == "A05X" and detail["country"] == "VN"
    assert detail["parent"] == "bo-cong-an"
    person = client.post(
        "/api/v1/people", {"name": "Nguyễn Văn A"}, content_type="application/json", **auth
    )
    assert person.status_code == 201 and person.json()["slug"] == "nguyen-van-a"
    assert ApiWrite.objects.filter(kind="organisation").count() == 3
    assert client.post(path, payload, content_type="application/json").status_code == 401
    bad = client.post(path, {"name": ""}, content_type="application/json", **auth)
    assert bad.status_code == 422 and bad.json()["code"] == "invalid_parameter"
