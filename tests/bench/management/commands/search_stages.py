"""python manage.py search_stages QUERY...: where one search's time goes, stage by stage.

Runs each query as the search API does (`search_run`, then the first page with snippets) and
times its stages separately against the archive at DATABASE_URL: entity names, PostgreSQL's
estimate of the matches, the capped count, the facets, and the page. The best of --repeat runs
is shown, so a cold cache does not decide. For finding what to tune; the benchmark measures.
"""

import time

from django.core.management.base import BaseCommand

from search import estimate
from search.entities import entities_named
from search.facets import facet_counts
from search.parser import parse_query
from search.query import Filters, article_matches
from search.service import search_run


def _timed(call) -> tuple[object, float]:
    started = time.perf_counter()
    result = call()
    return result, (time.perf_counter() - started) * 1000


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
                parsed = parse_query(query)
                if not parsed.ok:
                    self.stderr.write(f"{query!r}: {parsed.error}")
                    break
                text = " ".join(u.text for u in parsed.positive_units)
                entities, times = _timed(lambda t=text: entities_named(t))
                stages = {"entities": times}
                matches = article_matches(parsed, entities=entities)
                planned, stages["estimate"] = _timed(lambda m=matches: estimate.planner_rows(m))
                count, stages["count"] = _timed(lambda m=matches: estimate.count_capped(m))
                sample = None if count is not None else estimate.archive_sample()
                _, stages["facets"] = _timed(
                    lambda p=parsed, e=entities, s=sample: facet_counts(p, Filters(), e, sample=s)
                )
                outcome, stages["search"] = _timed(lambda q=query: search_run(q))
                _, stages["page"] = _timed(lambda o=outcome: o.page(0, 20))
                stages["total"] = stages["search"] + stages["page"]
                best = {k: min(v, best.get(k, v)) for k, v in stages.items()}
            else:
                found = f"{count}" if count is not None else f"> {estimate.EXACT_UP_TO}"
                cells = " ".join(
                    f"{best[k]:>9.1f}"
                    for k in ("entities", "estimate", "count", "facets", "search", "page", "total")
                )
                self.stdout.write(f"{query[:28]:<28} {cells}  {found} (planner: {planned:.0f})")
        self.stdout.write(
            "ms, best of the runs; `search` is everything but the page (it skips the count "
            "when the estimate is far over the cap), `page` is the ranked page with snippets"
        )
