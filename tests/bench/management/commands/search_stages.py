"""python manage.py search_stages QUERY...: where one search's time goes, stage by stage.

Runs each query as the search API does (`search_run`, then the first page with snippets)
against the archive at DATABASE_URL, and times the stages inside that one call: the functions
`search_run` calls for entity names, PostgreSQL's estimates (the plan's row count, the
archive's size), the capped counts and the facets are wrapped with a timer while it runs, so
the figures are those of the real path, never of a copy of it. The best of --repeat runs is
shown, so a cold cache does not decide. For finding what to tune; the benchmark measures.
"""

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from django.core.management.base import BaseCommand

from search import estimate, service
from search.service import search_run

# (module, function) pairs `search_run` calls, by the stage their time is added to. Leaves
# only: none of them calls another, so no time is counted twice.
STAGES = {
    "entities": [(service, "entities_named")],
    "estimate": [(estimate, "planner_rows"), (estimate, "archive_rows")],
    "count": [(estimate, "count_capped")],
    "facets": [(service, "facet_counts")],
}
COLUMNS = ("entities", "estimate", "count", "facets", "search", "page", "total")


class StageTimer:
    """Milliseconds per stage over the calls made while `timing()` is active, and the rows the
    planner expected for the first query it was asked about (the text matches)."""

    def __init__(self):
        self.ms: dict[str, float] = dict.fromkeys(STAGES, 0.0)
        self.planned: float | None = None

    def _timed(self, stage: str, name: str, function: Callable) -> Callable:
        def timed(*args, **kwargs):
            started = time.perf_counter()
            try:
                result = function(*args, **kwargs)
            finally:
                self.ms[stage] += (time.perf_counter() - started) * 1000
            if name == "planner_rows" and self.planned is None:
                self.planned = result
            return result

        return timed

    @contextmanager
    def timing(self) -> Iterator["StageTimer"]:
        originals = [
            (module, name, getattr(module, name))  # AttributeError: a stage was renamed
            for pairs in STAGES.values()
            for module, name in pairs
        ]
        try:
            for stage, pairs in STAGES.items():
                for module, name in pairs:
                    setattr(module, name, self._timed(stage, name, getattr(module, name)))
            yield self
        finally:
            for module, name, function in originals:
                setattr(module, name, function)


def _stages(query: str):
    """One run: the outcome, the stage timer, and the times of the whole call and the page."""
    timer = StageTimer()
    with timer.timing():
        started = time.perf_counter()
        outcome = search_run(query)
        searched = (time.perf_counter() - started) * 1000
    if not outcome.parsed.ok:
        return outcome, timer, {}
    started = time.perf_counter()
    outcome.page(0, 20)
    paged = (time.perf_counter() - started) * 1000
    ms = {**timer.ms, "search": searched, "page": paged, "total": searched + paged}
    return outcome, timer, ms


class Command(BaseCommand):
    help = "Time the stages of a search (entities, estimate, count, facets, page) per query."

    def add_arguments(self, parser):
        parser.add_argument("queries", nargs="+")
        parser.add_argument("--repeat", type=int, default=3)

    def handle(self, **options):
        self.stdout.write(
            f"{'query':<28} {'entities':>9} {'estimate':>9} {'count':>9} {'facets':>9} "
            f"{'search':>9} {'page':>9} {'total':>9}  matches"
        )
        for query in options["queries"]:
            best: dict[str, float] = {}
            for _ in range(max(1, options["repeat"])):
                outcome, timer, ms = _stages(query)
                if not outcome.parsed.ok:
                    self.stderr.write(f"{query!r}: {outcome.error}")
                    break
                best = {k: min(v, best.get(k, v)) for k, v in ms.items()}
            else:
                found = f"~{outcome.total}" if outcome.estimated else f"{outcome.total}"
                cells = " ".join(f"{best[k]:>9.1f}" for k in COLUMNS)
                planned = f"{timer.planned:.0f}" if timer.planned is not None else "-"
                self.stdout.write(f"{query[:28]:<28} {cells}  {found} (planner: {planned})")
        self.stdout.write(
            "ms, best of the runs; stages timed inside search_run; `search` is the whole call "
            "(stages + parsing and building the queries), `page` the ranked page with snippets"
        )
