"""Text and links as they come in and as they go out (issue 22): control characters are
normalised at the door (the raw capture stays as it came), and only http(s) becomes a link."""

import pytest

from archive.ingest.service import Ingester
from archive.models import Article, Source
from archive.text import clean_text

CONTROLS = "\x01\x07\x0b\x0c\x1b\x1e\x1f\x7f\x85"


def test_clean_text_drops_control_characters_but_keeps_lines_and_tabs():
    assert clean_text("a\x0bb\x1ec\x07d") == "abcd"
    assert clean_text("line one\nline two\tcell\r\nthree") == "line one\nline two\tcell\nthree"
    assert clean_text("".join(CONTROLS)) == ""
    assert clean_text("a\x00b") == "a\x00b"  # refused where it arrives, not silently dropped
    assert clean_text("Tiếng Việt\u00a0có dấu") == "Tiếng Việt\u00a0có dấu"


def test_plain_text_ingest_keeps_the_raw_capture_and_cleans_the_text(db):
    raw = (
        "Cảnh sát\x0b quốc tế\x1e hợp tác\x07 chống tội phạm mạng\n\n10:00 01/02/2024\n"
        "Một câu đủ dài\x1e để làm phần thân của bài báo được thu thập từ trang web.\n"
    ).encode()
    article = Ingester().ingest_text(raw=raw, name="controls.txt").article
    article.refresh_from_db()
    assert bytes(article.raw) == raw
    for text in (article.title, article.lede, article.body):
        assert not any(ch in text for ch in "\x0b\x1e\x07")
    assert article.title == "Cảnh sát quốc tế hợp tác chống tội phạm mạng"


def test_api_writes_clean_control_characters(client, db):
    from archive.api.keys import apikey_create

    auth = {"HTTP_X_API_KEY": apikey_create(name="door")[1]}
    body = {"title": "Tiêu\x0b đề\x1e", "body": "Đoạn\x07 một.", "tags": ["an\x1e ninh"]}
    response = client.post("/api/v1/articles", body, content_type="application/json", **auth)
    assert response.status_code == 201, response.content
    article = Article.objects.get(slug=response.json()["article"]["slug"])
    assert (article.title, article.lede + article.body, article.tags) == (
        "Tiêu đề",
        "Đoạn một.",
        ["an ninh"],
    )
    patch = {"title": "Mới\x0b", "lede": "Dẫn\x1b"}
    response = client.patch(
        f"/api/v1/articles/{article.slug}", patch, content_type="application/json", **auth
    )
    assert response.status_code == 200
    article.refresh_from_db()
    assert (article.title, article.lede) == ("Mới", "Dẫn")
    response = client.post(
        "/api/v1/people", {"name": "Người\x0b Tên"}, content_type="application/json", **auth
    )
    assert response.status_code == 201
    assert response.json()["slug"] == "nguoi-ten"


@pytest.mark.parametrize(
    "url", ["javascript:alert(document.domain)", " JavaScript:alert(1)", "data:text/html,x"]
)
def test_a_stored_non_http_url_is_never_a_link(client, seed_000, url):
    Article.objects.filter(pk=seed_000.pk).update(url=url)
    html = client.get(f"/articles/{seed_000.slug}/capture/").content.decode()
    assert 'href="javascript' not in html.lower().replace(" ", "")
    assert 'href="data:' not in html
    assert url.strip() in html.replace("&amp;", "&")  # still shown, as text


def test_a_source_home_url_is_checked_at_render_time(client, db):
    Source.objects.create(name="Evil", slug="evil", home_url="javascript:alert(1)")
    html = client.get("/sources/evil/").content.decode()
    assert 'href="javascript' not in html
    Source.objects.filter(slug="evil").update(home_url="https://evil.example/")
    assert 'href="https://evil.example/"' in client.get("/sources/evil/").content.decode()


def test_only_http_urls_are_taken_from_raw_ingest(db):
    raw = (
        "Hội nghị an ninh mạng quốc tế\n\n10:00 01/02/2024\n"
        "Một câu đủ dài để làm phần thân của bài báo được thu thập từ trang web.\n"
    ).encode()
    result = Ingester().ingest_text(raw=raw, name="u.txt", url="javascript:alert(1)")
    assert result.article.url is None


def test_ndjson_import_refuses_a_non_http_article_url(client, seed_000):
    import json

    from archive.ingest.formats.ndjson import LineError, article_record, import_line

    record = article_record(seed_000)
    line = json.dumps({**record, "url": "javascript:alert(1)", "slug": "js-url"})
    with pytest.raises(LineError, match="url"):
        import_line(line)
