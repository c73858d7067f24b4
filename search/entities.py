"""Entities named by a query: pg_trgm similarity over unaccented names, English names,
acronyms and aliases, so "luong tam quang", a typo like "Luong Tam Quan", or the English
"Ministry of Public Security" all reach the curated record."""

import re
from dataclasses import dataclass

from django.urls import reverse

from archive.entities.kinds import BY_NAME
from archive.site.routers import reading
from archive.text import fold

# (kind, model, label column). Each table stores its names folded (`search_names`: name,
# English name, acronym and aliases, lower-cased and unaccented), so a query computes only
# trigram similarities (unaccenting 2,000 names on every query took 20 ms).
KINDS = tuple(
    (name, BY_NAME[name].model, BY_NAME[name].label) for name in ("organisation", "person", "event")
)
# How many of a record's names have a trigram index of their own (archive.models), by kind:
# records with more names (aliases) are scored whole.
INDEXED_NAMES = {"organisation": 3, "person": 2, "event": 2}
OFFER_AT = 0.6  # a name similar to the query, or standing whole inside it
SUGGEST_AT = 0.5  # while typing: the query may be the start of a name
EXPAND_AT = 0.8  # the whole query is (nearly) a name: its articles join the results
LIMIT = 5
_WORDS = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class EntityMatch:
    kind: str  # "organisation", "person" or "event": also the search filter's name
    slug: str
    name: str
    score: float  # 0..1
    whole: float  # similarity of the whole query to the name, 0..1
    corrected: bool = False  # the query is this name misspelt, and no article has its words

    @property
    def url(self) -> str:
        return reverse(f"{self.kind}_detail", args=[self.slug])


# A query of up to this many words (78 runs) finds its candidate names by index; longer ones
# score every name. At 100,000 articles (2,149 people) an 11-word query took 53 ms scanning,
# 11 ms by its 66 runs; "công an" 17 -> 3 ms.
SPAN_WORDS = 12

# The query folded as names are, and every run of its consecutive words ("luong tam quan":
# six runs), split where pg_trgm splits words. `cfg` sets the similarity threshold of `%` for
# this statement's transaction; the runs depend on it, so it is set before any `%` runs.
_SPANS = (
    "cfg AS MATERIALIZED (SELECT set_config('pg_trgm.similarity_threshold', %s, true) AS v), "
    "words AS (SELECT array_agg(w ORDER BY i) AS ws FROM q, cfg, "
    "regexp_split_to_table(q.q, '[^[:alnum:]]+') WITH ORDINALITY AS t(w, i) "
    "WHERE w <> '' AND cfg.v IS NOT NULL), "
    "spans AS (SELECT array_to_string(ws[a:b], ' ') AS s FROM words, "
    "generate_series(1, cardinality(ws)) AS a, generate_series(a, cardinality(ws)) AS b), "
)


def _sql(score: str, *, spans: bool = False) -> str:
    """Entities whose best name scores at least the threshold, best first.

    `spans`: score only the records that can reach OFFER_AT: those with more names than have
    an index (INDEXED_NAMES), and those with a name at least OFFER_AT similar to a run of the
    query's words (a trigram index on each of the first names finds them: `%` at
    pg_trgm.similarity_threshold). This is every record the scan would offer:
    strict_word_similarity(name, query) is the similarity of the name to the best such run,
    and similarity(query, name) that of the whole query, itself a run. (With the first name
    alone indexed, the 2,600 events of the 100,000-article benchmark, each with an English
    title, were all scored on every search: 35-55 ms.)"""
    parts = []
    for kind, model, label in KINDS:
        table = model._meta.db_table
        indexed = INDEXED_NAMES[kind]
        found = " UNION ".join(
            f"SELECT c.id FROM {table} c, spans WHERE c.search_names[{n}] %% spans.s"  # noqa: S608
            for n in range(1, indexed + 1)
        )
        where = (
            f" WHERE cardinality(t.search_names) > {indexed} OR t.id IN ({found})" if spans else ""
        )
        parts.append(
            f"SELECT '{kind}' AS kind, t.id, t.slug, t.{label} AS label, n "  # noqa: S608
            f"FROM {table} t CROSS JOIN LATERAL unnest(t.search_names) AS n{where}"
        )
    return (
        "WITH q AS (SELECT immutable_unaccent(lower(%s)) AS q), "  # noqa: S608
        + (_SPANS if spans else "")
        + "names AS ("
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


_NAMED_SCORE = "greatest(whole, strict_word_similarity(n, q))"
_NAMED = _sql(_NAMED_SCORE)
_NAMED_BY_SPANS = _sql(_NAMED_SCORE, spans=True)
_TYPED = _sql("greatest(whole, word_similarity(q, n))")


def _run(sql: str, params: list) -> list[EntityMatch]:
    with reading().cursor() as cursor:  # a replica when the request reads from one
        cursor.execute(sql, params)
        return [
            EntityMatch(kind, slug, label, round(score, 3), round(whole, 3))
            for kind, slug, label, score, whole in cursor.fetchall()
        ]


def _scanned(text: str, sql: str = _NAMED, threshold: float = OFFER_AT) -> list[EntityMatch]:
    """Every name of every record scored (what `_by_spans` must equal)."""
    return _run(sql, [text, threshold, LIMIT]) if text.strip() else []


def _by_spans(text: str) -> list[EntityMatch]:
    return _run(_NAMED_BY_SPANS, [text, str(OFFER_AT), OFFER_AT, LIMIT]) if text.strip() else []


def entities_named(text: str) -> list[EntityMatch]:
    """Entities whose name (any language, acronym, alias) is the query or stands in it."""
    if len(_WORDS.findall(text)) <= SPAN_WORDS:
        return _by_spans(text)
    return _scanned(text)


CORRECT_FROM = 0.3  # trigram similarity of a misspelt name's candidates ("europool": 0.45)


def edits(a: str, b: str) -> int:
    """Levenshtein distance: insertions, deletions and substitutions from `a` to `b`."""
    previous = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        current = [i]
        for j, y in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x != y)))
        previous = current
    return previous[-1]


def allowed_edits(name: str) -> int:
    """Typos forgiven in a name: one up to 10 letters ("Europool"), two above."""
    return 1 if len(name) <= 10 else 2


def entity_misspelt(text: str) -> EntityMatch | None:
    """The one entity the whole query names with a typo or two ("Europool", "Catherine De
    Bole"), for a query whose words match no article: candidates by trigram similarity, then
    the edit distance between the folded query and each of the candidate's folded names. None
    when no name is that close, or when two entities are equally close."""
    candidates = _scanned(text, _NAMED, CORRECT_FROM)
    if not candidates:
        return None
    folded = " ".join(_WORDS.findall(fold(text)))
    best: dict[tuple[str, str], int] = {}
    for match in candidates:
        model = BY_NAME[match.kind].model
        names = model.objects.filter(slug=match.slug).values_list("search_names", flat=True)
        for name in (n for row in names for n in row or ()):
            name = " ".join(_WORDS.findall(name))
            distance = edits(folded, name)
            if distance <= allowed_edits(name):
                key = (match.kind, match.slug)
                best[key] = min(best.get(key, distance), distance)
    if not best:
        return None
    closest = min(best.values())
    chosen = [key for key, distance in best.items() if distance == closest]
    if len(chosen) != 1:
        return None
    match = next(m for m in candidates if (m.kind, m.slug) == chosen[0])
    return EntityMatch(match.kind, match.slug, match.name, match.score, match.whole, True)


def entities_starting(text: str) -> list[EntityMatch]:
    """Entities for a query still being typed ("Europ" -> Europol)."""
    return _scanned(text, _TYPED, SUGGEST_AT)
