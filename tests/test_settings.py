"""Settings from the environment, and one clear line when PostgreSQL is unreachable."""

import os
import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from archive.site.env import database_from_url, env_bool, redact
from tests.conftest import ROOT


def test_database_url_is_parsed():
    db = database_from_url("postgres://user:p%40ss@db.example:6543/archive?sslmode=require")
    assert db["NAME"] == "archive"
    assert (db["USER"], db["PASSWORD"], db["HOST"], db["PORT"]) == (
        "user",
        "p@ss",
        "db.example",
        "6543",
    )
    assert db["OPTIONS"] == {"sslmode": "require"}


@pytest.mark.parametrize("url", ["mysql://x/y", "postgres://host/"])
def test_bad_database_urls_are_refused(url):
    with pytest.raises(ImproperlyConfigured):
        database_from_url(url)


def test_passwords_are_redacted():
    assert redact("postgres://u:secret@h/db") == "postgres://u:***@h/db"


def test_booleans(monkeypatch):
    monkeypatch.setenv("X_FLAG", "yes")
    assert env_bool("X_FLAG") is True
    monkeypatch.setenv("X_FLAG", "maybe")
    with pytest.raises(ImproperlyConfigured):
        env_bool("X_FLAG")


def run_manage(*args, **env):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_unreachable_database_is_one_clear_line():
    result = run_manage(
        "migrate",
        DATABASE_URL="postgres://postgres:hunter2@127.0.0.1:1/cyberarchive",
        SECRET_KEY="x",
        DJANGO_SETTINGS_MODULE="archive.settings",
    )
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "postgres://postgres:***@127.0.0.1:1/cyberarchive" in lines[0]
    assert "hunter2" not in result.stderr
    assert "Traceback" not in result.stderr


def test_production_needs_a_secret_key():
    env = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG"}}
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env={**env, "DJANGO_SETTINGS_MODULE": "archive.settings", "ENV_FILE": "/nonexistent"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr
