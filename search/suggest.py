"""Suggestions while typing: the last word is a prefix ("toi pham cong ng" -> công nghệ)."""

import unicodedata
from functools import reduce
from operator import and_

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db.models import F

from archive.models import Article
from archive.vectors import CONFIG
from search.entities import EntityMatch, entities_starting
from search.parser import MAX_QUERY_LENGTH, WORD

LIMIT = 8


def prefix_query(text: str) -> SearchQuery | None:
    """Every word, the last one as a prefix. Only letters and digits reach to_tsquery."""
    words = WORD.findall(unicodedata.normalize("NFC", text)[:MAX_QUERY_LENGTH])
    if not words:
        return None
    *head, last = words[:32]
    parts = [SearchQuery(word, search_type="plain", config=CONFIG) for word in head]
    parts.append(SearchQuery(f"{last}:*", search_type="raw", config=CONFIG))
    return reduce(and_, parts)


def suggestions(text: str) -> tuple[list[str], list[EntityMatch]] | None:
    """(article titles, entities) for a query being typed; None when it has no words."""
    query = prefix_query(text)
    if query is None:
        return None
    titles = list(
        Article.objects.filter(search_vector=query)
        .annotate(rank=SearchRank(F("search_vector"), query, cover_density=True))
        .order_by("-rank", "-id")
        .values_list("title", flat=True)[:LIMIT]
    )
    return titles, entities_starting(" ".join(WORD.findall(text)))
