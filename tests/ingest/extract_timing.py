"""Python time an article spends in extraction and discovery, without a database.

    python -m tests.ingest.extract_timing [N]

Times `extract_text` and `Discovered.in_text` over N synthetic captures made by
`generate_captures` (the benchmark's corpus), in one process, best of three runs, CPU time (the machine may be shared).
"""

import os
import random
import sys
import time

import django

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "archive.settings_test")
    django.setup()

from archive.entities.matching import Discovered
from archive.ingest.extract import extract_text
from tests.bench.management.commands.generate_captures import capture


def per_article(texts: list[str]) -> tuple[float, float]:
    """Microseconds an article in extraction, then in discovery."""
    extract = discover = 0.0
    for text in texts:
        start = time.process_time()
        result = extract_text(text)
        middle = time.process_time()
        Discovered.in_text("\n".join([result.title, result.lede, result.body]))
        discover += time.process_time() - middle
        extract += middle - start
    return 1e6 * extract / len(texts), 1e6 * discover / len(texts)


def main(argv: list[str]) -> int:
    count = int(argv[0]) if argv else 3000
    rng = random.Random(1)
    texts = [capture(rng, number) for number in range(count)]
    runs = [per_article(texts) for _ in range(3)]
    extract, discover = min(r[0] for r in runs), min(r[1] for r in runs)
    print(f"{count} captures: extract {extract:.0f} us, discover {discover:.0f} us an article")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
