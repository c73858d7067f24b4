"""Server-rendered pages: content, escaping, bounded queries."""

import pytest


def test_home_lists_articles_and_counts(client, db, django_assert_max_num_queries):
    with django_assert_max_num_queries(10):
        response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Tăng cường hợp tác quốc tế về phòng, chống tội phạm sử dụng công nghệ cao" in html
    assert "Bộ trưởng Bộ Công an tham dự Hội nghị thượng đỉnh" in html
    assert '<form role="search"' in html


def test_article_page(client, seed_002, django_assert_max_num_queries):
    with django_assert_max_num_queries(10):
        response = client.get(seed_002.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert f"<h1>{seed_002.title}</h1>" in html
    assert "Lương Tam Quang" in html and "/people/luong-tam-quang/" in html
    assert seed_002.raw_sha256 in html
    assert "Sign In" not in html


def test_article_without_date_says_so(client, seed_000):
    assert (
        "date unknown"
        in client.get(seed_000.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    )


def test_capture_page_shows_raw_text(client, seed_002):
    html = client.get(f"/articles/{seed_002.slug}/capture/").content.decode()
    assert "Sign In" in html and "left center right del" in html


@pytest.mark.parametrize(
    "path",
    [
        "/organisations/c50/",
        "/organisations/bo-cong-an/",
        "/people/le-quy-vuong/",
        "/events/organised-immigration-crime-summit-london-2025/",
        "/countries/vn/",
        "/sources/bao-cand/",
    ],
)
def test_entity_pages(client, db, path, django_assert_max_num_queries):
    with django_assert_max_num_queries(12):
        response = client.get(path)
    assert response.status_code == 200


def test_organisation_page_shows_hierarchy(client, db):
    html = client.get("/organisations/c50/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "/organisations/tong-cuc-vi/" in html and "/organisations/a05/" in html
    assert "1 article" in html


def test_search_page(client, db):
    html = client.get("/search/", {"q": "toi pham cong nghe cao"}).content.decode()
    assert "<mark>" in html
    assert html.index("Tăng cường hợp tác") < html.index("Bộ trưởng Bộ Công an tham dự")


def test_search_page_with_empty_query_explains(client, db):
    response = client.get("/search/", {"q": "  "}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert "Type a word or phrase" in response.content.decode()


def test_query_is_escaped_on_the_page(client, db):
    html = client.get("/search/", {"q": '<script>alert("x")</script>'}).content.decode()
    assert '<script>alert("x")</script>' not in html
    assert "&lt;script&gt;" in html


def test_unknown_pages_are_404(client, db):
    assert client.get("/articles/nope/").status_code == 404
    assert client.get("/organisations/nope/").status_code == 404
