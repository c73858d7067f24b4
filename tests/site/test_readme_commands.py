"""Every command the README shows works as written after `make run` (a slow, end-to-end test).

The README's ```sh blocks are read, not copied: a command added there is run here. They run in
order in one bash session (so `API=...` and `H=(...)` carry over), with `python` being the bare
interpreter (no virtualenv: manage.py must find the checkout's own), against gunicorn on a
database set up by the README's own `manage.py` steps. Only the placeholders a reader fills in
are filled in (PLACEHOLDERS), and the commands that cannot run here say why (SKIPPED).
"""

import os
import re
import shlex
import socket
import subprocess
import sys
import time
import urllib.request

import pytest
from django.conf import settings
from django.db import connection

from archive.site.env import url_from_database
from tests.conftest import ROOT, SEED_000

pytestmark = [pytest.mark.slow]

README = ROOT / "README.md"
GUNICORN = [sys.executable, "-m", "gunicorn", "archive.wsgi:application", "--workers", "1"]

# Commands that cannot run inside the test suite, each with the test that covers it instead.
SKIPPED = {
    "make run": "this test is the check of what `make run` leaves behind",
    "make test": "this test runs inside `make test`",
    "docker compose": "no Docker here; tests/ops/test_deployment_files.py checks the files",
    "DEBUG=1 python manage.py benchmark": "hours at 100,000 articles; tests/bench/test_benchmark.py",
    "python manage.py benchmark --articles 20000": "an hour at 20,000; tests/bench/test_benchmark.py",
    "python manage.py benchmark --articles 100000": (
        "minutes at 100,000 articles; tests/bench/test_benchmark.py"
    ),
    "DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench100k": (
        "times the charts on the skipped 100,000-article build; tests/charts/test_aggregates.py"
    ),
    "python manage.py capture https://example.vn/": (
        "example.vn stands for a real site, unreachable here; tests/collect/test_crawl.py runs "
        "`capture` against a fixture site"
    ),
    "python manage.py crawl https://example.vn/": (
        "example.vn stands for a real site; tests/collect/test_crawl.py crawls a fixture site"
    ),
    "DATABASE_URL=postgres://postgres@127.0.0.1:5432/h21bench20k": (
        "reads the skipped 20,000-article build; tests/search/test_tiers.py checks the same "
        "figures (served top = ranking every match) on a planted corpus"
    ),
    "python manage.py worker": "runs until stopped; tests/collect/test_worker.py runs workers",
    "DATABASE_URL=postgres://postgres@127.0.0.1:5432/scratch python -m tests.collect.throughput": (
        "a timed run of minutes on its own database; tests/collect/test_worker.py runs the jobs"
    ),
    "python manage.py generate_captures 10000": "minutes; tests/ingest covers the bulk path",
    "time python manage.py ingest /tmp/captures": "follows the skipped generate_captures",
    "python manage.py restore": "needs an empty database; tests/ops/test_backup.py",
    "python manage.py backup /backups": "writes outside the checkout; tests/ops/test_backup.py",
}


def readme_commands() -> list[str]:
    """Each shell command of the README's sh blocks, continuation lines and multi-line quotes
    joined."""
    commands = []
    for block in re.findall(r"```sh\n(.*?)```", README.read_text(encoding="utf-8"), re.S):
        pending = ""
        for line in block.splitlines():
            pending = f"{pending}\n{line}" if pending else line
            if pending.endswith("\\"):
                continue
            try:
                shlex.split(pending, comments=True)
            except ValueError:  # a quote still open: the command goes on
                continue
            if pending.strip() and not pending.strip().startswith("#"):
                commands.append(pending.strip())
            pending = ""
    return commands


def skipped(command: str) -> str | None:
    return next((why for prefix, why in SKIPPED.items() if command.startswith(prefix)), None)


def test_the_readme_commands_are_found():
    commands = readme_commands()
    assert commands[:2] == [
        "make run    # set up (virtualenv, install, database, migrations, entities, seeds) "
        "and serve at http://127.0.0.1:8000",
        "make test   # lint, migration check and the whole test suite against real PostgreSQL",
    ]
    assert any(c.startswith("python manage.py apikey list") for c in commands)
    assert any('"kind": "conference"' in c for c in commands)  # a quote over three lines


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def readme_site(tmp_path, django_db_blocker):
    """A fresh database set up as `make run` does, gunicorn serving it, and a working directory
    holding manage.py and seeds/ (links into the checkout) plus the reader's capture.txt."""
    name = f"{connection.settings_dict['NAME']}_readme"
    db = settings.DATABASES["default"]
    with django_db_blocker.unblock(), connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
    (tmp_path / "manage.py").symlink_to(ROOT / "manage.py")
    (tmp_path / "seeds").symlink_to(ROOT / "seeds")
    (tmp_path / "capture.txt").write_bytes(SEED_000.read_bytes())
    bare = tmp_path / "bin"
    bare.mkdir()
    (bare / "python").symlink_to(sys._base_executable)
    env = {key: value for key, value in os.environ.items() if key not in {"VIRTUAL_ENV", "DEBUG"}}
    env.update(
        PATH=f"{bare}:{env['PATH']}",
        DATABASE_URL=url_from_database(db, name),
        SECRET_KEY="readme-test-key",
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_COOKIES="0",
        DJANGO_SETTINGS_MODULE="archive.settings",
    )
    for step in ["createdb", "migrate --no-input", "load_entities", "ingest seeds/"]:
        subprocess.run(
            f"python manage.py {step}", shell=True, cwd=tmp_path, env=env, check=True, timeout=300
        )
    port = free_port()
    server = subprocess.Popen(
        [*GUNICORN, "--bind", f"127.0.0.1:{port}", "--log-level", "warning"],
        cwd=ROOT,
        env=env,
    )
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1)
                break
            except OSError:
                time.sleep(0.2)
        yield tmp_path, env, port
    finally:
        server.terminate()
        server.wait(timeout=30)
        with django_db_blocker.unblock(), connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_every_readme_command_works_as_written(readme_site, seed_000):
    cwd, env, port = readme_site
    etag = urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v1/articles", timeout=30)
    etag = etag.headers["ETag"]
    placeholders = {
        "http://127.0.0.1:8000": f"http://127.0.0.1:{port}",
        "<etag>": etag.strip('"'),
        "<slug>": seed_000.slug,
    }
    lines = [
        'curl() { command curl --fail-with-body --silent --show-error "$@"; }',
        # The reader pastes the key that `apikey create` printed.
        "KEY=$(python manage.py apikey create readme-reader | grep -o '[A-Za-z0-9_-]\\{30,\\}')",
        'test -n "$KEY"',
    ]
    ran = []
    for number, command in enumerate(readme_commands()):
        if skipped(command):
            continue
        for placeholder, value in placeholders.items():
            command = command.replace(placeholder, value)
        ran.append(command)
        lines.append(
            f"{command} >/dev/null || {{ echo 'FAILED {number}: '{shlex.quote(command)}; exit 1; }}"
        )
    done = subprocess.run(
        ["bash", "-c", "\n".join(lines)],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert len(ran) >= 30
    assert any(c.startswith("python manage.py apikey list") for c in ran)
