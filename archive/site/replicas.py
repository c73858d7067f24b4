"""Which read replicas may serve a read now: each one's state and lag, checked briefly and cached.

A replica is checked at most every REPLICA_CHECK_SECONDS per process (one short query; a
replica found down is tried again after five times that), so a request costs nothing extra
most of the time and a dead replica costs at most one failed connection (REPLICA_CONNECT_TIMEOUT)
per retry.

Lag is measured against the primary's WAL position, not the replica's last replay timestamp
(after an idle hour that timestamp is an hour old although nothing is missing). Each process
keeps a short history of (time, primary LSN) samples, taken at every check and every write:
a replica whose replayed position is below a sample taken at time t misses WAL that existed at
t, so it lags by at least now - t. A replica that replayed everything the primary had written
at the last sample lags 0.
"""

import contextlib
import threading
import time
from dataclasses import dataclass

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections

OK, LAGGING, DOWN, NOT_REPLICA = "ok", "lagging", "down", "not_a_replica"
HISTORY = 512  # primary LSN samples kept per process
DOWN_BACKOFF = 5  # a replica found down is checked again after this many check intervals


def lsn_parse(text: str) -> int:
    """PostgreSQL's '16/B374D848' as one integer (WAL byte position); ValueError if malformed."""
    high, sep, low = text.strip().partition("/")
    if not sep or len(high) > 8 or len(low) > 8:
        raise ValueError(f"not an LSN: {text!r}")
    return (int(high, 16) << 32) | int(low, 16)


def lsn_format(lsn: int) -> str:
    return f"{lsn >> 32:X}/{lsn & 0xFFFFFFFF:X}"


@dataclass(frozen=True)
class ReplicaState:
    alias: str
    state: str  # OK, LAGGING, DOWN or NOT_REPLICA
    lag: float | None = None  # seconds behind the primary; None when unknown
    replay_lsn: int | None = None  # the WAL position it has replayed
    detail: str = ""
    checked: float = 0.0  # time.monotonic() of the check

    def as_json(self) -> dict:
        data = {
            "state": self.state,
            "lag_seconds": None if self.lag is None else round(self.lag, 3),
        }
        if self.replay_lsn is not None:
            data["replay_lsn"] = lsn_format(self.replay_lsn)
        if self.detail:
            data["detail"] = self.detail
        return data


_lock = threading.Lock()
_states: dict[str, ReplicaState] = {}
_history: list[tuple[float, int]] = []  # (monotonic time, primary LSN), LSNs increasing


def replica_aliases() -> list[str]:
    return [alias for alias in settings.DATABASES if alias != DEFAULT_DB_ALIAS]


def primary_lsn_note(lsn: int, at: float | None = None) -> None:
    """Remember that the primary had written up to `lsn` at `at` (monotonic; now by default)."""
    at = time.monotonic() if at is None else at
    with _lock:
        if not _history or lsn > _history[-1][1]:
            _history.append((at, lsn))
            del _history[:-HISTORY]


def lag_seconds(replay_lsn: int, now: float | None = None) -> float:
    """How long the replica has been missing WAL that the primary had: 0 when it has all of it."""
    now = time.monotonic() if now is None else now
    with _lock:
        for at, lsn in _history:
            if lsn > replay_lsn:
                return max(now - at, 0.0)
    return 0.0


def _first_line(exc: Exception) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]


def primary_lsn() -> int | None:
    """The primary's current WAL position, noted in the history; None if it does not answer."""
    try:
        with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
            # The insert position, not pg_current_wal_lsn() (the write position): with
            # synchronous_commit off a transaction's commit record may not be written yet
            # when its answer leaves, and a writer pinned below it could miss its write.
            cursor.execute("SELECT pg_current_wal_insert_lsn()::text")
            lsn = lsn_parse(cursor.fetchone()[0])
    except DatabaseError:
        return None
    primary_lsn_note(lsn)
    return lsn


def replica_check(alias: str) -> ReplicaState:
    """Ask the replica what it has replayed (one query), measure its lag, cache the result."""
    primary_lsn()
    now = time.monotonic()
    connection = connections[alias]
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_is_in_recovery(), pg_last_wal_replay_lsn()::text")
            in_recovery, replayed = cursor.fetchone()
    except DatabaseError as exc:
        with contextlib.suppress(DatabaseError):
            connection.close()  # the next check (or read) opens a fresh connection
        state = ReplicaState(alias, DOWN, detail=_first_line(exc), checked=now)
    else:
        if not in_recovery or replayed is None:
            # Promoted, or pointed at a primary by mistake: its lag cannot be measured.
            state = ReplicaState(alias, NOT_REPLICA, detail="not in recovery", checked=now)
        else:
            replay_lsn = lsn_parse(replayed)
            lag = lag_seconds(replay_lsn, now)
            healthy = lag <= settings.REPLICA_MAX_LAG
            state = ReplicaState(alias, OK if healthy else LAGGING, lag, replay_lsn, checked=now)
    with _lock:
        _states[alias] = state
    return state


def replica_mark_down(alias: str, exc: Exception) -> None:
    """A read on `alias` failed: skip it until its next check."""
    with contextlib.suppress(DatabaseError):
        connections[alias].close()
    with _lock:
        _states[alias] = ReplicaState(
            alias, DOWN, detail=_first_line(exc), checked=time.monotonic()
        )


def replica_state(alias: str) -> ReplicaState:
    """The cached state of `alias`, checked again when older than its interval."""
    with _lock:
        cached = _states.get(alias)
    interval = settings.REPLICA_CHECK_SECONDS
    if cached is not None:
        age = time.monotonic() - cached.checked
        if age < (interval * DOWN_BACKOFF if cached.state == DOWN else interval):
            return cached
    return replica_check(alias)


def replicas_usable(*, min_lsn: int | None = None) -> list[str]:
    """Replicas fit to serve a read now: answering, within REPLICA_MAX_LAG, and, for a client
    that wrote (`min_lsn`), holding its write (the cached replayed position only grows)."""
    usable = []
    for alias in replica_aliases():
        state = replica_state(alias)
        if state.state != OK:
            continue
        if min_lsn is not None and (state.replay_lsn is None or state.replay_lsn < min_lsn):
            continue
        usable.append(alias)
    return usable


def replicas_report() -> dict:
    """Each replica checked now, for /readyz."""
    return {alias: replica_check(alias).as_json() for alias in replica_aliases()}


def reset() -> None:
    """Forget every state and sample (tests)."""
    with _lock:
        _states.clear()
        _history.clear()
