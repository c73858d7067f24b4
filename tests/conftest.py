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
def django_db_setup(
    request, django_db_setup, django_db_blocker, django_db_keepdb, django_db_createdb
):
    """The test database holds the curated entities and both seed captures, as `make run` does.

    pytest-django creates the test database only when a collected test asks for `db` (or the
    django_db mark). Tests that reach it through another process alone (tests/browser: their
    gunicorn; run without a `db` test, their Chromium's event loop forbids the mark) would
    otherwise load the seeds into DATABASE_URL's own database and serve it: create it here."""
    from django.db import connection
    from django.db.backends.base.creation import TEST_DATABASE_PREFIX
    from django.test.utils import setup_databases, teardown_databases

    keep = django_db_keepdb and not django_db_createdb
    created = None
    if not connection.settings_dict["NAME"].startswith(TEST_DATABASE_PREFIX):
        with django_db_blocker.unblock():
            created = setup_databases(
                verbosity=request.config.option.verbose,
                interactive=False,
                aliases={"default"},
                keepdb=keep,
            )
    with django_db_blocker.unblock():
        call_command("load_entities", verbosity=0)
        call_command("ingest", str(SEEDS), verbosity=0)
    yield
    if created and not django_db_keepdb:
        with django_db_blocker.unblock():
            teardown_databases(created, verbosity=request.config.option.verbose)


@pytest.fixture
def seed_000(db):
    from archive.models import Article

    return Article.objects.get(raw_name__endswith=SEED_000.name)


@pytest.fixture
def seed_002(db):
    from archive.models import Article

    return Article.objects.get(raw_name__endswith=SEED_002.name)
