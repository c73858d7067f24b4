"""One search, as every surface runs it: parse, find entities, rank, page, snippets, facets."""

import time
from dataclasses import dataclass, field

from django.db.models import QuerySet

from archive.stories import stories_collapse
from search import estimate
from search.entities import EXPAND_AT, SPAN_WORDS, EntityMatch, entities_named, entity_misspelt
from search.facets import FacetCounts, FacetValue, facet_counts
from search.highlight import snippet_html
from search.impacts import head_terms
from search.parser import ParsedQuery, parse_query
from search.query import (
    SORTS,
    Filters,
    adjacency_apart,
    all_adjacent,
    article_matches,
    article_search,
    best_exact_heads,
    exact_heads,
    gather_newest,
    head_best,
    in_order,
    newest_matches,
    score_bound,
    with_snippets,
)

DEFERRED = ("raw", "search_vector", "search_exact", "search_head", "search_head_exact")


RANK_UP_TO = 1_000  # relevance ranks every match up to this many
NEWEST_UP_TO = 200  # above, when no head holds a word of the query, the newest this many
HEAD_FIRST = 50  # the best this many by title and lede (of every match) are scored in full,
HEAD_UP_TO = 200  # four times as many while fewer than a page stand proven, up to this many
ENUMERATE_UP_TO = 10_000  # matches: up to this many, all standing together are listed
BONUS_BUDGET = 400  # articles tested for standing together down the word lists, at most
EXACT_HEADS_UP_TO = 1_000  # heads holding every word: up to this many, all are scored
EXACT_BUDGET = 1_000  # else heads tested for the exact spelling down the word lists, at most
PROVE_TOP = 20  # a page: while fewer are proven in place, more candidates join in


@dataclass
class SearchOutcome:
    parsed: ParsedQuery
    filters: Filters
    sort: str
    entities: list[EntityMatch] = field(default_factory=list)
    results: QuerySet | None = None  # ranked, unsliced, without snippets
    facets: dict[str, list[FacetValue]] = field(default_factory=dict)
    total: int = 0  # matching articles (an estimate when `estimated`)
    estimated: bool = False  # the total is estimated from a sample of the archive
    facets_estimated: bool = False  # so are the facet counts
    ranked: int | None = None  # relevance ranked only this many (newest and best by head)
    head_ranked: bool = False  # ... among them the best by title and lede of every match
    exact_top: int | None = None  # the first this many stand as ranking every match puts them
    started: float = field(default_factory=time.perf_counter)

    @property
    def error(self) -> str:
        return self.parsed.error

    @property
    def reachable(self) -> int:
        """How many results the pages hold: all, or the ranked newest ones."""
        return self.total if self.ranked is None else min(self.total, self.ranked)

    def page(self, start: int, stop: int) -> list:
        """Articles start..stop with `snippet` (safe HTML) and `rank`; snippets for these only."""
        rows = list(with_snippets(self.results, self.parsed)[start:stop])
        for article in rows:
            article.snippet = snippet_html(article.snippet_raw, self.parsed)
        # Syndicated copies of one story show once, under the earliest (within the page).
        return stories_collapse(rows)

    def sliceable(self) -> "Ranked":
        return Ranked(self)

    @property
    def elapsed_ms(self) -> float:
        return (time.perf_counter() - self.started) * 1000


class Ranked:
    """The results as paginators slice them: a count, and pages that carry snippets."""

    def __init__(self, outcome: SearchOutcome):
        self.outcome = outcome

    def count(self) -> int:
        return self.outcome.reachable

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, item: slice) -> list:
        return self.outcome.page(item.start or 0, item.stop)


def _total(outcome: SearchOutcome, counted: FacetCounts | None, *, over: bool) -> tuple:
    """(matches, estimated): exact up to EXACT_UP_TO, else estimated (never below the cap).

    `over`: the results are already known to be over the cap (counted so)."""
    if counted is not None and not counted.estimated:
        return counted.total, False
    if not over:
        results = article_matches(
            outcome.parsed, filters=outcome.filters, entities=outcome.entities
        )
        found = estimate.count_unless_far_over(
            results, sampled_total=counted.total if counted else None
        )
        if found is not None:
            return found, False
    if counted is None:
        counted = facet_counts(
            outcome.parsed, outcome.filters, outcome.entities, sample=estimate.archive_sample()
        )
    return max(counted.total, estimate.EXACT_UP_TO + 1), True


def _misspelt_entity(parsed: ParsedQuery) -> EntityMatch | None:
    """The entity a query names with a typo, when its words match no article at all."""
    if len(parsed.positive_units) > SPAN_WORDS or parsed.excluded:
        return None
    if article_matches(parsed).exists():
        return None  # the words are found (maybe not with these filters): they are meant
    return entity_misspelt(" ".join(u.text for u in parsed.positive_units))


def search_run(
    q: str | None, *, filters: Filters | None = None, sort: str = "relevance", facets: bool = True
) -> SearchOutcome:
    """Everything but the page of results, which the caller slices with `.page()`.

    The work is bounded: counting and facets read every match only up to EXACT_UP_TO of them
    (a sample above, or when PostgreSQL expects far more), and relevance ranks at most
    RANK_UP_TO newest matches and the HEAD_UP_TO best by title and lede (of every match whose
    title or lede holds the query)."""
    parsed = parse_query(q)
    filters = filters or Filters()
    sort = sort if sort in SORTS else "relevance"
    outcome = SearchOutcome(parsed=parsed, filters=filters, sort=sort)
    if not parsed.ok:
        return outcome
    outcome.entities = entities_named(" ".join(u.text for u in parsed.positive_units))
    _found(outcome, facets=facets)
    if outcome.total == 0 and not any(e.whole >= EXPAND_AT for e in outcome.entities):
        misspelt = _misspelt_entity(parsed)
        if misspelt:
            outcome.entities = [misspelt, *outcome.entities]
            _found(outcome, facets=facets)
    return outcome


def _found(outcome: SearchOutcome, *, facets: bool) -> None:
    """Count, facets and the ranked results of `outcome`'s query, filters and entities."""
    parsed, filters, sort = outcome.parsed, outcome.filters, outcome.sort
    counted, counted_over, sample = None, False, None
    if facets:
        text_matches = article_matches(parsed, entities=outcome.entities)
        planned_over = estimate.clearly_over_cap(text_matches)
        counted_over = not planned_over and estimate.count_capped(text_matches) is None
        sample = estimate.archive_sample() if planned_over or counted_over else None
        counted = facet_counts(parsed, filters, outcome.entities, sample=sample)
    # Without filters the results are the text matches: counted over the cap already.
    over = counted_over and not filters.active()
    outcome.total, outcome.estimated = _total(outcome, counted, over=over)
    if counted and counted.estimated and not outcome.estimated and not filters.active():
        # The planner was far off: the results fit under the cap, so count the facets exactly.
        counted = facet_counts(parsed, filters, outcome.entities)
    if counted:
        outcome.facets, outcome.facets_estimated = counted.facets, counted.estimated
    if sort == "relevance" and outcome.total > RANK_UP_TO:
        rows = sample.archive_rows if sample else estimate.archive_rows()
        outcome.results = _bounded_ranking(
            outcome, gather=gather_newest(outcome.total, rows, min(RANK_UP_TO, NEWEST_UP_TO))
        ).defer(*DEFERRED)
        return
    outcome.results = article_search(
        parsed, filters=filters, sort=sort, entities=outcome.entities
    ).defer(*DEFERRED)


def _bounded_ranking(outcome: SearchOutcome, *, gather: bool):
    """Relevance for a query matching more than RANK_UP_TO articles, without ranking them all.

    The HEAD_FIRST matches with the best head score (of every match: `head_best`) are scored
    in full. No other match can score above `score_bound` of the next head score, so every
    scored article above that bound stands where ranking every match would put it:
    `exact_top` counts them. While that covers less than a page (PROVE_TOP), four times as
    many are scored, up to HEAD_UP_TO, and the best heads among the articles that earn each
    bonus join them (`_bonus_tiers`). What is not proven then is served in the order of the
    scores found (`exact_top` says how far it is proven); with no head to start from, the
    NEWEST_UP_TO newest matches are the candidates."""
    parsed, filters = outcome.parsed, outcome.filters
    terms = head_terms(parsed)
    limit = min(HEAD_FIRST, HEAD_UP_TO)
    tiers = None
    while True:
        head, rest = head_best(
            parsed, filters=filters, limit=max(limit, 1), entities=outcome.entities, terms=terms
        )
        if limit == 0:  # no head tier: the best head bounds every match
            head, rest = [], (head[0][1] if head else 0.0)
        candidates = [pk for pk, _ in head]
        bound = score_bound(parsed, rest)
        scored = _scored(parsed, filters, outcome.entities, candidates, terms)
        proven = _proven(scored, bound)
        if proven < PROVE_TOP and limit and (parsed.runs or parsed.has_diacritics):
            # The best heads lack the bonuses: the best heads among the articles that earn
            # them join (found once), and the articles left unscored are bounded by what each
            # can earn.
            tiers = tiers or _bonus_tiers(outcome, terms, HEAD_FIRST)
            more, bounds = tiers
            candidates = sorted({*candidates, *more})
            scored = _scored(parsed, filters, outcome.entities, candidates, terms)
            apart = score_bound(parsed, rest, adjacent=adjacency_apart(parsed), exact=False)
            fixed = [b for b, _ in bounds if b is not None]
            moving = [apart, *(score_bound(parsed, rest, **k) for b, k in bounds if b is None)]
            bound = max(fixed + moving)
            proven = _proven(scored, bound)
            if fixed and max(fixed) >= max(moving):
                break  # more of the best heads would not lower the bound
        if proven >= PROVE_TOP or len(head) < limit or limit >= HEAD_UP_TO:
            break
        limit = min(limit * 4, HEAD_UP_TO)
    if not candidates:  # no head tier (HEAD_UP_TO 0) or no head holds a word: the newest
        newest = newest_matches(
            parsed,
            filters=filters,
            entities=outcome.entities,
            limit=min(RANK_UP_TO, NEWEST_UP_TO),
            gather=gather,
        )
        candidates = sorted({*candidates, *newest.values_list("pk", flat=True)})
        scored = _scored(parsed, filters, outcome.entities, candidates, terms)
        proven = _proven(scored, bound)
    outcome.ranked, outcome.exact_top = len(scored), proven
    outcome.head_ranked = HEAD_UP_TO > 0
    return in_order(scored)


def _bonus_tiers(outcome: SearchOutcome, terms, limit: int):
    """The ids of the best heads among the articles with each bonus whole, and for each bonus
    (bound, how): the highest score an article with it left unscored can have, or None with
    `score_bound` arguments for one whose head is that of any match left unscored."""
    parsed, filters, entities = outcome.parsed, outcome.filters, outcome.entities
    more: list[int] = []
    bounds: list[tuple[float | None, dict]] = []

    def down_the_lists(among, budget: int):
        return head_best(
            parsed,
            filters=filters,
            limit=limit,
            entities=entities,
            terms=terms,
            among=among,
            budget=budget,
        )

    def add(found, how: dict) -> None:
        if found is None:  # too deep in the lists: any match may earn it
            bounds.append((None, how))
            return
        best, rest = found
        more.extend(pk for pk, _ in best)
        if rest is not None:  # None: every article that earns it is among `best`
            bounds.append((score_bound(parsed, rest, **how), how))

    adjacent = all_adjacent(parsed)
    if adjacent is not None:
        # Standing together is tested on the whole article (its vector read from TOAST): every
        # match when few (ENUMERATE_UP_TO), else BONUS_BUDGET of the best heads, bounded where
        # that stopped.
        found = None
        if outcome.total <= ENUMERATE_UP_TO:
            some = list(
                article_matches(parsed, filters=filters, entities=entities)
                .filter(adjacent)
                .values_list("pk", flat=True)[: limit + 1]
            )
            found = ([(pk, 0.0) for pk in some], None) if len(some) <= limit else None
        add(found or down_the_lists(adjacent, BONUS_BUDGET), {"adjacent": 1.0})
    if parsed.has_diacritics:
        # Spelled as typed in the head: every head holding every word when few (found by
        # the head index), else tested in the row down the word lists.
        found = best_exact_heads(
            parsed,
            filters=filters,
            limit=limit,
            entities=entities,
            terms=terms,
            cap=EXACT_HEADS_UP_TO,
        )
        add(found or down_the_lists(exact_heads(parsed), EXACT_BUDGET), {"exact": True})
    return more, bounds


def _proven(scored: list[tuple[int, float]], bound: float) -> int:
    """How many of `scored` (best first) score above `bound`: strictly, as an unscored match
    scoring the bound itself would come first if newer (and a hair over, for float rounding)."""
    return next((i for i, (_, score) in enumerate(scored) if score <= bound + 1e-6), len(scored))


def _scored(parsed, filters, entities, candidates: list[int], terms) -> list[tuple[int, float]]:
    """(id, score) of `candidates`, best first (ties: newest first)."""
    ranked = article_search(
        parsed, filters=filters, entities=entities, candidates=candidates, terms=terms
    )
    return list(ranked.values_list("pk", "rank"))
