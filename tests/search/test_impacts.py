"""The impact lists of title and lede words (archive migration 0023) and the threshold
algorithm over them (search/impacts.py): the lists follow every change of an article, and the
best heads read from them are the best heads of every match, in the same order."""

import random
from datetime import date

import pytest
from django.db import connection, transaction

from archive.models import Article
from search import impacts
from search.parser import parse_query
from search.query import Filters, article_matches, head_best
from tests.api.factories import make_article

SYLLABLES = ["công", "an", "tội", "phạm", "mạng", "quốc", "tế", "hợp", "tác", "interpol"]


def listed(article_id: int) -> dict[str, float]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT lexeme, impact FROM article_head_impact WHERE article_id = %s", [article_id]
        )
        return dict(cursor.fetchall())


def recomputed(article_id: int) -> dict[str, float]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT w, head_impact(search_head, w) FROM archive_article, "
            "unnest(tsvector_to_array(search_head)) AS w WHERE id = %s",
            [article_id],
        )
        return dict(cursor.fetchall())


def test_the_lists_follow_insert_update_and_delete(db):
    article = make_article(title="Interpol và Bộ Công an", lede="Hợp tác điều tra tội phạm mạng.")
    assert listed(article.pk) == recomputed(article.pk)
    assert {"interpol", "cong", "an", "mang"} <= set(listed(article.pk))
    Article.objects.filter(pk=article.pk).update(title="Europol", lede="Chống rửa tiền.")
    assert listed(article.pk) == recomputed(article.pk)
    assert "interpol" not in listed(article.pk) and "europol" in listed(article.pk)
    Article.objects.filter(pk=article.pk).update(body="Thân bài khác, tiêu đề giữ nguyên.")
    assert listed(article.pk) == recomputed(article.pk)
    Article.objects.filter(pk=article.pk).delete()
    assert listed(article.pk) == {}


def test_a_truncated_archive_leaves_no_list(db):
    article = make_article(title="Interpol", lede="Hợp tác.")
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # no deferred check left pending
        cursor.execute("TRUNCATE archive_article CASCADE")
        cursor.execute("SELECT count(*) FROM article_head_impact")
        assert cursor.fetchone()[0] == 0
    assert listed(article.pk) == {}


def test_a_word_with_a_quote_or_backslash_is_listed_and_found(db):
    article = make_article(title="O'Brien và C:\\temp", lede="Một ghi chú.")
    assert listed(article.pk) == recomputed(article.pk)


@pytest.fixture(scope="module")
def crowd(django_db_setup, django_db_blocker):
    """300 articles whose titles and ledes draw the same ten syllables at random, bodies that
    sometimes hold them too: many ties, partial heads, and matches by the body alone."""
    rng = random.Random(21)
    with django_db_blocker.unblock(), transaction.atomic():
        for n in range(300):
            title = " ".join(rng.choices(SYLLABLES, k=rng.randint(1, 8)))
            lede = " ".join(rng.choices(SYLLABLES + ["khác", "nữa"] * 4, k=rng.randint(0, 20)))
            body = " ".join(rng.choices(SYLLABLES + ["thêm"] * 10, k=40))
            make_article(
                title=title,
                lede=lede,
                body=body,
                language="en" if n % 7 == 0 else "vi",
                published_on=date(2000 + n % 25, 1 + n % 12, 1),
            )
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE article_head_impact")
        yield
        transaction.set_rollback(True)


def every_head(q: str, filters: Filters, terms=None) -> list[tuple[int, float]]:
    """Every match's head score, best first (ties newest first): what the lists must give."""
    parsed = parse_query(q)
    terms = terms or impacts.head_terms(parsed)
    from search.query import NEWEST

    return list(
        article_matches(parsed, filters=filters)
        .annotate(head=terms.score())
        .order_by("-head", *NEWEST)
        .values_list("pk", "head")
    )


QUERIES = ["công an", "interpol", "tội phạm mạng", "hop tac quoc te", "cong an -interpol"]
FILTERS = [Filters(), Filters(language="en"), Filters(published_after=date(2020, 1, 1))]


@pytest.mark.parametrize("q", QUERIES)
@pytest.mark.parametrize("filters", FILTERS, ids=["all", "english", "recent"])
@pytest.mark.parametrize("limit", [1, 10, 40])
def test_the_lists_give_the_best_heads_of_every_match(crowd, db, monkeypatch, q, filters, limit):
    monkeypatch.setattr(impacts, "FIRST_DEPTH", 5)  # several rounds, deeper each time
    parsed = parse_query(q)
    terms = impacts.head_terms(parsed)  # the same weights for both
    best, rest = head_best(parsed, filters=filters, limit=limit, terms=terms)
    everything = every_head(q, filters, terms)
    # A head without the query's words scores 0: the lists hold only the others.
    everything = [(pk, h) for pk, h in everything if h > 0]
    scores = [round(h, 9) for _, h in best]
    assert scores == [round(h, 9) for _, h in everything[:limit]]
    # The same articles, up to the order of equal scores.
    by_score = {}
    for pk, h in everything:
        by_score.setdefault(round(h, 9), set()).add(pk)
    assert all(pk in by_score[round(h, 9)] for pk, h in best)
    # No match left out scores above the bound given.
    shown = {pk for pk, _ in best}
    assert all(h <= rest + 1e-9 for pk, h in everything if pk not in shown)


def test_the_threshold_stops_before_reading_every_list(crowd, db, monkeypatch):
    monkeypatch.setattr(impacts, "FIRST_DEPTH", 5)
    depths = []
    read = impacts._read_lists

    def counting(terms, depth):
        depths.append(depth)
        return read(terms, depth)

    monkeypatch.setattr(impacts, "_read_lists", counting)
    head_best(parse_query("interpol"), filters=Filters(), limit=3)
    assert depths and max(depths) < 300  # the list holds far more than it read


def test_a_prefix_scores_every_head_that_holds_it(crowd, db):
    parsed = parse_query("interp*")
    terms = impacts.head_terms(parsed)
    assert not terms.listed and terms.items == ("'interp':*",)
    best, _ = head_best(parsed, filters=Filters(), limit=5)
    assert [round(h, 9) for _, h in best] == [
        round(h, 9) for _, h in every_head("interp*", Filters())[:5]
    ]


def test_a_rarer_word_weighs_more(crowd, db):
    make_article(title="Europol", lede="Một lần.")
    terms = impacts.head_terms(parse_query("europol công"))
    weights = dict(zip(terms.lexemes, terms.weights, strict=True))
    assert weights["europol"] > weights["cong"] > 0
