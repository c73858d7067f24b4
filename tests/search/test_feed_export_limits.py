"""The search feed and exports (issue 22): text sent as text, valid Atom, control characters,
and the same rate limits as the API with a bound on each request's cost."""

import xml.etree.ElementTree as ET

import pytest
from django.test import override_settings

from archive.models import Article

ATOM = "{http://www.w3.org/2005/Atom}"


def feed(client, q="phishing", language="en"):
    response = client.get("/search/feed", {"q": q}, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200, response.content[:300]
    return ET.fromstring(response.content)


def test_feed_summaries_are_text_not_html(client, corpus, db):
    root = feed(client)
    summaries = root.findall(f"{ATOM}entry/{ATOM}summary")
    assert summaries
    for summary in summaries:
        assert summary.get("type") == "text"
    assert any("<img src=x onerror=" in (s.text or "") for s in summaries)  # as text


def test_feed_is_valid_atom_with_an_author(client, corpus, db):
    root = feed(client)
    assert root.find(f"{ATOM}author/{ATOM}name").text
    for name in ("id", "title", "updated"):
        assert root.find(f"{ATOM}{name}") is not None
    for entry in root.findall(f"{ATOM}entry"):
        for name in ("id", "title", "updated", "link"):
            assert entry.find(f"{ATOM}{name}") is not None, name


def test_feed_title_is_in_the_feeds_language(client, corpus, db):
    english = feed(client, language="en")
    vietnamese = feed(client, language="vi")
    assert english.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"
    assert vietnamese.get("{http://www.w3.org/XML/1998/namespace}lang") == "vi"
    assert english.find(f"{ATOM}title").text.startswith("Search: phishing")
    title = vietnamese.find(f"{ATOM}title").text
    assert "phishing" in title and "Search" not in title


def test_control_characters_in_stored_text_do_not_break_feeds(client, corpus, db):
    article = corpus["markup"]
    Article.objects.filter(pk=article.pk).update(
        title="Phishing\x0b pages\x1e hide\x07 markup", lede="Bell\x07 and\x0b tab"
    )
    root = feed(client)
    titles = [e.find(f"{ATOM}title").text for e in root.findall(f"{ATOM}entry")]
    assert "Phishing pages hide markup" in titles


@pytest.mark.parametrize(
    "path", ["/search/export.json", "/search/export.csv", "/search/feed", "/search/"]
)
@override_settings(API_RATE_ANON="3/min")
def test_search_exports_and_feeds_share_the_api_rate_limit(client, corpus, db, path):
    codes = [
        client.get(path, {"q": "europol"}, REMOTE_ADDR="10.22.1.1").status_code for _ in range(5)
    ]
    if path == "/search/":  # the page itself is not an export: it is not limited here
        assert codes == [200] * 5
        return
    assert codes == [200, 200, 200, 429, 429]
    response = client.get(path, {"q": "europol"}, REMOTE_ADDR="10.22.1.1")
    assert int(response["Retry-After"]) >= 1
    # A forged forwarded address is no way around it.
    forged = client.get(
        path, {"q": "europol"}, REMOTE_ADDR="10.22.1.1", HTTP_X_FORWARDED_FOR="192.0.2.77"
    )
    assert forged.status_code == 429


@pytest.mark.parametrize("path", ["/search/export.json", "/search/export.csv", "/search/feed"])
@override_settings(SEARCH_EXPORT_TIMEOUT_MS=1)
def test_an_export_over_its_cost_bound_is_refused_cleanly(client, corpus, db, path):
    query = " OR ".join(f'"{w} police"' for w in ["europol", "interpol", "phishing", "cyber"] * 2)
    response = client.get(path, {"q": query})
    assert response.status_code == 503
    assert response["Retry-After"]
    assert b"too costly" in response.content
