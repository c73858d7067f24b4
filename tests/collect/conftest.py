import pytest

from tests.collect.site import FixtureSite


@pytest.fixture
def site():
    fixture = FixtureSite(slow_seconds=2.0).start()
    yield fixture
    fixture.stop()


@pytest.fixture
def collect_settings(settings, tmp_path):
    """Fetching from the fixture site on 127.0.0.1, quickly, into a fresh WARC folder."""
    settings.CAPTURE_ALLOW_PRIVATE = True
    settings.CAPTURE_WARC_DIR = tmp_path / "warc"
    settings.CAPTURE_HOST_DELAY = 0
    settings.CAPTURE_TIMEOUT = 1.0
    settings.CAPTURE_MAX_BYTES = 200_000
    settings.CAPTURE_REFETCH_AFTER = 0
    return settings


@pytest.fixture
def seeds_reloaded_afterwards(django_db_blocker):
    """For a test that commits (worker processes cannot see a test's open transaction): the
    database is emptied after it, so the session's entities and seeds are loaded again. Ask
    for it before `transactional_db`, so that it is torn down after the emptying."""
    yield
    from django.core.management import call_command

    from tests.conftest import SEEDS

    with django_db_blocker.unblock():
        call_command("load_entities", verbosity=0)
        call_command("ingest", str(SEEDS), verbosity=0)
