"""Browse pages for researchers: indexes, timeline, article extras, about, errors."""

import json
import re

import pytest

from archive.browse.selectors import vi_sort_key_py
from archive.entities.linking import MentionLinker, Target
from archive.models import Organisation
from archive.partial_dates import partial_date_label

ARTICLE_002 = (
    "/articles/bo-truong-bo-cong-an-tham-du-hoi-nghi-thuong-dinh-ve-an-ninh-bien-gioi-tai-anh/"
)
HANOI = "/events/hoi-nghi-hop-tac-quoc-te-phong-chong-toi-pham-cong-nghe-cao-ha-noi/"

PAGES = [
    "/",
    "/organisations/",
    "/people/",
    "/events/",
    "/countries/",
    "/sources/",
    "/timeline/",
    "/timeline/2025/",
    "/timeline/undated/",
    "/about/",
    ARTICLE_002,
    HANOI,
    "/organisations/c50/",
    "/people/luong-tam-quang/",
    "/countries/vn/",
    "/sources/bao-cand/",
]


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("path", PAGES)
def test_pages_are_bounded_light_and_titled(client, db, path, lang, django_assert_max_num_queries):
    with django_assert_max_num_queries(12):
        response = client.get(path, HTTP_ACCEPT_LANGUAGE=lang)
    assert response.status_code == 200
    html = response.content.decode()
    assert len(response.content) < 300_000
    assert re.search(r"<title>[^<]+</title>", html)
    assert f'<html lang="{lang}">' in html
    assert html.count("<h1") == 1
    assert "<main" in html and 'role="search"' in html and "<nav" in html


def _names_in_order(html: str, prefix: str) -> list[str]:
    return re.findall(rf'<li><a href="{prefix}[^"]+">([^<]+)</a>', html)


def test_organisation_index_sorts_vietnamese_with_d_stroke_after_d(client, db):
    Organisation.objects.create(name="Đội Điều tra thử", slug="doi-dieu-tra-thu")
    Organisation.objects.create(name="Dự án thử", slug="du-an-thu")
    Organisation.objects.create(name="Ủy ban thử", slug="uy-ban-thu")
    html = client.get("/organisations/", HTTP_ACCEPT_LANGUAGE="vi").content.decode()
    names = _names_in_order(html, "/organisations/")
    assert len(names) == Organisation.objects.count()
    assert names == sorted(names, key=vi_sort_key_py)
    assert names.index("Dự án thử") < names.index("Đội Điều tra thử")
    # Accents folded: Ủy sorts among the U words, after every T word.
    assert names.index("Ủy ban thử") > max(i for i, n in enumerate(names) if n.startswith("T"))


def test_vi_sort_key():
    words = ["Đức", "Dương", "Anh", "Ấn Độ", "Úc", "Zeta", "dao", "Bộ", "Ba"]
    assert sorted(words, key=vi_sort_key_py) == [
        "Ấn Độ",
        "Anh",
        "Ba",
        "Bộ",
        "dao",
        "Dương",
        "Đức",
        "Úc",
        "Zeta",
    ]


def test_index_counts_articles(client, db):
    html = client.get("/organisations/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert re.search(
        r'href="/organisations/bo-cong-an/">Ministry of Public Security</a>.*?\d+ articles?',
        html,
        re.S,
    )
    html = client.get("/sources/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "/sources/bao-cand/" in html


def test_indexes_paginate(client, db):
    Organisation.objects.bulk_create(
        Organisation(name=f"Tổ chức thử {i:03d}", slug=f"to-chuc-thu-{i:03d}") for i in range(60)
    )
    html = client.get("/organisations/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'rel="next" href="?page=2"' in html
    page2 = client.get("/organisations/?page=2", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'rel="prev"' in page2
    first, second = (
        _names_in_order(html, "/organisations/"),
        _names_in_order(page2, "/organisations/"),
    )
    assert len(first) == 50 and not set(first) & set(second)


def test_country_index_lists_only_countries_with_records(client, db):
    html = client.get("/countries/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "/countries/vn/" in html and "/countries/gb/" in html
    assert "/countries/zw/" not in html  # Zimbabwe: nothing on it


def test_partial_dates_in_both_languages(settings):
    from django.utils import translation

    with translation.override("en"):
        assert partial_date_label(None, 10, 29) == "29 October, year unknown"
        assert partial_date_label(2025, 3, 31) == "31 March 2025"
        assert partial_date_label(None, None, None) == "date unknown"
    with translation.override("vi"):
        assert partial_date_label(None, 10, 29) == "ngày 29 tháng 10 (không rõ năm)"
        assert partial_date_label(2025, 3, 31) == "ngày 31 tháng 3 năm 2025"


def test_event_page_shows_partial_date(client, db):
    html = client.get(HANOI, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "29 October, year unknown" in html


def test_timeline_groups_years_and_undated(client, db):
    html = client.get("/timeline/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'href="/timeline/2025/"' in html and 'href="/timeline/undated/"' in html
    year = client.get("/timeline/2025/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Organised Immigration Crime Summit" in year or "summit" in year.lower()
    assert "<h3>April</h3>" in year or "<h3>March</h3>" in year
    undated = client.get("/timeline/undated/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert HANOI in undated
    assert client.get("/timeline/abc/").status_code == 404


def test_article_links_mentions_in_text(client, db):
    html = client.get(ARTICLE_002, HTTP_ACCEPT_LANGUAGE="vi").content.decode()
    lede = re.search(r'<p class="lede">(.*?)</p>', html, re.S).group(1)
    assert '<a class="mention" href="/people/luong-tam-quang/"' in lede
    assert '<a class="mention" href="/organisations/bo-cong-an/"' in lede
    # First mention only: Lương Tam Quang is linked once in the text.
    body = html[html.index('<p class="lede">') : html.index('class="credits"')]
    assert body.count('href="/people/luong-tam-quang/"') == 1


def test_mention_linker_escapes_and_prefers_longest():
    a, b = Target("/a/", "A"), Target("/b/", "B")
    linker = MentionLinker([("Bộ Nội vụ Ấn Độ", a, False), ("Ấn Độ", b, False)])
    (out,) = linker.link(['<b>x</b> bo noi vu an do & "Ấn Độ"'])
    assert out.startswith("&lt;b&gt;x&lt;/b&gt; ")
    assert '<a class="mention" href="/a/" title="A">bo noi vu an do</a>' in out
    assert '<a class="mention" href="/b/" title="B">Ấn Độ</a>' in out
    assert "&amp;" in out and "&quot;" in out


def test_article_has_citation_opengraph_and_jsonld(client, db):
    response = client.get(ARTICLE_002, HTTP_ACCEPT_LANGUAGE="en")
    html = response.content.decode()
    permalink = "http://testserver" + ARTICLE_002
    assert f'<link rel="canonical" href="{permalink}">' in html
    assert '<meta property="og:type" content="article">' in html
    assert f'<meta property="og:url" content="{permalink}">' in html
    citation = re.search(r'<textarea id="citation"[^>]*>(.*?)</textarea>', html, re.S).group(1)
    assert "Phong Hà" in citation and permalink in citation and "1 April 2025" in citation
    data = json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    )
    assert data["@type"] == "NewsArticle"
    assert data["headline"].startswith("Bộ trưởng Bộ Công an")
    assert data["datePublished"] == "2025-04-01T07:51:00+07:00"
    assert {"@type": "Person", "name": "Phong Hà"} in data["author"]
    assert any(m["name"] == "Lương Tam Quang" for m in data["mentions"])


def test_jsonld_cannot_close_the_script(seed_002):
    from archive.templatetags.archive_tags import jsonld

    out = jsonld({"headline": "</script><script>alert(1)</script>"})
    assert out.count("</script>") == 1
    assert "\\u003C/script\\u003E" in out


def test_related_articles_share_entities(client, seed_000, seed_002):
    html = client.get(seed_002.get_absolute_url()).content.decode()
    related = html[html.index('id="related-h"') :]
    assert seed_000.get_absolute_url() in related
    assert seed_002.get_absolute_url() not in related


def test_article_without_date_cites_date_unknown(client, seed_000):
    html = client.get(seed_000.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "article:published_time" not in html
    citation = re.search(r'<textarea id="citation"[^>]*>(.*?)</textarea>', html, re.S).group(1)
    assert "date unknown" in citation


def test_pages_in_english_use_english_names(client, db):
    html = client.get("/organisations/c50/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    vi = client.get("/organisations/c50/", HTTP_ACCEPT_LANGUAGE="vi").content.decode()
    assert "<h1>" in html and html != vi
    assert "Organisations" in html and "Tổ chức" in vi


def test_404_page_in_site_style(client, db):
    response = client.get("/no-such-page/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Page not found" in html and 'class="site-header"' in html


def test_500_page_renders_without_context():
    from django.template import loader

    html = loader.get_template("500.html").render()
    assert "Server error" in html or "Lỗi máy chủ" in html
    assert "/static/css/site.css" in html


def test_language_switch_sets_language(client, db):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/about/"})
    assert response.status_code == 302 and response["Location"] == "/about/"
    html = client.get("/about/").content.decode()
    assert "About this archive" in html


def test_organisation_page_lists_its_events_and_people(client, db):
    html = client.get("/organisations/bo-cong-an/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert HANOI in html
    assert "/people/luong-tam-quang/" in html and "/people/le-quy-vuong/" in html


def test_related_articles_fall_back_to_shared_words(client, seed_002):
    from archive.models import Article

    lonely = Article.objects.create(
        title="Hội nghị thượng đỉnh an ninh biên giới nhìn lại",
        slug="hoi-nghi-thuong-dinh-nhin-lai",
        body="Không nhắc tên ai.",
        raw=b"x",
        raw_sha256="0" * 64,
    )
    html = client.get(lonely.get_absolute_url()).content.decode()
    related = html[html.index('id="related-h"') :]
    assert seed_002.get_absolute_url() in related
