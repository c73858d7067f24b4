"""DATABASES from the environment: the primary, its read replicas, and connection poolers.

- `DATABASE_URL`: the primary ("default"), which takes every write.
- `DATABASE_REPLICA_URLS`: comma-separated streaming replicas, aliases `replica_1`,
  `replica_2`, ... in that order; `archive.site.routers` sends the reads of pages, search and
  the read API to a healthy one.
- A URL ending in `?pgbouncer=1` (or every URL when `DATABASE_POOLER=1`) goes through PgBouncer
  in transaction mode, where consecutive transactions of one client may run on different server
  connections, so nothing may outlive a transaction:
  - no server-side cursors (Django declares them WITH HOLD in autocommit: the NDJSON export
    and `.iterator()` would find theirs gone on the next fetch);
  - no prepared statements (psycopg prepares a query after 5 runs on a connection; PgBouncer
    1.18, Debian's, does not carry them between server connections);
  - no `options` startup parameter (PgBouncer 1.18 refuses unknown startup parameters with
    "unsupported startup parameter"): put `jit=off` in PgBouncer's `connect_query` or on the
    database (`ALTER DATABASE ... SET jit = off`).
  The archive's own SQL keeps no other session state: the one `set_config` (search/entities.py)
  and the collector's per-host advisory lock (archive/collect/politeness.py) are
  transaction-level; there are no temporary tables. The job workers' LISTEN for new jobs
  (procrastinate) needs a session: through PgBouncer they fall back to polling, so give them
  the primary's own URL.
"""

import os

from django.core.exceptions import ImproperlyConfigured

from archive.site.env import FALSE, TRUE, database_from_url, env_bool, env_list

PRIMARY = "default"
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/cyberarchive"
REPLICA_PREFIX = "replica_"
POOLER_FLAGS = ("pgbouncer", "pooler")
# No JIT compilation for the site's queries: they are short, and compiling a plan whose cost
# estimate crosses jit_above_cost (an aggregate over a large archive) adds tens to hundreds of
# milliseconds (113 ms measured on one plan). A DATABASE_URL ?options=... replaces this.
NO_JIT = "-c jit=off"


def _pooled(options: dict, url: str, default: bool) -> bool:
    """Whether the URL asks for pooler settings (?pgbouncer=1), removing the flag from the
    options that psycopg receives (libpq knows no such parameter)."""
    pooled = default
    for flag in POOLER_FLAGS:
        if flag in options:
            value = options.pop(flag).strip().lower()
            if value not in TRUE | FALSE:
                raise ImproperlyConfigured(f"?{flag}={value!r} in {url!r} is not 1 or 0")
            pooled = value in TRUE
    return pooled


def database_entry(
    url: str, *, conn_max_age: int, pooler: bool = False, connect_timeout: int | None = None
) -> dict:
    """One DATABASES entry for `url`, with the pooler's constraints when it goes through one."""
    entry = database_from_url(url)
    options = entry["OPTIONS"]
    pooled = _pooled(options, url, pooler)
    entry.update(CONN_MAX_AGE=conn_max_age, CONN_HEALTH_CHECKS=True)
    if connect_timeout is not None:
        options.setdefault("connect_timeout", str(connect_timeout))
    if pooled:
        entry["DISABLE_SERVER_SIDE_CURSORS"] = True
        options["prepare_threshold"] = None
    else:
        options.setdefault("options", NO_JIT)
    return entry


def databases_from_env(url: str | None = None) -> dict:
    """The primary at `url` (default: DATABASE_URL) and one `replica_N` per URL in
    DATABASE_REPLICA_URLS."""
    conn_max_age = int(os.environ.get("CONN_MAX_AGE", "60"))
    pooler = env_bool("DATABASE_POOLER", default=False)
    url = url or os.environ.get("DATABASE_URL", DEFAULT_URL)
    databases = {PRIMARY: database_entry(url, conn_max_age=conn_max_age, pooler=pooler)}
    # A replica that does not answer must cost a request little: it is skipped once found down.
    timeout = int(os.environ.get("REPLICA_CONNECT_TIMEOUT", "2"))
    for number, replica_url in enumerate(env_list("DATABASE_REPLICA_URLS", []), start=1):
        entry = database_entry(
            replica_url, conn_max_age=conn_max_age, pooler=pooler, connect_timeout=timeout
        )
        # The test runner creates no database on a replica (it is read-only): in tests a
        # replica alias reads the test database itself.
        entry["TEST"] = {"MIRROR": PRIMARY}
        databases[f"{REPLICA_PREFIX}{number}"] = entry
    return databases
