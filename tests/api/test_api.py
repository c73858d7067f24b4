"""The JSON API under /api/v1/."""

import pytest


def get(client, path, **params):
    response = client.get(path, params)
    return response.status_code, response.json()


def test_articles_list(client, db):
    status, data = get(client, "/api/v1/articles")
    assert status == 200
    assert data["count"] == 2
    assert data["items"][0]["title"].startswith("Bộ trưởng Bộ Công an")  # dated, newest first
    assert data["items"][0]["url"].startswith("http://testserver/articles/")
    assert data["next"] is None and data["previous"] is None


def test_articles_list_paginates(client, db):
    status, data = get(client, "/api/v1/articles", page_size=1)
    assert status == 200 and len(data["items"]) == 1
    assert data["next"].endswith("page=2") or "page=2" in data["next"]
    status, second = get(client, "/api/v1/articles", page_size=1, page=2)
    assert second["items"][0]["id"] != data["items"][0]["id"]
    assert second["previous"] is not None and second["next"] is None


def test_article_detail(client, seed_002):
    status, data = get(client, f"/api/v1/articles/{seed_002.slug}")
    assert status == 200
    assert data["title"] == seed_002.title
    assert data["published_on"] == "2025-04-01"
    assert data["language"] == "vi"
    assert data["source"]["slug"] == "dang-cong-san"
    assert data["sha256"] == seed_002.raw_sha256
    assert data["authors"] == ["Phong Hà"]
    assert [p["slug"] for p in data["people"]] == ["luong-tam-quang"]
    assert data["people"][0]["url"] == "http://testserver/people/luong-tam-quang/"
    assert {c["id"] for c in data["countries"]} == {"VN", "GB"}
    assert "Sign In" not in data["body"]


def test_unknown_article_is_a_json_404(client, db):
    status, data = get(client, "/api/v1/articles/no-such-article")
    assert status == 404
    assert data == {"code": "not_found", "message": "No such record."}


def test_search(client, db):
    status, data = get(client, "/api/v1/search", q="dai tuong luong tam quang")
    assert status == 200
    assert data["count"] == 1
    item = data["items"][0]
    assert item["title"].startswith("Bộ trưởng Bộ Công an")
    assert "<mark>Lương</mark>" in item["snippet"]
    assert item["score"] > 0


@pytest.mark.parametrize("q", ["", "   ", "!!!"])
def test_search_with_nothing_to_search_is_a_400_with_a_message(client, db, q):
    status, data = get(client, "/api/v1/search", q=q)
    assert status == 400
    assert data["code"] == "bad_query" and data["message"]


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"q": "x", "page": 0},
        {"q": "x", "page_size": 1000},
        {"q": "x", "sort": "sideways"},
        {"q": "x", "published_after": "yesterday"},
    ],
)
def test_bad_parameters_are_422_json(client, db, params):
    status, data = get(client, "/api/v1/search", **params)
    assert status == 422
    assert data["code"] == "invalid_parameter"
    assert data["message"].startswith("Invalid parameter")


def test_entity_lists(client, db):
    status, data = get(client, "/api/v1/organisations", page_size=100)
    assert status == 200
    c50 = next(item for item in data["items"] if item["acronym"] == "C50")
    assert c50["parent"] == "tong-cuc-vi" and c50["successor"] == "a05"
    assert c50["url"] == "http://testserver/organisations/c50/"
    status, data = get(client, "/api/v1/people")
    assert {p["name"] for p in data["items"]} == {
        "Lê Quý Vương",
        "Phan Văn Vĩnh",
        "Lương Tam Quang",
    }
    status, data = get(client, "/api/v1/events")
    assert data["count"] == 2
    assert {e["starts"] for e in data["items"]} == {"2025-03-31", "XXXX-10-29"}


def test_openapi_schema(client, db):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    paths = response.json()["paths"]
    assert {"/api/v1/articles", "/api/v1/search", "/api/v1/organisations"} <= set(paths)
