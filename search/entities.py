"""Entities named by a query: pg_trgm similarity over unaccented names, English names,
acronyms and aliases, so "luong tam quang", a typo like "Luong Tam Quan", or the English
"Ministry of Public Security" all reach the curated record."""

from dataclasses import dataclass

from django.db import connection
from django.urls import reverse

from archive.models import Event, Organisation, Person

# (kind, model, label column). Each table stores its names folded (`search_names`: name,
# English name, acronym and aliases, lower-cased and unaccented), so a query computes only
# trigram similarities (unaccenting 2,000 names on every query took 20 ms).
KINDS = (
    ("organisation", Organisation, "name"),
    ("person", Person, "name"),
    ("event", Event, "title"),
)
OFFER_AT = 0.6  # a name similar to the query, or standing whole inside it
SUGGEST_AT = 0.5  # while typing: the query may be the start of a name
EXPAND_AT = 0.8  # the whole query is (nearly) a name: its articles join the results
LIMIT = 5


@dataclass(frozen=True)
class EntityMatch:
    kind: str  # "organisation", "person" or "event": also the search filter's name
    slug: str
    name: str
    score: float  # 0..1
    whole: float  # similarity of the whole query to the name, 0..1

    @property
    def url(self) -> str:
        return reverse(f"{self.kind}_detail", args=[self.slug])


def _sql(score: str) -> str:
    parts = [
        f"SELECT '{kind}' AS kind, t.id, t.slug, t.{label} AS label, n "  # noqa: S608
        f"FROM {model._meta.db_table} t, unnest(t.search_names) AS n"
        for kind, model, label in KINDS
    ]
    return (
        "WITH q AS (SELECT immutable_unaccent(lower(%s)) AS q), names AS ("  # noqa: S608
        + " UNION ALL ".join(parts)
        # similarity() once a name (OFFSET 0 keeps the planner from copying the expression
        # into both places that use it), then the score from it.
        + "), sims AS (SELECT kind, slug, label, n, q.q, similarity(q.q, n) AS whole "
        "FROM names, q OFFSET 0), scored AS (SELECT kind, slug, label, "
        + score
        + " AS score, whole FROM sims) "
        "SELECT kind, slug, label, max(score), max(whole) FROM scored "
        "GROUP BY kind, slug, label HAVING max(score) >= %s "
        "ORDER BY max(score) DESC, label LIMIT %s"
    )


_NAMED = _sql("greatest(whole, strict_word_similarity(n, q))")
_TYPED = _sql("greatest(whole, word_similarity(q, n))")


def _run(sql: str, text: str, threshold: float) -> list[EntityMatch]:
    if not text.strip():
        return []
    with connection.cursor() as cursor:
        cursor.execute(sql, [text, threshold, LIMIT])
        return [
            EntityMatch(kind, slug, label, round(score, 3), round(whole, 3))
            for kind, slug, label, score, whole in cursor.fetchall()
        ]


def entities_named(text: str) -> list[EntityMatch]:
    """Entities whose name (any language, acronym, alias) is the query or stands in it."""
    return _run(_NAMED, text, OFFER_AT)


def entities_starting(text: str) -> list[EntityMatch]:
    """Entities for a query still being typed ("Europ" -> Europol)."""
    return _run(_TYPED, text, SUGGEST_AT)
