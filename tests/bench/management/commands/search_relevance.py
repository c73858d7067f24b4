"""python manage.py search_relevance [--json OUT]: relevance figures of the archive at
DATABASE_URL (see tests/bench/relevance.py), as the benchmark reports them."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand

from tests.bench.relevance import figures


class Command(BaseCommand):
    help = "Overlap@10 of served pages with ranking every match; planted articles; count errors."

    def add_arguments(self, parser):
        parser.add_argument("--json", dest="json_out", help="write the figures to this file")

    def handle(self, **options):
        result = figures()
        for row in result["common"]:
            error = (
                f" count error {row['count_error_pct']:+.1f} %" if "count_error_pct" in row else ""
            )
            self.stdout.write(
                f"{row['query']:<18} {row['count']:>7} overlap@10 {row['overlap']:>2}/10 "
                f"exact_top {row['exact_top']} served {row['served_ms']:.0f} ms, every match "
                f"{row['exhaustive_ms']:.0f} ms{error}"
            )
        for row in result["planted"]:
            self.stdout.write(
                f"planted {row['query']:<16} served rank {row['served_rank']}, "
                f"every match ranked: {row['exhaustive_rank']}"
            )
        self.stdout.write(
            f"overlap@10 mean {result['overlap_at_10_mean']}; planted in the top 10: "
            f"{result['planted_in_top_10']}/10 (first: {result['planted_first']})"
        )
        if options["json_out"]:
            Path(options["json_out"]).write_text(json.dumps(result, indent=2) + "\n")
