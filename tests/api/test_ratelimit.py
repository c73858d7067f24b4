"""Rate limits are counted in PostgreSQL: every worker process and connection shares them."""

import os
import subprocess
import sys
import threading
from datetime import timedelta

import pytest
from django.conf import settings
from django.db import connection
from django.test import override_settings
from django.utils import timezone

from archive.api.ratelimit import Rate, rate_hit, rate_parse
from archive.models import ApiRateBucket
from tests.conftest import ROOT

# Another Python process, with its own database connection, asks the API once.
OTHER_PROCESS = """
import django
from django.conf import settings
from django.test.utils import setup_test_environment
django.setup()
setup_test_environment()
settings.API_RATE_ANON = "3/hour"
from django.test import Client
print(Client().get("/api/v1/people", REMOTE_ADDR="10.9.9.9").status_code)
"""


@pytest.fixture
def committed(django_db_setup, django_db_blocker):
    """Database access outside any test transaction, so that other connections see the writes;
    a flush would drop the session's seeds, so only the rows made here are deleted after."""
    with django_db_blocker.unblock():
        yield
        ApiRateBucket.objects.filter(bucket__in=["api:addr-10.9.9.9", "t:race"]).delete()


def test_rate_parse():
    assert rate_parse("60/min") == Rate(60, 60)
    assert rate_parse("5/s") == Rate(5, 1)
    assert rate_parse("1000/hour") == Rate(1000, 3600)
    assert rate_parse("2/day") == Rate(2, 86400)


def test_window_counts_then_refuses_then_reopens(db):
    rate = Rate(2, 60)
    hits = [rate_hit(bucket="t:a", rate=rate) for _ in range(4)]
    assert [h.allowed for h in hits] == [True, True, False, False]
    assert [h.hits for h in hits] == [1, 2, 3, 3]  # capped at limit + 1
    assert 0 < hits[-1].retry_after <= 60
    assert rate_hit(bucket="t:b", rate=rate).allowed  # another bucket
    ApiRateBucket.objects.filter(bucket="t:a").update(
        window_start=timezone.now() - timedelta(seconds=61)
    )
    again = rate_hit(bucket="t:a", rate=rate)
    assert again.allowed and again.hits == 1


def _other_process_status() -> int:
    from archive.site.env import url_from_database

    db = settings.DATABASES["default"]
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "archive.settings_test",
        "DATABASE_URL": url_from_database(db),
        "PYTHONPATH": str(ROOT),
    }
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]
    done = subprocess.run(
        [sys.executable, "-c", OTHER_PROCESS],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return int(done.stdout.strip().splitlines()[-1])


@override_settings(API_RATE_ANON="3/hour")
def test_two_processes_share_one_budget(client, committed):
    """Two requests here, one from another process, then both are refused: one count of 3.
    An hour's window: the two Python processes started here take 5-15 s each on a loaded
    machine, and a minute's window could close between them and reset the count."""
    get = lambda: client.get("/api/v1/people", REMOTE_ADDR="10.9.9.9").status_code  # noqa: E731
    assert [get(), get()] == [200, 200]
    assert _other_process_status() == 200  # the third request of the window
    assert get() == 429
    assert _other_process_status() == 429
    assert ApiRateBucket.objects.get(bucket="api:addr-10.9.9.9").hits == 4  # limit + 1


def test_concurrent_connections_never_lose_a_count(committed):
    """Eight threads, each with its own connection, hit one bucket at once: exactly 20 pass."""
    rate, allowed, errors = Rate(20, 60), [], []
    barrier = threading.Barrier(8)

    def worker():
        try:
            barrier.wait()
            for _ in range(5):
                allowed.append(rate_hit(bucket="t:race", rate=rate).allowed)
        except Exception as exc:  # reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert len(allowed) == 40 and allowed.count(True) == 20
