"""crawl and capture against the fixture site: what is archived, what is not, and why."""

import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.postgres.search import SearchQuery
from django.core.management import call_command

from archive.collect.service import Collector
from archive.collect.warc import warc_check
from archive.ingest.captures import capture_bytes
from archive.models import Article, Capture

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


def captures_of(site, path):
    return list(Capture.objects.filter(url=site.url(path)).order_by("fetched_at", "id"))


def warc_files(settings) -> list[Path]:
    return sorted(Path(settings.CAPTURE_WARC_DIR).rglob("*.warc.gz"))


def test_crawl_archives_what_it_should_and_nothing_it_should_not(site, collect_settings):
    with Collector() as collector:
        summary = collector.crawl([site.url("/feed.xml"), site.url("/sitemap.xml")])

    assert summary["lists read"] == 2
    # Articles: a, c, the changing page, the Vietnamese page, and b through its redirect.
    for path in ["/news/a.html", "/news/c.html", "/news/changing.html", "/news/vn.html"]:
        [capture] = captures_of(site, path)
        assert capture.status == Capture.Status.ARTICLE, (path, capture.error)
        assert capture.article.url == site.url(path)
        assert capture_bytes(capture) == bytes(capture.article.raw)
    [moved] = captures_of(site, "/news/b.html")
    assert moved.status == Capture.Status.ARTICLE
    assert moved.redirects == [[site.url("/old-story"), 301]]
    # The image is kept in the WARC, not made an article.
    [image] = captures_of(site, "/images/photo.png")
    assert image.status == Capture.Status.ARCHIVED and image.article is None
    assert image.content_type == "image/png"
    assert capture_bytes(image).startswith(b"\x89PNG")
    # The 404 is kept (evidence of a takedown) with its status; the failures say why.
    [gone] = captures_of(site, "/gone.html")
    assert (gone.status, gone.http_status, gone.error) == ("archived", 404, "HTTP 404 Not Found")
    [slow] = captures_of(site, "/slow.html")
    assert slow.status == Capture.Status.FAILED and slow.error == "timed out after 1 s"
    [huge] = captures_of(site, "/huge.html")
    assert huge.status == Capture.Status.FAILED
    assert huge.error.startswith("larger than the limit of 200000 bytes")
    # robots.txt: read once, and the disallowed page never asked for nor recorded.
    assert site.fetched("/robots.txt") == 1
    assert site.fetched("/private/secret.html") == 0
    assert not captures_of(site, "/private/secret.html")
    assert summary["refused"] == 1
    # /news/a.html is listed twice but fetched once.
    assert site.fetched("/news/a.html") == 1
    # Every WARC file passes warcio's own checker (block and payload digests).
    files = warc_files(collect_settings)
    # One file a fetch: the 2 lists, 5 articles (b with its redirect hop), the image, the 404.
    assert len(files) == 9
    result = subprocess.run(
        [str(Path(sys.executable).parent / "warcio"), "check", *map(str, files)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert not [p for f in files for p in warc_check(f)]
    # No half-written file left behind.
    assert not list(Path(collect_settings.CAPTURE_WARC_DIR).rglob("*.open"))


def test_a_changed_page_becomes_a_second_version_and_the_article_follows_it(
    site, collect_settings, client
):
    with Collector() as collector:
        collector.crawl([site.url("/feed.xml")])
        site.version = 2
        second = collector.crawl([site.url("/feed.xml")])

    first_capture, second_capture = captures_of(site, "/news/changing.html")
    assert first_capture.status == second_capture.status == Capture.Status.ARTICLE
    assert first_capture.article_id == second_capture.article_id
    assert first_capture.sha256 != second_capture.sha256
    article = Article.objects.get(pk=second_capture.article_id)
    assert "Fifteen suspects" in article.body and "Twelve" not in article.body
    assert article.raw_sha256 == second_capture.sha256
    # Search follows the newest version; the old one stays readable, byte for byte.
    found = Article.objects.filter(search_vector=SearchQuery("fifteen", config="vietnamese"))
    assert list(found) == [article]
    assert b"Twelve suspects" in capture_bytes(first_capture)
    # The unchanged pages were fetched again and recorded as revisits holding no copy.
    assert second["revisit"] >= 4
    first_a, again_a = captures_of(site, "/news/a.html")
    assert again_a.status == Capture.Status.REVISIT and again_a.revisit_of == first_a
    assert again_a.raw is None and capture_bytes(again_a) == capture_bytes(first_a)

    page = client.get(f"/articles/{article.slug}/versions/", HTTP_ACCEPT_LANGUAGE="en")
    html = page.content.decode()
    assert page.status_code == 200
    assert "<del>Twelve</del> <ins>Fifteen</ins>" in html
    assert "<del>gate.</del> <ins>gate on Friday.</ins>" in html
    assert "2 words removed, 4 words added." in html
    detail = client.get(article.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "2 versions" in detail and f"/articles/{article.slug}/versions/" in detail


def test_an_ingested_file_for_a_captured_url_adds_a_version_and_loses_none(
    site, collect_settings, tmp_path
):
    with Collector() as collector:
        collector.capture(site.url("/news/changing.html"))
    site.version = 2
    edited = tmp_path / "changing.html"
    edited.write_bytes(site.changing())
    # An HTML file names no URL: a WARC of the page does, as a partner would send it.
    warc = tmp_path / "edited.warc.gz"
    import io

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with warc.open("wb") as stream:
        writer = WARCWriter(stream, gzip=True, warc_version="1.1")
        body = edited.read_bytes()
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        writer.write_record(
            writer.create_warc_record(
                site.url("/news/changing.html"),
                "response",
                payload=io.BytesIO(body),
                length=len(body),
                http_headers=headers,
            )
        )
    call_command("ingest", str(warc), verbosity=0)

    fetched, ingested = captures_of(site, "/news/changing.html")
    assert (fetched.how, ingested.how) == ("request", "file")
    assert fetched.article_id == ingested.article_id
    assert b"Twelve suspects" in capture_bytes(fetched)
    assert capture_bytes(ingested) == body
    assert "Fifteen suspects" in Article.objects.get(pk=ingested.article_id).body
    # The same file again changes nothing.
    call_command("ingest", str(warc), verbosity=0)
    assert len(captures_of(site, "/news/changing.html")) == 2


def test_private_addresses_are_refused_unless_allowed(site, collect_settings):
    collect_settings.CAPTURE_ALLOW_PRIVATE = False
    with Collector() as collector:
        capture = collector.capture(site.url("/news/a.html"))
        other = collector.capture("file:///etc/passwd")
    assert capture.status == Capture.Status.FAILED
    assert "127.0.0.1, a loopback, private or reserved address" in capture.error
    assert "CAPTURE_ALLOW_PRIVATE=1" in capture.error
    assert other.status == Capture.Status.FAILED and "only http and https" in other.error
    assert site.requests == []


def test_capture_command_reports_each_url_and_fails_on_failures(site, collect_settings, capsys):
    call_command("capture", site.url("/news/a.html"))
    assert capsys.readouterr().out.startswith(f"article: {site.url('/news/a.html')} -> /articles/")
    with pytest.raises(Exception, match="1 of 1 captures failed"):
        call_command("capture", site.url("/slow.html"))


def test_crawl_without_arguments_reads_every_sources_feeds(site, collect_settings):
    from archive.models import Source

    Source.objects.create(
        name="Fixture News", slug="fixture-news", feeds=[site.url("/sitemap.xml")]
    )
    call_command("crawl")
    assert captures_of(site, "/news/c.html")[0].status == Capture.Status.ARTICLE
