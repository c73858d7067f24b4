"""Relevance above the rank cap: the newest matches and the best matches by title and lede (of
every match) are ranked, so an old short article about exactly the words typed still comes
first. The caps are lowered so a small corpus crosses them."""

from datetime import date

import pytest
from django.db import transaction

from search import service
from search.parser import parse_query
from search.query import Filters, article_search, head_best
from search.service import search_run
from tests.api.factories import make_article

WORD = "Interpol"


@pytest.fixture(scope="module")
def planted(django_db_setup, django_db_blocker):
    """Twelve recent articles naming Interpol in passing, three recent ones with it in the
    title, and one from 2005 about exactly Interpol: the one a journalist typing "Interpol"
    wants first."""
    with django_db_blocker.unblock(), transaction.atomic():
        made = {}
        for n in range(12):
            made[f"passing_{n}"] = make_article(
                title=f"Hội nghị an ninh khu vực lần thứ {n}",
                lede="Các đại biểu thảo luận nhiều vấn đề an ninh.",
                body=f"Đại diện {WORD} cũng tham dự. " + "Nội dung thảo luận dài. " * 40,
                published_on=date(2024, 1, n + 1),
            )
        for n in range(3):
            made[f"titled_{n}"] = make_article(
                title=f"{WORD} và đối tác họp lần thứ {n}",
                lede="Hội nghị bàn về hợp tác điều tra giữa nhiều cơ quan khác nhau.",
                body="Nội dung thảo luận dài. " * 40,
                published_on=date(2023, 6, n + 1),
            )
        made["about"] = make_article(
            title=WORD,
            lede=f"{WORD}, tổ chức cảnh sát hình sự quốc tế: {WORD} là gì.",
            body="Bài ngắn.",
            published_on=date(2005, 3, 1),
        )
        yield made
        transaction.set_rollback(True)


@pytest.fixture
def low_caps(monkeypatch):
    monkeypatch.setattr(service, "RANK_UP_TO", 3)
    monkeypatch.setattr(service, "HEAD_UP_TO", 3)


def exhaustive(q: str) -> list[int]:
    """Every match ranked by the whole score: what the served page is measured against."""
    return list(article_search(parse_query(q)).values_list("pk", flat=True))


def test_an_old_article_about_exactly_the_query_comes_first(planted, db, low_caps):
    outcome = search_run(WORD, facets=False)
    assert outcome.ranked is not None and outcome.ranked < outcome.total  # bounded
    assert outcome.head_ranked
    shown = [a.pk for a in outcome.page(0, 10)]
    assert shown[0] == planted["about"].pk
    assert exhaustive(WORD)[0] == planted["about"].pk


def test_the_served_top_is_the_exhaustive_top(planted, db, low_caps):
    """As far as the bound proves it (`exact_top`), and here beyond."""
    outcome = search_run(WORD, facets=False)
    assert outcome.exact_top >= 1
    shown = [a.pk for a in outcome.page(0, 10)]
    assert shown[: outcome.exact_top] == exhaustive(WORD)[: outcome.exact_top]
    assert shown[:3] == exhaustive(WORD)[:3]


def test_the_bound_proves_a_page_when_the_heads_decide(planted, db, monkeypatch):
    """With room for every head match, no unscored article can pass the scored ones that
    hold the word in their title or lede (their head rank is 0): all of those are proven."""
    monkeypatch.setattr(service, "RANK_UP_TO", 3)
    monkeypatch.setattr(service, "HEAD_UP_TO", 100)
    outcome = search_run(WORD, facets=False)
    assert outcome.exact_top >= 4
    shown = [a.pk for a in outcome.page(0, outcome.exact_top)]
    assert shown == exhaustive(WORD)[: outcome.exact_top]


def test_without_the_head_tier_the_newest_would_hide_it(planted, db, low_caps, monkeypatch):
    monkeypatch.setattr(service, "HEAD_UP_TO", 0)
    outcome = search_run(WORD, facets=False)
    assert planted["about"].pk not in {a.pk for a in outcome.page(0, 10)}


def test_head_best_reads_title_and_lede_only(planted, db):
    best, rest = head_best(parse_query(WORD), filters=Filters(), limit=100)
    ids = {pk for pk, _ in best}
    assert planted["about"].pk in ids and planted["titled_0"].pk in ids
    assert not ids & {planted[f"passing_{n}"].pk for n in range(12)}
    assert best[0][0] == planted["about"].pk
    assert rest == 0.0  # every head holding the word was read: the others score nothing


def test_the_page_says_how_relevance_was_bounded(client, planted, db, low_caps):
    html = client.get("/search/", {"q": WORD}, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    proven = search_run(WORD, facets=False).exact_top
    assert "chosen by their title and lede out of every match" in html
    assert f"the first {proven} stand where ranking every match would put them" in html


def test_the_api_says_how_far_the_order_is_proven(client, planted, db, low_caps):
    body = client.get("/api/v1/search", {"q": WORD}).json()
    outcome = search_run(WORD)
    assert body["ranked"] == outcome.ranked and body["exact_top"] == outcome.exact_top >= 1
    assert body["items"][0]["id"] == planted["about"].pk
    everything = client.get("/api/v1/search", {"q": "europol interpol ransomware"}).json()
    assert everything["ranked"] is None and everything["exact_top"] is None


@pytest.mark.parametrize("q", ["Interpol", "an ninh", "hội nghị an ninh", "noi dung thao luan"])
def test_what_the_bound_proves_is_what_ranking_every_match_gives(planted, db, low_caps, q):
    outcome = search_run(q, facets=False)
    assert outcome.ranked is not None  # bounded: more matches than RANK_UP_TO
    proven = outcome.exact_top
    shown = [a.pk for a in outcome.page(0, max(proven, 1))]
    assert shown[:proven] == exhaustive(q)[:proven]
