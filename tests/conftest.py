import os
from pathlib import Path

import pytest
from django.core.management import call_command

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SEED_000 = SEEDS / "000_b1798b74658b9b41.txt"
SEED_002 = SEEDS / "002_d1984437577e8bda.txt"


# Test tiers by path under tests/: each prefix's tests get `slow` and these markers.
TIERS = {
    "browser/": ("browser",),
    "ops/": ("ops",),
    "ops/test_load.py": ("load",),
    "load/": ("load",),
    "bench/test_benchmark.py": ("bench",),
}


def pytest_collection_modifyitems(config, items):
    tests = Path(__file__).resolve().parent
    for item in items:
        where = item.path.resolve().relative_to(tests).as_posix()
        names = {
            name for prefix, names in TIERS.items() if where.startswith(prefix) for name in names
        }
        for name in sorted(names | ({"slow"} if names else set())):
            item.add_marker(getattr(pytest.mark, name))


def pytest_configure(config):
    """Without DATABASE_URL the suite runs on the embedded PostgreSQL (var/postgres/): started
    for the session if it is not running, and stopped after it unless another process uses it."""
    if not os.environ.get("DATABASE_URL"):
        from archive.site import embedded

        embedded.acquire()
        config.add_cleanup(embedded.release)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database holds the curated entities and both seed captures, as `make run` does."""
    with django_db_blocker.unblock():
        call_command("load_entities", verbosity=0)
        call_command("ingest", str(SEEDS), verbosity=0)


@pytest.fixture
def seed_000(db):
    from archive.models import Article

    return Article.objects.get(raw_name__endswith=SEED_000.name)


@pytest.fixture
def seed_002(db):
    from archive.models import Article

    return Article.objects.get(raw_name__endswith=SEED_002.name)
