"""The search page, help page, feed, exports and API: what a user sees, safely."""

import csv
import io
import json
import re

import pytest


def page(client, status=200, **params) -> str:
    response = client.get("/search/", params, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == status
    return response.content.decode()


def api(client, path="/api/v1/search", **params):
    response = client.get(path, params)
    return response.status_code, response.json()


# -- safety ------------------------------------------------------------------------------


def test_markup_in_a_capture_is_text_on_the_page(client, corpus, db):
    html = page(client, q="phishing")
    assert "<script>alert" not in html and 'onerror="steal' not in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html
    assert "<mark>phishing</mark>" in html


def test_markup_in_a_capture_is_text_in_the_api(client, corpus, db):
    status, data = api(client, q="phishing")
    assert status == 200
    item = data["items"][0]
    assert item["title"].startswith("Phishing pages hide <script>")  # JSON carries the text
    assert "<img" not in item["snippet"] and "&lt;img src=x onerror=" in item["snippet"]
    assert re.sub(r"</?mark>", "", item["snippet"]).count("<") == 0


def test_markup_in_a_capture_is_text_on_the_article_page(client, corpus, db):
    url = corpus["markup"].get_absolute_url()
    html = client.get(url, {"q": "phishing <script>"}).content.decode()
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "<mark>Phishing</mark>" in html and "<mark>script</mark>" in html


def test_markup_in_the_query_is_text(client, corpus, db):
    html = page(client, q='"><img src=x onerror=alert(1)> phishing')
    assert "<img src=x" not in html
    assert "&quot;&gt;&lt;img src=x onerror=alert(1)&gt; phishing" in html


@pytest.mark.parametrize(
    ("q", "status"),
    [
        ("", 200),
        ("!!!", 200),
        ("x" * 400, 200),
        ("-london", 200),
        ("OR", 200),
        ("\x00", 400),
    ],  # Django refuses NUL in any form field: a bad parameter
)
def test_bad_queries_get_a_message_not_an_error(client, db, q, status):
    html = page(client, status=status, q=q)
    assert 'class="notice"' in html
    status, data = api(client, q=q)
    # NUL is refused for every API parameter before search sees it (archive.api.middleware).
    expected = "bad_request" if "\x00" in q else "bad_query"
    assert status == 400 and data["code"] == expected and data["message"]


@pytest.mark.parametrize(
    "params",
    [
        {"q": "x", "published_after": "yesterday"},
        {"q": "x", "country": "VNM"},
        {"q": "x", "organisation": "<b>"},
        {"q": "x", "sort": "sideways", "source": "a b"},
    ],
)
def test_bad_filters_on_the_page_are_a_400_with_a_message(client, db, params):
    response = client.get("/search/", params, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert 'class="notice"' in response.content.decode()


def test_injection_attempts_are_just_words(client, corpus, db):
    status, data = api(client, q="'; DROP TABLE archive_article; -- :* & | !")
    assert status == 200 and data["count"] == 0
    status, data = api(client, q="ransomware")
    assert data["count"] == 1


# -- the page -----------------------------------------------------------------------------


def test_page_keeps_the_query_and_shows_count_time_and_snippets(client, corpus, db):
    html = page(client, q='"tài khoản ma"')
    assert 'value="&quot;tài khoản ma&quot;"' in html
    assert re.search(r"1 result · \d+ ms", html)
    assert "<mark>tài khoản ma</mark>" in html  # the phrase, as one mark


def test_phrase_snippets_do_not_mark_lone_syllables(client, corpus, db):
    html = page(client, q='"an ninh mạng"')
    snippets = re.findall(r'<p class="snippet">(.*?)</p>', html, re.S)
    assert snippets
    for snippet in snippets:
        assert set(re.findall(r"<mark>(.*?)</mark>", snippet)) <= {"an ninh mạng", "An ninh mạng"}


def test_facets_are_links_with_counts_and_a_chosen_one_keeps_the_others(
    client,
    corpus,
    db,
):
    html = page(client, q="europol")
    # The language facet names the language (issue 23), not its code ("en").
    assert re.search(r'href="\?q=europol&amp;language=en">English</a> <span class="count">1<', html)
    chosen = page(client, q="europol", language="en")
    assert (
        'aria-current="true" class="selected">✕ English</a> <span class="count">1</span>' in chosen
    )
    assert '>Vietnamese</a> <span class="count">1</span>' in chosen  # the other value still counted
    assert re.search(r"1 result · \d+ ms", chosen)


def test_entity_offer_and_its_filter(client, corpus, db):
    html = page(client, q="Luong Tam Quan")
    assert '<a href="/people/luong-tam-quang/">Lương Tam Quang</a>' in html
    assert 'href="?q=Luong+Tam+Quan&amp;person=luong-tam-quang"' in html
    filtered = page(client, q="Luong Tam Quan", person="luong-tam-quang")
    assert "Bộ trưởng Bộ Công an tham dự" in filtered


def test_date_unknown_is_said_and_sorted_last(client, corpus, db):
    html = page(client, q="lua dao", sort="newest")
    items = re.findall(r'<li>\s*<a class="title".*?</li>', html, re.S)
    assert "date unknown" in items[-1] and "tour du lịch" in items[-1]


def test_results_link_to_the_article_highlighted(client, corpus, db):
    html = page(client, q="ransomware")
    link = re.search(r'<a class="title" href="([^"]+)"', html).group(1)
    assert link.endswith("?q=ransomware")
    article = client.get(link.replace("&amp;", "&")).content.decode()
    assert article.count("<mark>ransomware</mark>") == 3  # title, lede, body


def test_article_page_without_a_search_has_no_marks(client, corpus, db):
    html = client.get(corpus["europol_en"].get_absolute_url()).content.decode()
    assert "<mark>" not in html


def test_help_page_documents_the_syntax_in_both_languages(client, db):
    html = client.get("/search/help/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    for example in ["toi pham cong nghe cao", "cảnh sát -ma túy", "Europol OR Interpol"]:
        assert example in html
    assert "cybercrime cooperation" in html


# -- feed and exports ----------------------------------------------------------------------


def test_atom_feed_of_a_search(client, corpus, db):
    response = client.get("/search/feed", {"q": "europol OR interpol"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    body = response.content.decode()
    assert body.count("<entry>") == 2
    assert body.index("Europol and Interpol launch") < body.index("Interpol trains police")


def test_feed_of_a_bad_query_is_a_404(client, db):
    assert client.get("/search/feed", {"q": "!!!"}).status_code == 404


def test_csv_export(client, corpus, db):
    response = client.get("/search/export.csv", {"q": "phishing"})
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [r["title"] for r in rows] == [corpus["markup"].title]
    assert rows[0]["url"].startswith("http://testserver/articles/")


def test_csv_export_defuses_formulas(client, db):
    from archive.ingest.service import Ingester

    Ingester().ingest_text(
        raw=b'=HYPERLINK("http://evil") formula injection headline test\n\n10:00 01/01/2024\n'
        b"A sentence long enough to count as the running text of a captured article page.\n",
        name="formula.txt",
    )
    response = client.get("/search/export.csv", {"q": "formula injection"})
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0]["title"].startswith("'=HYPERLINK")


def test_json_export(client, corpus, db):
    response = client.get("/search/export.json", {"q": "europol OR interpol", "sort": "oldest"})
    data = json.loads(response.content)
    assert data["count"] == 2
    assert [i["published_on"] for i in data["items"]] == ["2024-04-04", "2024-05-03"]


def test_export_of_a_bad_query_is_a_400(client, db):
    response = client.get("/search/export.json", {"q": ""})
    assert response.status_code == 400


# -- API -------------------------------------------------------------------------------------


def test_api_items_facets_and_entities(client, corpus, db):
    status, data = api(client, q="Europol")
    assert status == 200
    assert data["count"] == 2
    first = data["items"][0]
    assert set(first) == {
        "id",
        "slug",
        "title",
        "url",
        "source",
        "published_on",
        "language",
        "snippet",
        "score",
    }
    assert first["title"].startswith("Europol and Interpol")
    assert {f["value"]: f["count"] for f in data["facets"]["language"]} == {"en": 1, "vi": 1}
    assert data["entities"][0]["slug"] == "europol"
    assert data["elapsed_ms"] >= 0


def test_api_filters_and_sort(client, corpus, db):
    status, data = api(client, q="europol OR interpol", language="en", sort="oldest")
    assert status == 200
    assert [i["published_on"] for i in data["items"]] == ["2024-04-04", "2024-05-03"]
    _status, data = api(client, q="europol", language="vi")
    langs = {f["value"]: (f["count"], f["selected"]) for f in data["facets"]["language"]}
    assert langs == {"en": (1, False), "vi": (1, True)}
    _status, data = api(client, q="europol", published_after="2024-05-01", organisation="europol")
    assert data["count"] == 2  # europol_en (text) and europol_vi (mentions Europol by alias)
    _status, data = api(client, q="bo truong", country="gb")
    assert data["count"] == 1
    _status, data = api(client, q="canh sat", country="gb")
    assert data["count"] == 0


def test_api_pages_have_snippets(client, corpus, db):
    status, data = api(client, q="lua dao OR europol", page_size=2, page=2)
    assert status == 200 and len(data["items"]) == 2 and data["previous"]
    assert all(item["snippet"] for item in data["items"])
    assert any("<mark>" in item["snippet"] for item in data["items"])


def test_suggest_completes_the_last_word_and_offers_entities(client, corpus, db):
    status, data = api(client, "/api/v1/search/suggest", q="ranso")
    assert status == 200
    assert data["completions"] == [corpus["europol_en"].title]
    status, data = api(client, "/api/v1/search/suggest", q="Europ")
    assert data["entities"][0]["slug"] == "europol"
    status, data = api(client, "/api/v1/search/suggest", q="!!")
    assert status == 400


def test_date_range_and_active_filters_can_be_removed(client, corpus, db):
    html = page(client, q="europol OR interpol", published_after="2024-05-01")
    assert re.search(r"1 result · \d+ ms", html)
    assert 'value="2024-05-01"' in html  # kept in the form
    assert (
        'href="?q=europol+OR+interpol" title="Remove this filter">From: May 1, 2024 ✕</a>' in html
    )


def test_search_page_query_count_is_fixed(client, corpus, db, django_assert_num_queries):
    # entities, the planner's estimate, the capped text count, facets and total in one query,
    # the words' weights (search/impacts.py), the page with snippets
    with django_assert_num_queries(6):
        client.get("/search/", {"q": "lua dao", "organisation": "bo-cong-an"})
    with django_assert_num_queries(6):
        client.get("/search/", {"q": "europol OR interpol", "sort": "newest"})
