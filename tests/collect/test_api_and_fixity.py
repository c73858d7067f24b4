"""The captures API (timemap, detail, sandboxed raw bytes, capture requests), verify, the
migration of existing articles into first captures, and the NDJSON export of every version."""

import base64
import json
import unicodedata

import pytest
from django.core.management import call_command
from django.db import connection

from archive.api.keys import apikey_create
from archive.collect.service import Collector
from archive.ingest.captures import capture_bytes
from archive.ingest.formats.ndjson import FORMAT
from archive.models import Article, Capture

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


@pytest.fixture
def crawled(site, collect_settings):
    with Collector() as collector:
        collector.capture(site.url("/news/changing.html"))
        collector.capture(site.url("/news/vn.html"))
        collector.capture(site.url("/old-story"))
        site.version = 2
        collector.capture(site.url("/news/changing.html"))
        collector.capture(site.url("/news/changing.html"))  # the same bytes: a revisit
    return site


def test_timemap_lists_a_urls_captures_oldest_first(client, crawled):
    url = crawled.url("/news/changing.html")
    data = client.get("/api/v1/captures", {"url": url}).json()
    assert data["count"] == 3
    assert [item["status"] for item in data["items"]] == ["article", "article", "revisit"]
    times = [item["fetched_at"] for item in data["items"]]
    assert times == sorted(times)
    first, second, third = data["items"]
    assert third["revisit_of"] == second["id"] and third["sha256"] == second["sha256"]
    assert first["raw_url"].endswith(f"/api/v1/captures/{first['id']}/raw")
    assert first["article"] == second["article"] and first["article"].endswith("/")
    # A redirect's first URL finds the capture of where it led.
    moved = client.get("/api/v1/captures", {"url": crawled.url("/old-story")}).json()
    assert moved["count"] == 1 and moved["items"][0]["url"] == crawled.url("/news/b.html")
    detail = client.get(f"/api/v1/captures/{moved['items'][0]['id']}").json()
    assert detail["redirects"] == [[crawled.url("/old-story"), 301]]
    assert ["content-type", "text/html; charset=utf-8"] in detail["headers"]


def test_raw_bytes_keep_their_charset_and_never_run_on_our_origin(client, crawled):
    capture = Capture.objects.get(url=crawled.url("/news/vn.html"))
    response = client.get(f"/api/v1/captures/{capture.pk}/raw")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/html; charset=windows-1258"
    assert response["Content-Security-Policy"] == "sandbox"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response.content == capture_bytes(capture)
    text = unicodedata.normalize("NFC", response.content.decode("cp1258"))
    assert "Thứ trưởng Bộ Công an" in text
    assert capture.article.title == "Hợp tác quốc tế phòng chống tội phạm mạng"
    revisit = Capture.objects.filter(status="revisit").get()
    assert client.get(f"/api/v1/captures/{revisit.pk}/raw").content == capture_bytes(
        revisit.revisit_of
    )
    assert client.get("/api/v1/captures/999999999/raw").status_code == 404


def test_capture_requests_need_a_key_and_are_queued(client, collect_settings):
    url = "https://example.org/news/1.html"
    assert client.post("/api/v1/captures", {"url": url}, "application/json").status_code == 401
    key = {"HTTP_X_API_KEY": apikey_create(name="partner")[1]}
    response = client.post("/api/v1/captures", {"url": url}, "application/json", **key)
    assert response.status_code == 202
    body = response.json()
    status = client.get(body["status_url"].removeprefix("http://testserver")).json()
    assert (status["status"], status["url"], status["captures"]) == ("todo", url, [])
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT task_name, args FROM procrastinate_jobs WHERE id = %s", [body["job"]]
        )
        task, args = cursor.fetchone()
    assert (task, json.loads(args) if isinstance(args, str) else args) == (
        "capture",
        {"url": url, "how": "api"},
    )
    bad = client.post("/api/v1/captures", {"url": "ftp://x"}, "application/json", **key)
    assert bad.status_code == 422


def test_verify_checks_every_capture_and_warc_record(crawled, capsys):
    call_command("verify")
    out = capsys.readouterr().out
    assert "kept captures and 5 WARC files verified: every digest matches" in out
    held = Capture.objects.filter(raw__isnull=False).first()
    Capture.objects.filter(pk=held.pk).update(raw=b"tampered")
    with pytest.raises(Exception, match=r"; 1 failing of [0-9]+ kept captures and 5 WARC files"):
        call_command("verify")
    assert f"mismatch: capture {held.pk}: stored {held.sha256}" in capsys.readouterr().err


def test_the_migration_copies_every_articles_raw_capture_byte_for_byte(db):
    """Migration 0017's statement, run again on this database's real rows (the seeds, and
    articles of every format written through ingest and the API)."""
    from importlib import import_module

    migration = import_module("archive.migrations.0019_i17_first_captures")
    Capture.objects.all().delete()
    with connection.cursor() as cursor:
        cursor.execute(migration.FIRST_CAPTURES)
    articles = list(Article.objects.all())
    assert articles
    assert Capture.objects.count() == len(articles)
    for article in articles:
        [capture] = Capture.objects.filter(article=article)
        assert bytes(capture.raw) == bytes(article.raw)
        assert capture.sha256 == article.raw_sha256 and capture.size == len(bytes(article.raw))
        assert (capture.format, capture.name) == (article.raw_format, article.raw_name)
        assert capture.fetched_at == article.created_at
        assert capture.status == "article" and capture.how == "file"


def test_the_ndjson_export_carries_every_version_and_imports_them(client, crawled, tmp_path):
    article = Article.objects.get(url=crawled.url("/news/changing.html"))
    lines = b"".join(client.get("/api/v1/export.ndjson").streaming_content).decode().splitlines()
    records = [json.loads(line) for line in lines]  # countries and stories have no slug
    [record] = [r for r in records if r["format"] == FORMAT and r["slug"] == article.slug]
    versions = record["versions"]
    assert [v["status"] for v in versions] == ["article", "article", "revisit"]
    assert b"Twelve suspects" in base64.b64decode(versions[0]["raw_base64"])
    assert versions[1]["raw_base64"] is None  # the current version is the record's raw_base64
    # Into an archive that lost the article: every version comes back.
    article.delete()
    Capture.objects.filter(url=crawled.url("/news/changing.html"), status="revisit").delete()
    Capture.objects.filter(url=crawled.url("/news/changing.html")).delete()
    path = tmp_path / "export.ndjson"
    path.write_text(json.dumps(record, ensure_ascii=False) + "\n", "utf-8")
    call_command("ingest", str(path), verbosity=0)
    restored = Article.objects.get(slug=article.slug)
    captures = list(restored.captures.order_by("fetched_at", "id"))
    assert [c.status for c in captures] == ["article", "article", "revisit"]
    assert b"Twelve suspects" in capture_bytes(captures[0])
    assert capture_bytes(captures[1]) == bytes(restored.raw)
    again = b"".join(client.get("/api/v1/export.ndjson").streaming_content).decode().splitlines()
    assert json.dumps(record, ensure_ascii=False, sort_keys=True) in again


def test_a_sources_feeds_are_read_and_set_through_the_api(client, db):
    from archive.models import ApiWrite, Source

    source = Source.objects.order_by("id").first()
    path = f"/api/v1/sources/{source.slug}/feeds"
    assert client.get(path).json() == {"feeds": []}
    feeds = {"feeds": ["https://e.vn/rss.xml", "https://e.vn/sitemap.xml", "https://e.vn/rss.xml"]}
    assert client.put(path, feeds, "application/json").status_code == 401
    key = {"HTTP_X_API_KEY": apikey_create(name="partner")[1]}
    response = client.put(path, feeds, "application/json", **key)
    assert response.json() == {"feeds": ["https://e.vn/rss.xml", "https://e.vn/sitemap.xml"]}
    source.refresh_from_db()
    assert source.feeds == ["https://e.vn/rss.xml", "https://e.vn/sitemap.xml"]
    assert ApiWrite.objects.filter(kind="source", slug=source.slug, action="updated").exists()
    bad = client.put(path, {"feeds": ["javascript:alert(1)"]}, "application/json", **key)
    assert bad.status_code == 422
    assert client.get("/api/v1/sources/no-such-source/feeds").status_code == 404
