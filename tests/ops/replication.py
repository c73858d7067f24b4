"""A throwaway primary, a streaming replica of it and a PgBouncer in front of both, each on a
free port of 127.0.0.1 in a temporary folder, and gunicorn serving the archive on them.

Used by tests/ops/test_replicas.py and by the measurement in tests/ops/replica_measure.py.
Nothing here touches the shared server; `destroy()` removes every folder.
"""

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import urllib.error
import urllib.request
from pathlib import Path

import psycopg

from tests.conftest import ROOT
from tests.ops.cluster import app_env, pg_bin, wait_until
from tests.ports import free_port

DATABASE = "cyberarchive"


def _as_postgres(root: Path) -> bool:
    """initdb, postgres and pgbouncer refuse to run as root: they run as `postgres` then."""
    if os.geteuid() == 0:
        shutil.chown(root, "postgres")
        return True
    return False


def _run(as_postgres: bool, *args: str, timeout: int = 120) -> subprocess.CompletedProcess:
    command = ["runuser", "-u", "postgres", "--", *args] if as_postgres else list(args)
    return subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=True)


class Server:
    """One PostgreSQL server: a primary (`init`) or a streaming replica of one (`replicate`)."""

    def __init__(self, name: str, options: str = ""):
        self.name = name
        self.options = options
        self.port = free_port()
        self.root = Path(tempfile.mkdtemp(prefix=f"archive-{name}-"))
        self.data = self.root / "data"
        self.log = self.root / "server.log"
        self.as_postgres = _as_postgres(self.root)

    def url(self, database: str = DATABASE) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{database}"

    def run(self, *args: str, timeout: int = 120) -> subprocess.CompletedProcess:
        return _run(self.as_postgres, *args, timeout=timeout)

    def init(self) -> "Server":
        self.run(
            pg_bin("initdb"), "-D", str(self.data), "-U", "postgres", "--auth=trust",
            "-E", "UTF8", "--no-sync",
        )  # fmt: skip
        self.start()
        self.run(
            pg_bin("createdb"), "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", DATABASE
        )
        return self

    def replicate(self, primary: "Server") -> "Server":
        """A base backup of `primary` with standby.signal and primary_conninfo (-R), started."""
        self.run(
            pg_bin("pg_basebackup"), "-h", "127.0.0.1", "-p", str(primary.port), "-U", "postgres",
            "-D", str(self.data), "-R", "-X", "stream", "--checkpoint=fast", "--no-sync",
            timeout=300,
        )  # fmt: skip
        self.start()
        return self

    def start(self) -> None:
        options = (
            f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off "
            "-c synchronous_commit=off -c max_connections=60 -c hot_standby_feedback=on "
            + self.options
        )
        self.run(
            pg_bin("pg_ctl"), "-D", str(self.data), "-o", options, "-l", str(self.log), "-w",
            "start",
        )  # fmt: skip

    def stop(self, mode: str = "fast") -> None:
        self.run(pg_bin("pg_ctl"), "-D", str(self.data), "-m", mode, "-w", "stop")

    def sql(self, statement: str, params=None):
        with psycopg.connect(self.url(), autocommit=True, connect_timeout=5) as conn:
            cursor = conn.execute(statement, params)
            return cursor.fetchall() if cursor.description else []

    def destroy(self) -> None:
        with contextlib.suppress(subprocess.CalledProcessError, subprocess.TimeoutExpired):
            self.stop("immediate")
        shutil.rmtree(self.root, ignore_errors=True)


class PgBouncer:
    """PgBouncer in transaction mode: DATABASE reaches the primary, DATABASE_replica the
    replica. jit=off is set on each server connection (`connect_query`), since PgBouncer 1.18
    refuses the `options` startup parameter that carries it on a direct connection."""

    def __init__(self, primary: Server, replica: Server):
        self.port = free_port()
        self.root = Path(tempfile.mkdtemp(prefix="archive-pgbouncer-"))
        self.as_postgres = _as_postgres(self.root)
        self.pidfile = self.root / "pgbouncer.pid"
        self.log = self.root / "pgbouncer.log"
        (self.root / "userlist.txt").write_text('"postgres" ""\n')
        (self.root / "pgbouncer.ini").write_text(
            "[databases]\n"
            f"{DATABASE} = host=127.0.0.1 port={primary.port} dbname={DATABASE} "
            "connect_query='SET jit = off'\n"
            f"{DATABASE}_replica = host=127.0.0.1 port={replica.port} dbname={DATABASE} "
            "connect_query='SET jit = off'\n"
            "[pgbouncer]\n"
            f"listen_addr = 127.0.0.1\nlisten_port = {self.port}\nunix_socket_dir =\n"
            f"auth_type = trust\nauth_file = {self.root / 'userlist.txt'}\n"
            "pool_mode = transaction\nmax_client_conn = 200\ndefault_pool_size = 8\n"
            # A server found down is tried again after a second, not the default 15.
            "server_login_retry = 1\nquery_wait_timeout = 10\n"
            f"logfile = {self.log}\npidfile = {self.pidfile}\n"
        )
        for path in self.root.iterdir():
            if self.as_postgres:
                shutil.chown(path, "postgres")

    def url(self, database: str = DATABASE) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{database}?pgbouncer=1"

    def start(self) -> "PgBouncer":
        _run(self.as_postgres, "pgbouncer", "-d", str(self.root / "pgbouncer.ini"))
        assert wait_until(self.pidfile.exists, 10), "pgbouncer did not start"
        return self

    def destroy(self) -> None:
        with contextlib.suppress(OSError, ValueError):
            pid = int(self.pidfile.read_text())
            os.kill(pid, signal.SIGTERM)
            wait_until(lambda: not Path(f"/proc/{pid}").exists(), 10)
        shutil.rmtree(self.root, ignore_errors=True)


class Site:
    """gunicorn serving the archive on `url` (the primary) and `replica_urls`."""

    def __init__(self, url: str, replica_urls: list[str], workers: int = 2, **settings: str):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.url = url
        env = app_env(url, **settings)
        env["DATABASE_REPLICA_URLS"] = ",".join(replica_urls)
        self.log = tempfile.TemporaryFile()  # noqa: SIM115 - read until stop()
        self.process = subprocess.Popen(
            [
                sys.executable, "-m", "gunicorn", "archive.wsgi:application",
                "--bind", f"127.0.0.1:{self.port}", "--workers", str(workers), "--timeout", "60",
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=self.log,
        )  # fmt: skip
        if not wait_until(lambda: self.get("/healthz")[0] == 200, 30):
            self.stop()
            raise RuntimeError(f"gunicorn did not start: {self.errors()}")

    def request(
        self, method: str, path: str, *, body: bytes | None = None, headers: dict | None = None
    ) -> tuple[int, dict, str]:
        request = urllib.request.Request(
            self.base + path, data=body, method=method, headers=headers or {}
        )
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return response.status, dict(response.headers), response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, dict(error.headers), error.read().decode()
        except OSError as error:  # refused, reset, timed out
            return 0, {}, str(error)

    def get(self, path: str, **headers: str) -> tuple[int, dict, str]:
        return self.request("GET", path, headers=headers)

    def errors(self) -> str:
        self.log.seek(0)
        return self.log.read().decode(errors="replace")[-3000:]

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)
        self.log.close()


def manage(url: str, *args: str, timeout: int = 600) -> subprocess.CompletedProcess:
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=app_env(url),
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if result.returncode:
        raise RuntimeError(f"manage.py {' '.join(args)}: {result.stderr[-3000:]}")
    return result


def replica_caught_up(primary: Server, replica: Server, seconds: float = 60) -> bool:
    """Wait until the replica has replayed everything the primary has written."""
    target = primary.sql("SELECT pg_current_wal_insert_lsn()")[0][0]

    def done() -> bool:
        with contextlib.suppress(psycopg.Error):
            return replica.sql("SELECT pg_last_wal_replay_lsn() >= %s::pg_lsn", [target])[0][0]
        return False

    return wait_until(done, seconds)
