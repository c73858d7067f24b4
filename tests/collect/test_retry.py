"""A capture job that fails for a transient reason is retried with back-off; each attempt's
failure is kept as a capture row with its reason; a refusal is final."""

from types import SimpleNamespace

import pytest
from django.utils import timezone

from archive.collect import tasks
from archive.models import Capture

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


@pytest.fixture(autouse=True)
def fresh_collector():
    """The worker thread's collector is built from this test's settings, and not kept."""
    tasks._local.collector = None
    yield
    tasks._local.collector = None


def test_a_timeout_is_kept_and_retried_with_growing_waits(site, collect_settings):
    url = site.url("/slow.html")
    with pytest.raises(tasks.RetryLater, match="timed out after 1 s"):
        tasks.capture_job(url=url)
    [failed] = Capture.objects.filter(url=url)
    assert (failed.status, failed.error, failed.how) == ("failed", "timed out after 1 s", "api")

    def wait(attempts):
        decision = tasks.BACKOFF.get_retry_decision(
            exception=tasks.RetryLater(), job=SimpleNamespace(attempts=attempts)
        )
        return round((decision.retry_at - timezone.now()).total_seconds()) if decision else None

    assert [wait(n) for n in range(6)] == [34, 46, 94, 286, 1054, None]  # five retries at most

    site.slow_seconds = 0
    assert Capture.objects.get(pk=tasks.capture_job(url=url)).status == "article"
    assert Capture.objects.filter(url=url).count() == 2


def test_a_refusal_is_not_retried(site, collect_settings):
    url = site.url("/private/secret.html")
    capture = Capture.objects.get(pk=tasks.capture_job(url=url))
    assert (capture.status, capture.error) == ("failed", "disallowed by the site's robots.txt")
    assert site.fetched("/private/secret.html") == 0


def test_curators_save_a_page_from_the_browser(client, collect_settings, django_user_model):
    url = "https://example.org/news/2.html"
    assert client.get("/captures/new/").status_code == 302  # to the admin login
    curator = django_user_model.objects.create_user("curator", password="x", is_staff=True)
    client.force_login(curator)
    page = client.post("/captures/new/", {"url": url}, HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200 and "Queued as job" in page.content.decode()
    job = page.context["job"]
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT task_name FROM procrastinate_jobs WHERE id = %s", [job])
        assert cursor.fetchone() == ("capture",)
    collect_settings.CAPTURE_ALLOW_PRIVATE = False
    refused = client.post("/captures/new/", {"url": "http://127.0.0.1/admin/"})
    assert refused.status_code == 422
    assert "a loopback, private or reserved address" in refused.content.decode()
