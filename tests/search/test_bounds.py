"""Bounded work for huge result sets: capped counts, sampled estimates, ranking the newest.

The caps are lowered so the small test corpus crosses them; at 100 % the sample is the whole
archive, so an estimate must then equal the exact figures."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from search import estimate, query, service
from search.facets import facet_counts
from search.parser import parse_query
from search.query import NEWEST, Filters, article_matches, newest_matches
from search.service import search_run

COMMON = "canh sat"  # several articles of the corpus


def matches(q: str, filters: Filters | None = None):
    return article_matches(parse_query(q), filters=filters)


@pytest.fixture
def low_caps(monkeypatch):
    """Exact only up to 2 matches; relevance ranks the 2 newest; the sample is everything."""
    monkeypatch.setattr(estimate, "EXACT_UP_TO", 2)
    monkeypatch.setattr(estimate, "SAMPLE_ROWS", 10**9)
    monkeypatch.setattr(service, "RANK_UP_TO", 2)
    monkeypatch.setattr(service, "HEAD_UP_TO", 0)  # the best by title and lede: test_tiers.py


def test_count_capped_is_exact_up_to_the_cap_and_none_above(corpus, db):
    exact = matches(COMMON).count()
    assert exact > 3
    assert estimate.count_capped(matches(COMMON), cap=exact) == exact
    assert estimate.count_capped(matches(COMMON), cap=exact - 1) is None


def test_the_sample_clause_goes_on_the_outermost_articles_table(corpus, db):
    sql = (
        'SELECT id FROM "archive_article" WHERE id IN (SELECT id FROM "archive_article" '
        "WHERE title = %s) AND language = %s"
    )
    out, params = estimate.sampled(sql, ["a", "vi"], estimate.Sample(percent=50.0))
    assert out.startswith(
        'SELECT id FROM "archive_article" TABLESAMPLE SYSTEM (%s) REPEATABLE (%s) WHERE'
    )
    assert out.count("TABLESAMPLE") == 1
    assert params == [50.0, estimate.SAMPLE_SEED, "a", "vi"]
    with connection.cursor() as cursor:  # and PostgreSQL accepts it
        cursor.execute(out, params)


def test_sampling_the_whole_archive_gives_the_exact_facets(corpus, db):
    parsed = parse_query(COMMON)
    exact = facet_counts(parsed, Filters())
    whole = facet_counts(parsed, Filters(), sample=estimate.Sample(percent=100.0))
    assert whole.estimated and not exact.estimated
    assert whole.total == exact.total == matches(COMMON).count()
    assert whole.facets == exact.facets


def test_a_sample_scales_its_counts(corpus, db):
    sample = estimate.Sample(percent=50.0)
    assert sample.scale == 2.0
    counted = facet_counts(parse_query(COMMON), Filters(), sample=sample)
    assert counted.estimated and counted.total % 2 == 0  # each sampled row stands for two


def test_above_the_cap_the_total_is_an_estimate_never_below_the_cap(
    corpus,
    db,
    low_caps,
):
    outcome = search_run(COMMON)
    assert outcome.estimated and outcome.facets_estimated
    assert outcome.total == matches(COMMON).count()  # the sample is the whole archive
    rare = search_run("europol interpol ransomware")
    assert not rare.estimated and rare.total == matches("europol interpol ransomware").count()


def test_a_filter_keeps_the_total_exact_when_it_narrows_below_the_cap(
    corpus,
    db,
    low_caps,
):
    narrow = Filters(language="en")
    expected = matches(COMMON, narrow).count()
    assert expected <= 2
    outcome = search_run(COMMON, filters=narrow)
    assert outcome.total == expected and not outcome.estimated
    assert outcome.facets_estimated  # the facets still come from the sampled text matches


def test_relevance_ranks_only_the_newest_matches_above_the_rank_cap(
    corpus,
    db,
    low_caps,
):
    outcome = search_run(COMMON)
    assert outcome.ranked == 2 and outcome.reachable == 2
    newest = list(matches(COMMON).order_by(*NEWEST).values_list("pk", flat=True)[:2])
    shown = [a.pk for a in outcome.page(0, 20)]
    assert sorted(shown) == sorted(newest)
    assert [a.rank for a in outcome.page(0, 20)] == sorted(
        (a.rank for a in outcome.page(0, 20)), reverse=True
    )


@pytest.mark.parametrize("limit", [1, 2, 3, 100])
def test_gathering_the_newest_matches_finds_what_the_date_walk_finds(corpus, db, limit):
    parsed = parse_query(COMMON)
    walked, gathered = (
        list(newest_matches(parsed, filters=Filters(), entities=[], limit=limit, gather=g))
        for g in (False, True)
    )
    assert walked == gathered and len(walked) == min(limit, matches(COMMON).count())
    sql = str(newest_matches(parsed, filters=Filters(), entities=[], limit=2, gather=True).query)
    assert '("archive_article"."published_on" + 0) DESC NULLS LAST' in sql


def test_gathering_is_chosen_when_few_articles_match():
    assert query.gather_newest(7_000, 100_000, 1_000)  # "sòng bạc" at 100,000 articles
    assert not query.gather_newest(88_000, 100_000, 1_000)  # "công an"
    assert not query.gather_newest(150_000, 1_000_000, 1_000)  # "police" at 1,000,000
    assert query.gather_newest(20_000, 1_000_000, 1_000)


def test_the_search_gathers_a_rare_term_and_ranks_the_same_articles(
    corpus,
    db,
    low_caps,
    monkeypatch,
):
    monkeypatch.setattr(query, "GATHER_RATIO", 0)  # never gather
    walked = [a.pk for a in search_run(COMMON).page(0, 20)]
    monkeypatch.setattr(query, "GATHER_RATIO", 10**9)  # always gather
    with CaptureQueriesContext(connection) as queries:
        gathered = [a.pk for a in search_run(COMMON).page(0, 20)]
    assert gathered == walked
    assert any('"published_on" + 0) DESC' in q["sql"] for q in queries.captured_queries)


def test_date_sorts_reach_every_match(corpus, db, low_caps):
    outcome = search_run(COMMON, sort="newest")
    assert outcome.ranked is None
    everything = list(matches(COMMON).order_by(*NEWEST).values_list("pk", flat=True))
    assert [a.pk for a in outcome.page(0, 100)] == everything


def test_the_api_says_when_counts_are_estimates(client, corpus, db, low_caps):
    body = client.get("/api/v1/search", {"q": COMMON}).json()
    assert body["count"] == matches(COMMON).count()
    assert body["count_is_estimate"] is True and body["ranked"] == 2
    assert len(body["items"]) == 2 and body["next"] is None
    exact = client.get("/api/v1/search", {"q": "europol interpol ransomware"}).json()
    assert exact["count_is_estimate"] is False and exact["ranked"] is None


def test_the_page_says_about_and_marks_estimated_facets(client, corpus, db, low_caps):
    html = client.get("/search/", {"q": COMMON}, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert f"about {matches(COMMON).count()} results" in html
    assert "relevance ranks the 2 newest of them" in html
    assert '<span class="count">≈' in html
    exact = client.get("/search/", {"q": "interpol"}, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "about" not in exact.split('role="status"')[1][:80] and "≈" not in exact


def test_the_planner_estimate_comes_from_postgresql(corpus, db):
    assert estimate.planner_rows(matches(COMMON)) >= 1
    assert estimate.planner_rows(matches(COMMON)) == estimate.planner_rows(matches(COMMON))


@pytest.fixture
def counts(monkeypatch):
    """The querysets count_capped was asked to count."""
    seen = []
    real = estimate.count_capped

    def spy(qs, cap=None):
        seen.append(qs)
        return real(qs, cap)

    monkeypatch.setattr(estimate, "count_capped", spy)
    return seen


@pytest.fixture
def planner_expects_everything(monkeypatch, low_caps, counts):
    """PostgreSQL's estimate, for every query: far over the (lowered) cap."""
    monkeypatch.setattr(estimate, "planner_rows", lambda qs: 10.0**9)


def test_matches_the_planner_expects_far_over_the_cap_are_not_counted(
    corpus,
    db,
    planner_expects_everything,
    counts,
    monkeypatch,
):
    monkeypatch.setattr(estimate, "EXACT_UP_TO", 1)  # twice the cap: 2, below the matches
    outcome = search_run(COMMON)
    assert counts == []  # the sample (the whole archive here) gave the figures
    assert outcome.estimated and outcome.total == matches(COMMON).count()


def test_when_the_planner_is_far_off_the_sample_sends_back_to_counting(
    corpus,
    db,
    planner_expects_everything,
    counts,
):
    rare = "europol interpol ransomware"
    outcome = search_run(rare)
    assert len(counts) == 1
    assert not outcome.estimated and not outcome.facets_estimated
    assert outcome.total == matches(rare).count() <= 2


def test_a_broad_query_naming_an_entity_ranks_the_newest_of_both_sides(
    corpus,
    db,
    low_caps,
):
    """Above the cap, each side of the union (text matches, articles mentioning the entity)
    gives its own newest first; the ranked set is the newest of their union, as when every
    match is gathered and sorted."""
    query = "Ministry of Public Security"
    outcome = search_run(query)
    assert outcome.entities and outcome.ranked == 2
    everything = list(
        article_matches(outcome.parsed, entities=outcome.entities)
        .order_by(*NEWEST)
        .values_list("pk", flat=True)
    )
    assert len(everything) > 2
    assert {a.pk for a in outcome.page(0, 10)} == set(everything[:2])
    # and the facets of a sample read per row agree with the union (the sample is everything)
    assert outcome.total == len(everything)


def test_filtered_matches_both_estimates_put_far_over_the_cap_are_not_counted(
    corpus,
    db,
    planner_expects_everything,
    counts,
    monkeypatch,
):
    monkeypatch.setattr(estimate, "EXACT_UP_TO", 1)
    filters = Filters(language="vi")
    outcome = search_run(COMMON, filters=filters)
    assert counts == []
    assert outcome.estimated and outcome.total == matches(COMMON, filters).count()


def test_filtered_matches_the_sample_finds_few_of_are_counted(
    corpus,
    db,
    planner_expects_everything,
    counts,
):
    filters = Filters(language="en")
    outcome = search_run(COMMON, filters=filters)
    assert len(counts) == 1  # the sample puts them under twice the cap: counted exactly
    assert outcome.total == matches(COMMON, filters).count()
