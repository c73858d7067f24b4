"""Time GET requests over HTTP: interleaved between servers, at a given concurrency."""

import http.client
import statistics
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from urllib.parse import urlsplit


@dataclass
class Timings:
    latencies_ms: list[float] = field(default_factory=list)
    errors: int = 0
    wall_s: float = 0.0

    def summary(self) -> dict:
        data = sorted(self.latencies_ms)
        if not data:
            return {
                "p50_ms": None,
                "p95_ms": None,
                "p99_ms": None,
                "rps": 0.0,
                "errors": self.errors,
            }

        def pct(p: float) -> float:
            return round(data[min(len(data) - 1, round(p / 100 * (len(data) - 1)))], 2)

        return {
            "p50_ms": pct(50),
            "p95_ms": pct(95),
            "p99_ms": pct(99),
            "mean_ms": round(statistics.fmean(data), 2),
            "rps": round(len(data) / self.wall_s, 1) if self.wall_s else 0.0,
            "requests": len(data),
            "errors": self.errors,
        }


_local = threading.local()


def _connection(base: str) -> http.client.HTTPConnection:
    """One keep-alive connection per thread and server."""
    connections = getattr(_local, "connections", None)
    if connections is None:
        connections = _local.connections = {}
    if base not in connections:
        parts = urlsplit(base)
        connections[base] = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
    return connections[base]


def fetch(base: str, path: str) -> tuple[float, int]:
    """(latency in ms, status) of one GET, reading the whole body."""
    started = time.perf_counter()
    for attempt in range(2):
        connection = _connection(base)
        try:
            connection.request("GET", path, headers={"Accept": "application/json"})
            response = connection.getresponse()
            response.read()
            return (time.perf_counter() - started) * 1000, response.status
        except (http.client.HTTPException, OSError):
            connection.close()
            _local.connections.pop(base, None)
            if attempt:
                raise
    raise AssertionError("unreachable")


def run(base: str, requests: list[tuple[str, str]], concurrency: int) -> dict[str, Timings]:
    """Send (query class, path) requests to one server with `concurrency` workers.

    Returns timings by query class plus "all"; wall time is this batch's, so throughput is
    requests per second of this server alone.
    """
    timings: dict[str, Timings] = {"all": Timings()}
    lock = threading.Lock()

    def one(request: tuple[str, str]) -> None:
        label, path = request
        try:
            elapsed, status = fetch(base, path)
        except (http.client.HTTPException, OSError):
            elapsed, status = None, 0
        with lock:
            for key in (label, "all"):
                timing = timings.setdefault(key, Timings())
                if status == 200 and elapsed is not None:
                    timing.latencies_ms.append(elapsed)
                else:
                    timing.errors += 1

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        list(pool.map(one, requests))
    wall = time.perf_counter() - started
    for timing in timings.values():
        timing.wall_s = wall
    return timings


def merge(into: dict[str, Timings], batch: dict[str, Timings]) -> None:
    """Add a batch's timings to the running totals (wall times add up per server)."""
    for label, timing in batch.items():
        total = into.setdefault(label, Timings())
        total.latencies_ms += timing.latencies_ms
        total.errors += timing.errors
        total.wall_s += timing.wall_s if label == "all" else 0.0
    for label in into:
        if label != "all":
            into[label].wall_s = into["all"].wall_s
