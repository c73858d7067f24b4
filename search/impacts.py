"""The head score of a query, and its best heads read from impact-ordered word lists.

A query's head score is a sum over its words (lexemes, as the `vietnamese` configuration
stores them): the word's rarity (BM25's idf, from how many heads hold it) times its impact on
the article's title and lede (`head_impact`: `ts_rank` of the head for that word alone, title
twice the lede, divided by the head's length; archive migration 0023). A sum of per-word parts
is what lets the best heads be found without scoring every head that holds a common word:
`article_head_impact` lists each word's heads by impact, and Fagin's threshold algorithm reads
the lists of the query's words from the top down, a few hundred entries at a time, until the
best `limit` heads found score at least what any head not yet read could (the sum of the
weighted impacts where each list was left). At 100,000 articles "công an" holds 87,000 heads:
ranking them all took 300 ms; the lists give the same best heads from a few thousand entries.

The head score is that sum over the sum of the weights (the weighted mean impact of the
query's words), times HEAD_SCALE: a word once in a short title has an impact near 0.2, so the
best heads score near 1 whatever the words' rarity, and the score's other parts (body,
adjacency, exact spelling: search/query.py) keep their weight beside it.
"""

import math
from dataclasses import dataclass

from django.db.models import BooleanField, FloatField, Value
from django.db.models.expressions import RawSQL

from archive.site.routers import reading
from search.parser import ParsedQuery

HEAD_SCALE = 5.0
DF_COUNTED_UP_TO = 5_000  # a word's heads are counted up to this many, else the statistics say
# The articles are counted up to this many, else PostgreSQL's estimate (ANALYZE's, which
# autovacuum updates at any moment: a small archive's weights must not move between two calls).
N_COUNTED_UP_TO = 10_000
FIRST_DEPTH = 400  # entries of each word's list read first, then twice as many each round
LAST_DEPTH = 25_600  # deeper than this, scoring every head that holds the words costs less


@dataclass(frozen=True)
class HeadTerms:
    """The words of a query that score a head, with their weights (idf), and whether every
    one is a plain word with a list (a prefix such as `ransom*` has none)."""

    items: tuple[str, ...] = ()  # tsquery text of each: a quoted lexeme, or a prefix
    lexemes: tuple[str, ...] = ()  # the plain words among them, in the same order
    weights: tuple[float, ...] = ()
    listed: bool = False  # every item is a plain word: the threshold algorithm applies

    def score(self, vector: str = "search_head"):
        """The head score (about 0..1), as a SQL expression over `vector`."""
        if not self.items:
            return Value(0.0)
        parts = " + ".join(
            f"%s * ts_rank('{{0, 0, 0.5, 1}}', {vector}, %s::tsquery, 1)" for _ in self.items
        )
        params = [p for w, item in zip(self.weights, self.items, strict=True) for p in (w, item)]
        # Only constants and the vector's column name are formatted in; the words are params.
        total = RawSQL(f"({parts})", params, output_field=FloatField())  # noqa: S611
        return total * Value(self.scale)

    @property
    def scale(self) -> float:
        """From the weighted sum of impacts to the head score."""
        return HEAD_SCALE / sum(self.weights) if sum(self.weights) > 0 else 0.0


def _quoted(lexeme: str) -> str:
    """A lexeme as tsquery input (`head_word` in SQL)."""
    return "'" + lexeme.replace("\\", "\\\\").replace("'", "''") + "'"


# One statement: the words of the plain units and of the prefixes, how many heads hold each
# (counted up to a cap), PostgreSQL's estimate for the words over the cap, and the articles.
_TERMS = """
WITH words AS (
    SELECT DISTINCT ON (w, prefix) w, prefix, o FROM
        unnest(%s::text[], %s::boolean[]) WITH ORDINALITY AS u(t, prefix, o),
        unnest(tsvector_to_array(to_tsvector('vietnamese', u.t))) AS w
    ORDER BY w, prefix, o
), sizes AS (
    SELECT relname, reltuples FROM pg_class
    WHERE relname IN ('archive_article', 'article_head_impact') AND relkind = 'r'
), common AS (
    SELECT m.v, m.f FROM pg_stats s,
        unnest(s.most_common_vals::text::text[], s.most_common_freqs) AS m(v, f)
    WHERE s.tablename = 'article_head_impact' AND s.attname = 'lexeme'
)
SELECT w, prefix,
    CASE WHEN prefix THEN NULL ELSE (SELECT count(*) FROM (
        SELECT 1 FROM article_head_impact i WHERE i.lexeme = words.w LIMIT %s) c) END,
    (SELECT f FROM common WHERE v = w)
        * (SELECT greatest(reltuples, 0) FROM sizes WHERE relname = 'article_head_impact'),
    (SELECT CASE WHEN n.c < %s THEN n.c ELSE greatest(n.c, (
        SELECT reltuples FROM sizes WHERE relname = 'archive_article')) END
     FROM (SELECT count(*) AS c FROM (SELECT 1 FROM archive_article LIMIT %s) a) n)
FROM words ORDER BY prefix, o, w
"""


def head_terms(parsed: ParsedQuery) -> HeadTerms:
    """The scoring words of `parsed` (its positive units; exclusions never score) with their
    idf: ln(1 + (N - df + 0.5) / (df + 0.5)), N the articles (counted up to N_COUNTED_UP_TO,
    above that at least PostgreSQL's estimate), df the heads holding the word (counted up to
    DF_COUNTED_UP_TO, above that PostgreSQL's statistics of the lists; a prefix counts as that
    many). One statement."""
    texts, prefix = [], []
    for unit in parsed.positive_units:
        if unit.prefix:
            *words, last = unit.words
            texts += [*words, last]
            prefix += [False] * len(words) + [True]
        else:
            texts.append(unit.raw or unit.text)
            prefix.append(False)
    if not texts:
        return HeadTerms()
    with reading().cursor() as cursor:
        cursor.execute(_TERMS, [texts, prefix, DF_COUNTED_UP_TO, N_COUNTED_UP_TO, N_COUNTED_UP_TO])
        rows = cursor.fetchall()
    if not rows:
        return HeadTerms()
    articles = rows[0][4] or 0
    lexemes = tuple(w for w, is_prefix, *_ in rows if not is_prefix)
    prefixes = tuple(w for w, is_prefix, *_ in rows if is_prefix)
    dfs = [
        DF_COUNTED_UP_TO if is_prefix else max(n, estimated or 0)
        for _, is_prefix, n, estimated, _ in rows
    ]
    n = max(articles, max(dfs))
    weights = tuple(round(math.log(1 + (n - d + 0.5) / (d + 0.5)), 6) for d in dfs)
    items = tuple(_quoted(w) for w in lexemes) + tuple(_quoted(w) + ":*" for w in prefixes)
    return HeadTerms(items, lexemes, weights, listed=bool(lexemes) and not prefixes)


_LISTS = """
SELECT w.o, i.article_id, i.impact::float8  -- exactly: real is sent rounded to 8 digits
FROM unnest(%s::text[]) WITH ORDINALITY AS w(lexeme, o),
LATERAL (SELECT article_id, impact FROM article_head_impact
         WHERE lexeme = w.lexeme ORDER BY impact DESC, article_id LIMIT %s) i
"""


@dataclass
class _Lists:
    """The first `depth` entries of each word's list, read."""

    known: dict[int, float]  # article -> its weighted impacts in the lists it was read in
    upper: dict[int, float]  # article -> the most its weighted sum can be
    threshold: float  # the most the weighted sum of an article read in no list can be
    ended: bool  # every list was read to its end


def _read_lists(terms: HeadTerms, depth: int) -> _Lists:
    with reading().cursor() as cursor:
        cursor.execute(_LISTS, [list(terms.lexemes), depth])
        rows = cursor.fetchall()
    words = len(terms.lexemes)
    read, last = [0] * words, [0.0] * words
    known: dict[int, float] = {}
    found_in: dict[int, set[int]] = {}
    for o, pk, impact in rows:
        read[o - 1] += 1
        last[o - 1] = impact
        known[pk] = known.get(pk, 0.0) + terms.weights[o - 1] * impact
        found_in.setdefault(pk, set()).add(o - 1)
    # Where a list was not read to its end, an article not read in it has at most its last
    # impact there.
    rest = [0.0 if read[i] < depth else terms.weights[i] * last[i] for i in range(words)]
    threshold = sum(rest)
    upper = {
        pk: value + sum(rest[i] for i in range(words) if i not in found_in[pk])
        for pk, value in known.items()
    }
    return _Lists(known, upper, threshold, all(n < depth for n in read))


def newest_first(published_on, pk: int) -> tuple:
    """The sort key of NEWEST (search/query.py): newest first, undated last, then by id."""
    return (published_on is None, -(published_on.toordinal() if published_on else 0), -pk)


def among(ids: list[int]):
    """`id = ANY(ids)`, one array parameter: `pk__in` writes one parameter an id (3,000 ids:
    10 ms of Python before PostgreSQL sees the query)."""
    return RawSQL('"archive_article"."id" = ANY(%s::bigint[])', (ids,), output_field=BooleanField())


VERIFY_BATCH = 1.25  # verified in batches of this times the heads still wanted
MAX_BATCH = 256  # a batch stops short when the best are found: larger ones overshoot
SLACK = 1e-9  # float rounding between the lists' impacts (real) and the sums (double)


def verified_best(terms: HeadTerms, candidates, matches, limit: int, newest):
    """(id, head score) of the best `limit` + 1 of `candidates` (a QuerySet: the filters
    applied) that are `matches`, best first.

    Every candidate's head is scored (in the row: about 2 µs a word); only the best are then
    tested against the whole query, in batches, until `limit` + 1 match: that test reads the
    article's whole vector (10 µs)."""
    ordered = list(
        candidates.annotate(head=terms.score()).order_by("-head", *newest).values_list("pk", "head")
    )
    best: list[tuple[int, float]] = []
    start = 0
    while len(best) <= limit and start < len(ordered):
        size = max(16, int((limit + 1 - len(best)) * VERIFY_BATCH))
        batch = ordered[start : start + size]
        start += size
        ok = set(matches.filter(pk__in=[pk for pk, _ in batch]).values_list("pk", flat=True))
        best.extend(row for row in batch if row[0] in ok)
    return best[: limit + 1]


def best_heads(
    terms: HeadTerms, filtered, matches, limit: int, *, budget: int | None = None
) -> tuple[list[tuple[int, float]], float] | None:
    """((id, head score) of the `limit` best heads among the `filtered` `matches`, best first;
    the highest head score any other match can have), by the threshold algorithm. None when
    the lists would have to be read deeper than LAST_DEPTH (a filter that leaves few matches
    among the best heads): scoring every head then costs less. With a `budget`, no more than
    that many are scored: the best found then, with the bound where the reading stopped.

    Each round reads the lists to a depth, then scores exactly (head, filters, the whole
    query) the articles read, most promising first (`_Lists.upper`), in batches, until no
    article left can enter the best `limit`; it is done when the `limit`-th best scores at
    least what an article read in no list could."""
    if not terms.listed:
        return None
    scale, depth = terms.scale, FIRST_DEPTH
    # Scored articles, kept from round to round: id -> (-head, newest key, id), or None for an
    # article the filters or the whole query leave out.
    exact: dict[int, tuple | None] = {}
    size = max(16, int((limit + 1) * VERIFY_BATCH))
    while depth <= LAST_DEPTH:
        lists = _read_lists(terms, depth)
        order = sorted(lists.upper, key=lambda pk: -lists.upper[pk])
        best = sorted(row for pk in order if (row := exact.get(pk)) is not None)
        at = 0
        while at < len(order):
            if len(best) >= limit and -best[limit - 1][0] >= lists.upper[order[at]] * scale:
                break  # no article read but not scored can pass the limit-th best
            batch = []
            while at < len(order) and len(batch) < size:
                if order[at] not in exact:
                    batch.append(order[at])
                at += 1
            if not batch:
                continue
            if budget is not None and len(exact) + len(batch) > budget:
                # Every article before the batch in `order` is scored: the first of the batch
                # has the highest upper bound of those that are not.
                unread = lists.threshold * scale
                unscored = lists.upper[batch[0]] * scale
                over = -best[limit][0] if len(best) > limit else 0.0
                return [(pk, -h) for h, _, pk in best[:limit]], max(unscored, unread, over)
            size = min(size * 2, MAX_BATCH)  # the first are the likeliest: later ones wider
            rows = (
                (filtered & matches)
                .alias(batch=among(batch))
                .filter(batch=True)
                .annotate(head=terms.score())
                .values_list("pk", "head", "published_on")
            )
            exact.update(dict.fromkeys(batch))
            for pk, head, day in rows:
                exact[pk] = (-head, newest_first(day, pk), pk)
                best.append(exact[pk])
            best.sort()
        unscored = lists.upper[order[at]] * scale if at < len(order) else 0.0
        unread = lists.threshold * scale
        if lists.ended or (len(best) >= limit and -best[limit - 1][0] >= unread - SLACK):
            over = -best[limit][0] if len(best) > limit else 0.0
            return [(pk, -head) for head, _, pk in best[:limit]], max(unscored, unread, over)
        depth *= 2
    return None
