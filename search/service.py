"""One search, as every surface runs it: parse, find entities, rank, page, snippets, facets."""

import time
from dataclasses import dataclass, field

from django.db.models import QuerySet

from search.entities import EntityMatch, entities_named
from search.facets import FacetValue, facet_counts
from search.highlight import snippet_html
from search.parser import ParsedQuery, parse_query
from search.query import SORTS, Filters, article_search, with_snippets

DEFERRED = ("raw", "search_vector", "search_exact")  # never shown in results


@dataclass
class SearchOutcome:
    parsed: ParsedQuery
    filters: Filters
    sort: str
    entities: list[EntityMatch] = field(default_factory=list)
    results: QuerySet | None = None  # ranked, unsliced, without snippets
    facets: dict[str, list[FacetValue]] = field(default_factory=dict)
    started: float = field(default_factory=time.perf_counter)

    @property
    def error(self) -> str:
        return self.parsed.error

    def page(self, start: int, stop: int) -> list:
        """Articles start..stop with `snippet` (safe HTML) and `rank`; snippets for these only."""
        rows = list(with_snippets(self.results, self.parsed)[start:stop])
        for article in rows:
            article.snippet = snippet_html(article.snippet_raw, self.parsed)
        return rows

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
        return self.outcome.results.count()

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, item: slice) -> list:
        return self.outcome.page(item.start or 0, item.stop)


def search_run(
    q: str | None, *, filters: Filters | None = None, sort: str = "relevance", facets: bool = True
) -> SearchOutcome:
    """Everything but the page of results, which the caller slices with `.page()`."""
    parsed = parse_query(q)
    filters = filters or Filters()
    sort = sort if sort in SORTS else "relevance"
    outcome = SearchOutcome(parsed=parsed, filters=filters, sort=sort)
    if not parsed.ok:
        return outcome
    outcome.entities = entities_named(" ".join(u.text for u in parsed.positive_units))
    outcome.results = article_search(
        parsed, filters=filters, sort=sort, entities=outcome.entities
    ).defer(*DEFERRED)
    if facets:
        outcome.facets = facet_counts(parsed, filters, outcome.entities)
    return outcome
