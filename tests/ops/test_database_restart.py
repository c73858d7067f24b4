"""PostgreSQL restarts while gunicorn serves: only 200 or a clean 503, then 200 without a restart."""

import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request

from tests.conftest import ROOT
from tests.ops.cluster import app_env, wait_until
from tests.ports import free_port

PORT = free_port()
BASE = f"http://127.0.0.1:{PORT}"
HOSTS = "archive.example.org,127.0.0.1"  # the health check sends the first as Host
URLS = ["/", "/search/?q=an+ninh", "/api/v1/articles", "/api/v1/search?q=an+ninh", "/readyz"]


def fetch(path: str) -> tuple[int, str, str]:
    try:
        with urllib.request.urlopen(BASE + path, timeout=5) as response:
            return response.status, response.headers.get("Content-Type", ""), ""
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Content-Type", ""), error.read().decode()
    except OSError as error:  # refused, reset or timed out: never acceptable once started
        return 0, "", str(error)


def test_database_restart_gives_503_then_recovers(cluster):
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "archive.wsgi:application",
            "--bind",
            f"127.0.0.1:{PORT}",
            "--workers",
            "2",
            "--timeout",
            "20",
        ],
        cwd=ROOT,
        env={**app_env(), "ALLOWED_HOSTS": HOSTS},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    seen: list[tuple[str, int, str, str]] = []
    stop = threading.Event()

    def traffic():
        while not stop.is_set() and len(seen) < 5000:
            for path in URLS:
                status, kind, body = fetch(path)
                seen.append((path, status, kind, body))
            time.sleep(0.02)

    try:
        assert wait_until(lambda: _ok("/healthz"), 15), "gunicorn did not start"
        assert all(fetch(path)[0] == 200 for path in URLS)
        worker = threading.Thread(target=traffic, daemon=True)
        worker.start()
        time.sleep(0.5)
        cluster.stop("fast")
        time.sleep(1.5)
        during = [fetch(path) for path in URLS]
        assert fetch("/healthz")[0] == 200  # the process is up; orchestrators keep it
        assert container_healthcheck() == 0
        cluster.start()
        assert wait_until(lambda: all(fetch(path)[0] == 200 for path in URLS), 15)
        time.sleep(0.3)
        stop.set()
        worker.join(timeout=10)
    finally:
        stop.set()
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=10)

    assert [status for status, _, _ in during] == [503] * len(URLS)
    page, api = during[0], during[2]
    assert "text/html" in page[1] and "site.css" in page[2]
    assert api[1] == "application/json" and '"code": "unavailable"' in api[2]
    statuses = {status for _, status, _, _ in seen}
    assert statuses <= {200, 503}, [(p, s) for p, s, _, _ in seen if s not in {200, 503}]
    assert 503 in statuses and seen[-1][1] == 200


def container_healthcheck() -> int:
    """The Docker HEALTHCHECK command, pointed at this server."""
    env = {**app_env(PORT=str(PORT)), "ALLOWED_HOSTS": HOSTS}
    command = [sys.executable, "-m", "archive.site.healthcheck"]
    return subprocess.run(command, cwd=ROOT, env=env, timeout=10).returncode


def _ok(path: str) -> bool:
    return fetch(path)[0] == 200
