"""Defects found by attacking the archive (issue 22), each reproduced as it was found."""

import threading
import uuid

import pytest
from django.db import connections
from django.test import Client, override_settings

from archive.api.keys import apikey_create
from archive.models import (
    ApiKey,
    ApiRateBucket,
    ApiWrite,
    Article,
    Capture,
    Event,
    Organisation,
    Person,
    Story,
)

# 1. The anonymous rate limit and X-Forwarded-For.


@override_settings(API_RATE_ANON="5/min")
def test_forged_forwarded_for_does_not_reset_the_anonymous_limit(client, db):
    codes = [
        client.get(
            "/api/v1/people", REMOTE_ADDR="10.22.0.1", HTTP_X_FORWARDED_FOR=f"192.0.2.{n}"
        ).status_code
        for n in range(8)
    ]
    assert codes == [200] * 5 + [429] * 3


@override_settings(API_RATE_ANON="2/min", TRUSTED_PROXY_COUNT=1)
def test_a_trusted_proxy_forwards_the_client_address(client, db):
    def get(client_address):
        forwarded = f"203.0.113.9, {client_address}"  # the proxy appends the address it saw
        return client.get(
            "/api/v1/people", REMOTE_ADDR="10.22.0.2", HTTP_X_FORWARDED_FOR=forwarded
        ).status_code

    assert [get("198.51.100.1") for _ in range(3)] == [200, 200, 429]
    assert get("198.51.100.2") == 200  # another client behind the same proxy


# 5. Losing a concurrent-write race.


@pytest.fixture
def committed(django_db_setup, django_db_blocker):
    """Writes other connections see (the race's threads); only the rows made here are deleted."""
    with django_db_blocker.unblock():
        made = {"key": apikey_create(name=f"race-{uuid.uuid4().hex[:8]}")}
        yield made
        key = ApiKey.objects.get(name=made["key"][0].name)
        ApiWrite.objects.filter(key=key).delete()
        ApiRateBucket.objects.filter(bucket=f"api:key-{key.pk}").delete()
        Person.objects.filter(slug__startswith="race-").delete()
        raced = Article.objects.filter(url__startswith="https://race.example/")
        stories = list(raced.values_list("story_id", flat=True))  # ingest opens a story
        raced.delete()
        Story.objects.filter(pk__in=stories, articles__isnull=True).delete()
        # Captures outlive their article (issue 17): the API's go by their URL, revisits
        # before the captures holding their bytes (PROTECT).
        race = Capture.objects.filter(url__startswith="https://race.example/")
        race.filter(revisit_of__isnull=False).delete()
        race.delete()
        key.delete()
        connections.close_all()


def _race(path: str, bodies: list[dict], key: str) -> list[int]:
    """POST every body at once, each from its own thread and database connection."""
    barrier = threading.Barrier(len(bodies))
    codes: list[int] = [0] * len(bodies)

    def post(index: int, body: dict):
        try:
            barrier.wait()
            response = Client().post(
                path, body, content_type="application/json", HTTP_X_API_KEY=key
            )
            codes[index] = response.status_code
        finally:
            connections.close_all()

    threads = [threading.Thread(target=post, args=(i, b)) for i, b in enumerate(bodies)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return codes


def test_the_loser_of_a_creation_race_gets_the_duplicates_answer(committed):
    key = committed["key"][1]
    for round_ in range(4):
        name = f"Race Person {round_} {uuid.uuid4().hex[:6]}"
        slug = f"race-{round_}-{uuid.uuid4().hex[:6]}"
        codes = _race("/api/v1/people", [{"name": name, "slug": slug}] * 8, key)
        assert sorted(codes) == [200] * 7 + [201], codes
    for round_ in range(3):
        raw = (
            f"Hội nghị quốc tế về an ninh mạng lần thứ {round_} mã {uuid.uuid4().hex[:8]}\n\n"
            "10:00 01/02/2024\nMột câu đủ dài để làm phần thân của bài báo được thu thập từ "
            "trang web của một cơ quan báo chí.\n"
        )
        url = f"https://race.example/{uuid.uuid4().hex}.html"
        codes = _race("/api/v1/articles", [{"raw": raw, "url": url}] * 6, key)
        assert sorted(codes) == [200] * 5 + [201], codes


# 6. Many names at once.


def test_hundreds_of_aliases_are_written_and_too_many_are_a_422(client, auth):
    aliases = [f"Bí danh số {n}" for n in range(600)]
    response = client.post(
        "/api/v1/people",
        {"name": "Người Nhiều Tên", "slug": "many-names", "aliases": aliases},
        content_type="application/json",
        **auth,
    )
    assert response.status_code == 201, response.content
    assert len(Person.objects.get(slug="many-names").aliases) == 600
    too_many = [f"Tên {n}" for n in range(1001)]
    response = client.post(
        "/api/v1/organisations",
        {"name": "Tổ chức nhiều tên", "aliases": too_many},
        content_type="application/json",
        **auth,
    )
    assert response.status_code == 422
    assert response.json()["code"] == "invalid_parameter"


# 7. Only http(s) URLs are article URLs.


@pytest.mark.parametrize("url", ["javascript:alert(1)", "data:text/html,x", "ftp://x.example/a"])
def test_article_urls_must_be_http(client, auth, seed_000, url):
    body = {"title": "Tiêu đề", "body": "Nội dung.", "url": url}
    response = client.post("/api/v1/articles", body, content_type="application/json", **auth)
    assert response.status_code == 422
    response = client.patch(
        f"/api/v1/articles/{seed_000.slug}", {"url": url}, content_type="application/json", **auth
    )
    assert response.status_code == 422
    seed_000.refresh_from_db()
    assert seed_000.url != url


# 8. NUL in any path.


@pytest.mark.parametrize(
    "path", ["/countries/%00/", "/articles/a%00b/", "/organisations/%00/", "/search/%00"]
)
def test_nul_in_a_page_path_is_a_400(client, db, path):
    response = client.get(path)
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")


def test_nul_in_an_api_path_is_a_json_400(client, db):
    response = client.get("/api/v1/articles/a%00b")
    assert response.status_code == 400
    assert response.json()["code"] == "bad_request"


# 10. One JSON contract for every API error.


@pytest.mark.parametrize(
    "path", ["/api/v1/nothing-here", "/api/v1/articles/x/y/z", "/api/v1/", "/api/v2/articles"]
)
def test_unknown_api_paths_are_json_404(client, db, path):
    response = client.get(path)
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json()["code"] == "not_found"


@pytest.mark.parametrize("query", ["?q=", "?q=%20%20", "?q=---", "?q=%22%22"])
def test_a_search_with_nothing_to_search_is_400(client, db, query):
    response = client.get(f"/api/v1/search{query}")
    assert response.status_code == 400
    assert response.json()["code"] == "bad_query"


def test_a_search_without_q_is_a_missing_parameter_as_the_readme_says(client, db):
    """The contract (README, API description): a missing or malformed parameter is 422
    `invalid_parameter`; a `q` with nothing to search is 400 `bad_query`."""
    from pathlib import Path

    response = client.get("/api/v1/search")
    assert response.status_code == 422
    assert response.json()["code"] == "invalid_parameter"
    readme = " ".join((Path(__file__).resolve().parents[2] / "README.md").read_text().split())
    assert "400 for a query with nothing to search" not in readme
    assert "422 `invalid_parameter` for a missing or malformed parameter" in readme
    assert "400 `bad_query` for a `q` with nothing to search" in readme


# 12. Smaller defects.


def test_names_without_letters_get_slugs_of_their_own(client, auth):
    made = []
    for name in ["???", "!!!", "***"]:
        response = client.post(
            "/api/v1/people", {"name": name}, content_type="application/json", **auth
        )
        assert response.status_code == 201, response.content
        made.append(response.json()["slug"])
    assert len(set(made)) == 3
    assert sorted(Person.objects.filter(slug__in=made).values_list("name", flat=True)) == sorted(
        ["???", "!!!", "***"]
    )
    again = client.post("/api/v1/people", {"name": "!!!"}, content_type="application/json", **auth)
    assert again.status_code == 200 and again.json()["slug"] == made[1]


def test_an_organisation_parent_cycle_is_refused(client, auth):
    post = {"content_type": "application/json", **auth}
    for body in [
        {"name": "A", "slug": "cyc-a"},
        {"name": "B", "slug": "cyc-b", "parent": "cyc-a"},
        {"name": "C", "slug": "cyc-c", "parent": "cyc-b"},
    ]:
        assert client.post("/api/v1/organisations", body, **post).status_code == 201
    response = client.patch("/api/v1/organisations/cyc-a", {"parent": "cyc-c"}, **post)
    assert response.status_code == 422
    assert "cycle" in response.json()["message"]
    assert Organisation.objects.get(slug="cyc-a").parent is None
    response = client.post(
        "/api/v1/organisations", {"name": "A", "slug": "cyc-a", "parent": "cyc-b"}, **post
    )
    assert response.status_code == 422


@pytest.mark.parametrize(
    ("starts", "ends"),
    [
        ("2025-05-02", "2025-05-01"),
        ("2025-06", "2025-05"),
        ("2026", "2025"),
        ("2025-05-02", "2024"),
    ],
)
def test_an_event_ending_before_it_starts_is_refused(client, auth, starts, ends):
    post = {"content_type": "application/json", **auth}
    body = {"title": "Hội nghị ngược", "slug": "backwards", "starts": starts, "ends": ends}
    response = client.post("/api/v1/events", body, **post)
    assert response.status_code == 422, response.content
    assert not Event.objects.filter(slug="backwards").exists()


def test_an_event_patch_cannot_end_it_before_it_starts(client, auth):
    post = {"content_type": "application/json", **auth}
    body = {"title": "Hội nghị", "slug": "forwards", "starts": "2025-05-01", "ends": "2025-05-03"}
    assert client.post("/api/v1/events", body, **post).status_code == 201
    assert (
        client.patch("/api/v1/events/forwards", {"ends": "2025-04-30"}, **post).status_code == 422
    )
    assert client.patch("/api/v1/events/forwards", {"starts": "2025-06"}, **post).status_code == 422
    # Partial dates that may overlap are fine: same day, unknown year, same month.
    for starts, ends in [
        ("2025-05-03", "2025-05-03"),
        ("XXXX-10-29", "2025-01"),
        ("2025-05", "2025-05-31"),
    ]:
        response = client.patch("/api/v1/events/forwards", {"starts": starts, "ends": ends}, **post)
        assert response.status_code == 200, (starts, ends, response.content)
