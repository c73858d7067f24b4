"""The one place that turns a query and filters into a ranked QuerySet of articles.

Matching is accent-insensitive (the `vietnamese` configuration). The score has three parts:

- `ts_rank_cd` over the weighted vector (title > lede > body), scaled into 0..1;
- + up to 1 when the unquoted words typed together stand together ("an ninh mạng");
- + 1, for a query typed with diacritics, when all its words appear spelled exactly so
  ("mã độc" above "Ma Đốc"), with either tone placement ("hoà" = "hòa").
"""

from functools import reduce
from operator import and_, or_

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db.models import (
    BigIntegerField,
    BooleanField,
    Case,
    DateField,
    Exists,
    ExpressionWrapper,
    F,
    FloatField,
    OuterRef,
    Q,
    QuerySet,
    TextField,
    Value,
    When,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import Concat, Replace

from archive.entities.kinds import BY_NAME
from archive.filters import Filters, articles_filtered
from archive.models import Article
from archive.vectors import CONFIG, EXACT_CONFIG
from search.entities import EXPAND_AT, EntityMatch
from search.highlight import GT, LT, SNIPPET_OPTIONS
from search.impacts import HeadTerms, best_heads, head_terms, verified_best
from search.parser import ParsedQuery, Unit, tone_variants

# ts_rank weights for D, C, B, A: captions (D) < body (C) < lede (B) < title (A).
RANK_WEIGHTS = [0.05, 0.2, 0.5, 1.0]
RANK_NORMALIZATION = 32  # rank / (rank + 1): keeps the text rank below the bonuses
VECTORS = ("search_vector", "search_exact")
SORTS = ("relevance", "newest", "oldest")


def _prefixed(words: tuple[str, ...], config: str) -> SearchQuery:
    """`to_tsquery`: the words in a row, the last one a prefix ("'toi' <-> 'pham' <-> 'ma':*").
    The words are letters and digits only (parser.WORD), so quoting them is safe."""
    text = " <-> ".join(f"'{w}'" for w in words) + ":*"
    return SearchQuery(text, search_type="raw", config=config)


def _as_parsed(raw: str, config: str) -> SearchQuery:
    """A token such as "24/7" read by PostgreSQL's parser, as the articles were. A leading
    number also matches after a hyphen ("I-24/7" is read "i", "-24", "/7")."""
    query = SearchQuery(raw, search_type="phrase", config=config)
    if raw[:1].isdigit():
        query |= SearchQuery("-" + raw, search_type="phrase", config=config)
    return query


def _unit_query(unit: Unit, config: str = CONFIG) -> SearchQuery:
    if unit.raw:
        return _as_parsed(unit.raw, config)
    if unit.prefix:
        return _prefixed(unit.words, config)
    kind = "phrase" if unit.phrase or len(unit.words) > 1 else "plain"
    return SearchQuery(unit.text, search_type=kind, config=config)


def match_query(parsed: ParsedQuery) -> SearchQuery:
    """Every clause, each clause any of its alternatives."""
    return reduce(
        and_, (reduce(or_, (_unit_query(unit) for unit in clause)) for clause in parsed.clauses)
    )


def excluded_query(parsed: ParsedQuery) -> SearchQuery | None:
    if not parsed.excluded:
        return None
    return reduce(or_, (_unit_query(unit) for unit in parsed.excluded))


def _exact_query(unit: Unit) -> SearchQuery:
    """The unit spelled exactly (case aside), in either tone placement."""
    if unit.raw:
        return _unit_query(unit, EXACT_CONFIG)
    spellings = sorted(set(_tone_spellings(unit.words)))
    return reduce(
        or_,
        (_unit_query(Unit(words, unit.phrase, unit.prefix), EXACT_CONFIG) for words in spellings),
    )


def _exact_clause(clause: tuple[Unit, ...]) -> SearchQuery:
    return reduce(or_, (_exact_query(unit) for unit in clause))


def _tone_spellings(words: tuple[str, ...]) -> list[tuple[str, ...]]:
    variants = [tone_variants(w) for w in words]
    first = tuple(v[0] for v in variants)
    other = tuple(v[-1] for v in variants)
    return [first, other]


def _share(conditions: list[Q]):
    """The fraction of `conditions` a row meets (0..1), as a SQL expression."""
    if not conditions:
        return Value(0.0)
    parts = [Case(When(c, then=Value(1.0)), default=Value(0.0)) for c in conditions]
    return reduce(lambda a, b: a + b, parts) / Value(float(len(conditions)))


def _text_rank(parsed: ParsedQuery, vector: str, normalization: int = RANK_NORMALIZATION):
    return SearchRank(
        F(vector),
        match_query(parsed),
        weights=RANK_WEIGHTS,
        cover_density=True,
        normalization=Value(normalization),
    )


def head_rank(parsed: ParsedQuery, terms: HeadTerms | None = None):
    """The head score (`search/impacts.py`): the query's words, each weighted by its rarity,
    by their impact on the title and lede (`search_head`, kept in the row), in 0..1."""
    return (terms or head_terms(parsed)).score()


BODY_SHARE = 0.05  # the weight of the whole article's text rank, beside the head's


def score_expression(parsed: ParsedQuery, terms: HeadTerms | None = None):
    """The score of a match, in 0..(3 + BODY_SHARE):

    - the head score of the title and lede (`head_rank`, about 0..1);
    - + BODY_SHARE times the text rank of the whole article (title, lede, body, captions);
    - + up to 1 when the words typed together stand together anywhere in the article;
    - + 1 (typed with diacritics) when every word is spelled exactly so in the title or lede.

    The head leads: an article whose title and lede are about the words typed comes before a
    long one that repeats them in its body. The body's share is bounded, and the articles
    that can earn a bonus are found by the head's lists and index, which is what lets search
    prove its first page exact without ranking every match (`score_bound`)."""
    whole = _text_rank(parsed, "search_vector")
    adjacent = _share([Q(search_vector=_unit_query(run)) for run in parsed.run_units])
    exact = _share([Q(search_head_exact=_exact_all(parsed))] if parsed.has_diacritics else [])
    return head_rank(parsed, terms) + Value(BODY_SHARE) * whole + adjacent + exact


def _exact_all(parsed: ParsedQuery) -> SearchQuery:
    """One test over every clause: all spelled exactly."""
    return reduce(and_, (_exact_clause(clause) for clause in parsed.clauses))


def all_adjacent(parsed: ParsedQuery) -> Q | None:
    """The articles where every run of words typed together stands together (the whole
    adjacency bonus), tested on the head first: what the head holds, the article holds, and
    the head is in the row."""
    tests = [
        Q(search_head=_unit_query(run)) | Q(search_vector=_unit_query(run))
        for run in parsed.run_units
    ]
    return reduce(and_, tests) if tests else None


def exact_heads(parsed: ParsedQuery) -> Q | None:
    """The articles with the exact spelling bonus: a head holding every word, by its index,
    spelled as typed."""
    if not parsed.has_diacritics:
        return None
    return Q(search_head=match_query(parsed)) & Q(search_head_exact=_exact_all(parsed))


def adjacency_apart(parsed: ParsedQuery) -> float:
    """The most adjacency bonus an article without `all_adjacent` can have."""
    return 1.0 - 1.0 / len(parsed.runs) if parsed.runs else 0.0


def score_bound(
    parsed: ParsedQuery, head: float, *, adjacent: float | None = None, exact: bool | None = None
) -> float:
    """The highest score an article whose head score is at most `head` can have (with at
    most `adjacent` adjacency bonus and the exact bonus or not, when known): an article found
    with a score above this comes before every such article."""
    adjacent = (1.0 if parsed.runs else 0.0) if adjacent is None else adjacent
    exact = parsed.has_diacritics if exact is None else exact
    return head + BODY_SHARE + adjacent + (1.0 if exact else 0.0)


class ProbedExists(Exists):
    """EXISTS tested row by row. Under an OR, PostgreSQL may turn a plain EXISTS into a hashed
    subplan that first reads every matching row (every article mentioning Bộ Công an: 400,000
    at 1,000,000 articles); OFFSET 0 keeps it a probe per row, which is what a sample of 5,000
    rows wants (305 → 31 ms)."""

    template = "EXISTS(%(subquery)s OFFSET 0)"


def _named(entities: list[EntityMatch]) -> list[EntityMatch]:
    return [e for e in entities if e.whole >= EXPAND_AT or e.corrected]


def _mentions(entity: EntityMatch) -> QuerySet:
    kind = BY_NAME[entity.kind]
    return kind.mention.objects.filter(**{kind.entity_key: entity.slug})


def _not_excluded(parsed: ParsedQuery) -> Q:
    excluded = excluded_query(parsed)
    return Q() if excluded is None else ~Q(search_vector=excluded)


def matching(parsed: ParsedQuery, entities: list[EntityMatch] = (), *, per_row=False) -> Q:
    """Articles matching the text, or mentioning an entity the whole query names.

    With entities, the two sets are a UNION in a subquery, so each side keeps its index (an OR
    in the WHERE clause would scan every article). `per_row`: an OR with EXISTS instead, for a
    query that reads a sample of the rows anyway (the UNION would find every match first)."""
    found = Q(search_vector=match_query(parsed))
    named = _named(entities)
    if named and per_row:
        for entity in named:
            found |= ProbedExists(_mentions(entity).filter(article_id=OuterRef("pk")))
    elif named:
        ids = Article.objects.filter(found).values("id")
        for entity in named:
            ids = ids.union(_mentions(entity).values("article_id"))
        found = Q(id__in=ids)
    return found & _not_excluded(parsed)


def article_matches(
    parsed: ParsedQuery, *, filters: Filters | None = None, entities: list[EntityMatch] = ()
) -> QuerySet:
    """Unordered, unranked: what facets count."""
    return articles_filtered(Article.objects.all(), filters or Filters()).filter(
        matching(parsed, entities)
    )


def newest_matches(
    parsed: ParsedQuery,
    *,
    filters: Filters,
    entities: list[EntityMatch],
    limit: int,
    gather: bool = False,
) -> QuerySet:
    """The ids of the `limit` newest matches. With entities, each side of the union takes its
    own newest `limit` first, so a broad name such as "Bộ Công an" never gathers every text
    match to sort them.

    The text matches are read down the date index, testing each article's vector (detoasted,
    10 µs a row) until `limit` match, or, with `gather`, all found through the text index and
    sorted (3 to 5 µs a match): the walk wins when most articles match, gathering when few do
    (`gather_newest` decides)."""
    named = _named(entities)
    text_order = NEWEST_GATHERED if gather else NEWEST
    if not named:
        return article_matches(parsed, filters=filters).order_by(*text_order).values("pk")[:limit]
    base = articles_filtered(Article.objects.all(), filters).filter(_not_excluded(parsed))
    sides = [base.filter(search_vector=match_query(parsed)).order_by(*text_order)] + [
        base.filter(Exists(_mentions(entity).filter(article_id=OuterRef("pk")))).order_by(*NEWEST)
        for entity in named
    ]
    first, *others = (side.values("pk")[:limit] for side in sides)
    ids = first.union(*others)
    return Article.objects.filter(pk__in=ids).order_by(*NEWEST).values("pk")[:limit]


def head_best(
    parsed: ParsedQuery,
    *,
    filters: Filters,
    limit: int,
    entities: list[EntityMatch] = (),
    terms: HeadTerms | None = None,
    budget: int | None = None,
    among: Q | None = None,
) -> tuple[list[tuple[int, float]], float] | None:
    """(id, head score) of the `limit` matches with the best head score, best first (ties:
    newest first), and the highest head score any other match can have.

    The query's words' impact lists give them (`impacts.best_heads`); for a prefix, or a
    filter that leaves too few matches among the best heads, every filtered article whose
    head holds one of the words is scored (its head, a few hundred bytes in the row: 2 µs).
    `among`: only the matches meeting this too, from the lists alone (None when they are too
    few among the best heads); `budget`: scoring at most this many from the lists, the best
    found so far with the bound where it stopped."""
    terms = terms or head_terms(parsed)
    matches = _matches_head_first(parsed, entities)
    if among is not None:
        matches = matches.filter(among)
    filtered = articles_filtered(Article.objects.all(), filters)
    found = best_heads(terms, filtered, matches, limit, budget=budget)
    if found is not None or among is not None:
        return found
    if not terms.items:
        return [], 0.0
    holding = RawSQL(
        "search_head @@ %s::tsquery", [" | ".join(terms.items)], output_field=BooleanField()
    )
    candidates = filtered.alias(holding=holding).filter(holding=True)
    best = verified_best(terms, candidates, matches, limit, NEWEST)
    return best[:limit], (best[limit][1] if len(best) > limit else 0.0)


def best_exact_heads(
    parsed: ParsedQuery,
    *,
    filters: Filters,
    limit: int,
    entities: list[EntityMatch] = (),
    terms: HeadTerms,
    cap: int,
) -> tuple[list[tuple[int, float]], float | None] | None:
    """(id, head score) of the `limit` best matches with the exact spelling bonus, and the
    highest head score of the others (None: there are none); None when more than `cap`
    heads hold every word (they are all scored, in the row)."""
    candidates = articles_filtered(Article.objects.all(), filters).filter(exact_heads(parsed))
    if candidates.order_by().values("pk")[: cap + 1].count() > cap:
        return None
    best = verified_best(terms, candidates, _matches_head_first(parsed, entities), limit, NEWEST)
    return best[:limit], (best[limit][1] if len(best) > limit else None)


def _matches_head_first(parsed: ParsedQuery, entities: list[EntityMatch]) -> QuerySet:
    """The matches, one article at a time (`matching(per_row=True)`), a head that holds the
    query tested first: the head's positions are the article's, and it is in the row, which
    spares reading the whole vector from TOAST for the best heads."""
    in_head = Q(search_head=match_query(parsed)) & _not_excluded(parsed)
    return Article.objects.filter(in_head | matching(parsed, entities, per_row=True))


def in_order(scored: list[tuple[int, float]]) -> QuerySet:
    """Articles `scored` (id, score), in that order, with `rank` the score: ranked once,
    sliced by page."""
    ids = [pk for pk, _ in scored]
    position = RawSQL('array_position(%s::bigint[], "archive_article"."id")', (ids,))
    rank = RawSQL(
        '(%s::float8[])[array_position(%s::bigint[], "archive_article"."id")]',
        ([score for _, score in scored], ids),
        output_field=FloatField(),
    )
    return (
        Article.objects.filter(pk__in=ids)
        .select_related("source")
        .annotate(rank=rank)
        .order_by(position)
    )


NEWEST = (F("published_on").desc(nulls_last=True), F("id").desc())
OLDEST = (F("published_on").asc(nulls_last=True), F("id").asc())
# The same order, written so that the date index cannot give it: PostgreSQL then finds the
# matches through the text index and sorts them (`newest_matches(gather=True)`).
NEWEST_GATHERED = (
    ExpressionWrapper(F("published_on") + Value(0), output_field=DateField()).desc(nulls_last=True),
    ExpressionWrapper(F("id") + Value(0), output_field=BigIntegerField()).desc(),
)


GATHER_RATIO = 2.2


def gather_newest(matches: int, archive_rows: float, limit: int) -> bool:
    """Whether finding the newest `limit` of `matches` goes faster by gathering every match
    than by walking the date index. The walk reads about limit * archive_rows / matches
    articles at ~2.2 times the cost of gathering one match: at 100,000 articles "sòng bạc"
    (7,000 matches) 145 -> 37 ms; at 90,000 matches ("công an") the walk takes 23 ms, the
    gathering 650."""
    return matches * matches < GATHER_RATIO * limit * archive_rows


def article_search(
    parsed: ParsedQuery,
    *,
    filters: Filters | None = None,
    sort: str = "relevance",
    entities: list[EntityMatch] = (),
    rank_newest: int | None = None,
    gather: bool = False,
    candidates: list[int] | None = None,
    terms: HeadTerms | None = None,
) -> QuerySet:
    """Articles matching `parsed`, with `rank`, in the order asked for (ties broken by id).

    `rank_newest`: rank only the newest N matches (for queries matching more than that: the
    cost of ranking then stays bounded however large the archive grows); `gather`: find them
    through the text index rather than down the date index (see `gather_newest`);
    `candidates`: rank these ids only (`rank_candidates`, as search does). Sorted by
    date, the order needs no rank at all, and `rank` is computed for the rows shown only."""
    qs = article_matches(parsed, filters=filters, entities=entities)
    if sort != "relevance":
        return (
            qs.select_related("source")
            .annotate(rank=score_expression(parsed))
            .order_by(*(NEWEST if sort == "newest" else OLDEST))
        )
    if candidates is not None:
        qs = Article.objects.filter(pk__in=candidates)
    elif rank_newest is not None:
        newest = newest_matches(
            parsed,
            filters=filters or Filters(),
            entities=entities,
            limit=rank_newest,
            gather=gather,
        )
        qs = Article.objects.filter(pk__in=newest)
    return (
        qs.select_related("source")
        .annotate(rank=score_expression(parsed, terms))
        .order_by("-rank", *NEWEST)
    )


def _tags_hidden(expression):
    """ts_headline drops what looks like an HTML tag; hide < and > so markup stays text."""
    return Replace(Replace(expression, Value("<"), Value(LT)), Value(">"), Value(GT))


def with_snippets(qs: QuerySet, parsed: ParsedQuery) -> QuerySet:
    """Add `snippet_raw` (sentinel-marked, unescaped): apply to the shown page only."""
    return qs.annotate(
        snippet_raw=SearchHeadline(
            _tags_hidden(Concat("lede", Value("\n"), "body", output_field=TextField())),
            match_query(parsed),  # exclusions are never highlighted
            config=CONFIG,
            **SNIPPET_OPTIONS,
        )
    )
