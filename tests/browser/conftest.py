"""Browser tests: a real gunicorn serving the test database, driven by headless Chromium.

The session's test database already holds the curated entities and the seeds (committed by
tests/conftest.py outside any transaction), so a separate server process sees them, and nothing
here flushes them away for later tests. Chromium is Debian's (/usr/bin/chromium): the tests skip
when it is missing locally, and fail when it is missing in CI.
"""

import os
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.ports import free_port

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts" / "screenshots"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 740}


def _chromium_or_skip() -> str:
    if Path(CHROMIUM).exists() or shutil.which(CHROMIUM):
        return CHROMIUM
    reason = f"Chromium not found at {CHROMIUM} (apt-get install -y chromium)"
    if os.environ.get("CI"):
        pytest.fail(f"{reason}: browser tests must run in CI")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def site_url(django_db_setup, django_db_blocker):
    """Base URL of a gunicorn process serving the test database."""
    from django.db import connection
    from django.db.backends.base.creation import TEST_DATABASE_PREFIX

    from archive.site.env import url_from_database

    db = connection.settings_dict
    if not db["NAME"].startswith(TEST_DATABASE_PREFIX):
        pytest.fail(f"gunicorn would serve {db['NAME']!r}, not a test database")
    port_http = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "archive.settings_test",
        "DATABASE_URL": url_from_database(db),
        "ALLOWED_HOSTS": "127.0.0.1",
        "CONN_MAX_AGE": "0",
    }
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "archive.wsgi:application",
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{port_http}",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    url = f"http://127.0.0.1:{port_http}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(url + "/about/", timeout=1)
                break
            except OSError:
                if server.poll() is not None:
                    pytest.fail("gunicorn exited before serving")
                time.sleep(0.1)
        else:
            pytest.fail("gunicorn did not answer in 10 s")
        yield url
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture(scope="session")
def browser():
    executable = _chromium_or_skip()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def _page(browser, viewport, locale, javascript=True):
    context = browser.new_context(viewport=viewport, locale=locale, java_script_enabled=javascript)
    page = context.new_page()
    page.set_default_timeout(10_000)
    return context, page


@pytest.fixture
def desktop(browser):
    context, page = _page(browser, DESKTOP, "en-GB")
    yield page
    context.close()


@pytest.fixture
def page_vi(browser):
    """A browser that prefers Vietnamese and runs no JavaScript at all."""
    context, page = _page(browser, DESKTOP, "vi-VN", javascript=False)
    yield page
    context.close()


@pytest.fixture
def phone(browser):
    context, page = _page(browser, PHONE, "vi-VN")
    yield page
    context.close()


def screenshot(page, name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
