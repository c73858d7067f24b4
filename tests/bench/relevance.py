"""Relevance figures of a built archive: how the served first page compares with ranking every
match by the same score (overlap@10), how far the bound proves it (`exact_top`), where old
short articles about exactly a broad query land, and how far estimated counts are off."""

import time
from datetime import date

from archive.models import Article
from search.parser import parse_query
from search.query import article_matches, article_search
from search.service import search_run
from tests.bench.corpus import SyntheticArticle

# The common queries of issue 21, with and without diacritics.
COMMON = [
    "Bộ Công an",
    "bo cong an",
    "công an",
    "cong an",
    "hợp tác quốc tế",
    "hop tac quoc te",
    "Interpol",
    "ma túy",
    "ma tuy",
    "tội phạm",
    "toi pham",
    "rửa tiền",
]

# Broad words, each given one old, short article about exactly it.
PLANTED = [
    ("Interpol", "vi"),
    ("rửa tiền", "vi"),
    ("công an", "vi"),
    ("ma túy", "vi"),
    ("hợp tác quốc tế", "vi"),
    ("tội phạm", "vi"),
    ("an ninh mạng", "vi"),
    ("lừa đảo", "vi"),
    ("police", "en"),
    ("ransomware", "en"),
]
PLANTED_ON = date(2004, 5, 1)  # before the corpus's first day (2006)


def planted_title(word: str, language: str) -> str:
    # A title of a few words: the capture reader takes a one-word line for a heading.
    if language == "vi":
        return f"{word.capitalize()}: hiểu đúng về {word}"
    return f"{word.capitalize()}: all about {word}, in short"


def planted_articles(first: int, like: SyntheticArticle) -> list[SyntheticArticle]:
    """Short articles from 2004 whose title and lede are about exactly one broad word."""
    out = []
    for i, (word, language) in enumerate(PLANTED):
        if language == "vi":
            lede = (
                f"{word.capitalize()} là chủ đề của bài viết này: {word} được giải thích ngắn "
                f"gọn, từ lịch sử của {word} đến vai trò của {word} hôm nay."
            )
            body = "Bài viết được lưu trữ để bạn đọc tham khảo khi cần tìm hiểu thêm về chủ đề."
        else:
            lede = (
                f"{word.capitalize()} is what this article is about: {word} explained in short, "
                f"from the history of {word} to the place of {word} today."
            )
            body = "The article is kept in the archive for readers who want to know more."
        out.append(
            SyntheticArticle(
                number=first + i,
                title=planted_title(word, language),
                paragraphs=[lede, body],
                language=language,
                source=like.source,
                source_name=like.source_name,
                published_on=PLANTED_ON.replace(day=1 + i),
                url=f"{like.url.rsplit('/', 1)[0]}/planted-{first + i}",
                mentions=[],
            )
        )
    return out


def _planted_pk(word: str) -> int | None:
    language = dict(PLANTED)[word]
    found = Article.objects.filter(
        title=planted_title(word, language), published_on__year=PLANTED_ON.year
    ).values_list("pk", flat=True)
    return found[0] if found else None


def _rank(pks: list[int], pk: int | None) -> int | None:
    return pks.index(pk) + 1 if pk in pks else None


def figures(k: int = 10) -> dict:
    rows = []
    for q in COMMON:
        started = time.perf_counter()
        outcome = search_run(q)
        served = [a.pk for a in outcome.page(0, k)]
        served_ms = (time.perf_counter() - started) * 1000
        started = time.perf_counter()
        everything = article_search(outcome.parsed, entities=outcome.entities)
        exhaustive = list(everything.values_list("pk", flat=True)[:k])
        exhaustive_ms = (time.perf_counter() - started) * 1000
        row = {
            "query": q,
            "count": outcome.total,
            "count_is_estimate": outcome.estimated,
            "ranked": outcome.ranked,
            "exact_top": outcome.exact_top,
            "overlap": len(set(served) & set(exhaustive)),
            "served_ms": round(served_ms, 1),
            "exhaustive_ms": round(exhaustive_ms, 1),
        }
        if outcome.estimated:
            exact = article_matches(
                outcome.parsed, filters=outcome.filters, entities=outcome.entities
            ).count()
            row["exact_count"] = exact
            row["count_error_pct"] = round(100 * (outcome.total - exact) / exact, 1)
        rows.append(row)
    planted = []
    for word, _ in PLANTED:
        pk = _planted_pk(word)
        outcome = search_run(word, facets=False)
        served = [a.pk for a in outcome.page(0, k)]
        everything = article_search(parse_query(word), entities=outcome.entities)
        exhaustive = list(everything.values_list("pk", flat=True)[:k])
        planted.append(
            {
                "query": word,
                "planted": pk is not None,
                "served_rank": _rank(served, pk),
                "exhaustive_rank": _rank(exhaustive, pk),
            }
        )
    errors = [abs(r["count_error_pct"]) for r in rows if "count_error_pct" in r]
    return {
        "common": rows,
        "overlap_at_10_mean": round(sum(r["overlap"] for r in rows) / len(rows), 2),
        "planted": planted,
        "planted_in_top_10": sum(1 for p in planted if p["served_rank"]),
        "planted_first": sum(1 for p in planted if p["served_rank"] == 1),
        "count_error_pct_max": max(errors) if errors else None,
    }
