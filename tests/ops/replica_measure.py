"""python -m tests.ops.replica_measure [--articles 20000] [--requests 400] [--json OUT]

On throwaway servers (tests/ops/replication.py): a primary and a streaming replica made before
the load, the benchmark's synthetic corpus ingested on the primary through the bulk path while
the replica's lag is sampled from pg_stat_replication every half second, then the search API's
requests/s at concurrency 8 (the benchmark's query mix) with the primary alone and with the
primary + the replica behind the router, alternated (A B A B) to even out a shared machine.
Everything is removed at the end.
"""

import argparse
import json
import statistics
import tempfile
import threading
import time
from pathlib import Path

from tests.bench import load
from tests.bench.corpus import generate
from tests.bench.queries import QUERY_MIX, our_path
from tests.ops.replication import Server, Site, manage, replica_caught_up

LAG_SQL = (
    "SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn), "
    "COALESCE(EXTRACT(EPOCH FROM replay_lag), 0) FROM pg_stat_replication"
)
COMMITS_SQL = "SELECT xact_commit FROM pg_stat_database WHERE datname = 'cyberarchive'"


def sample_lag(primary: Server, stop: threading.Event, into: list) -> None:
    while not stop.is_set():
        rows = primary.sql(LAG_SQL)
        if rows:
            into.append((time.monotonic(), float(rows[0][0] or 0), float(rows[0][1] or 0)))
        stop.wait(0.5)


def pct(values: list[float], p: float) -> float:
    data = sorted(values)
    return data[min(len(data) - 1, round(p / 100 * (len(data) - 1)))] if data else 0.0


def ingest_with_lag(primary: Server, replica: Server, articles: int, workdir: Path) -> dict:
    captures = workdir / "captures"
    for article in generate(articles, seed=1):
        folder = captures / f"{article.number // 1000:04d}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{article.number:07d}.txt").write_text(article.as_capture(), "utf-8")
    samples: list[tuple[float, float, float]] = []
    stop = threading.Event()
    sampler = threading.Thread(target=sample_lag, args=(primary, stop, samples), daemon=True)
    sampler.start()
    started = time.monotonic()
    manage(primary.url(), "ingest", "--no-progress", "--workers", "2", str(captures), timeout=3600)
    ingest_s = time.monotonic() - started
    assert replica_caught_up(primary, replica, 600)
    caught_up_s = time.monotonic() - started - ingest_s
    stop.set()
    sampler.join(timeout=10)
    during = [s for s in samples if s[0] <= started + ingest_s]
    mb = [b / 1024 / 1024 for _, b, _ in during]
    seconds = [s for _, _, s in during]
    return {
        "ingest_s": round(ingest_s, 1),
        "ingest_per_s": round(articles / ingest_s, 1),
        "lag_samples": len(during),
        "lag_mb_p50": round(statistics.median(mb), 2) if mb else None,
        "lag_mb_max": round(max(mb), 2) if mb else None,
        "replay_lag_s_p50": round(statistics.median(seconds), 3) if seconds else None,
        "replay_lag_s_p95": round(pct(seconds, 95), 3),
        "replay_lag_s_max": round(max(seconds), 3) if seconds else None,
        "caught_up_after_ingest_s": round(caught_up_s, 2),
    }


def search_rps(primary: Server, replica: Server, replicas: list[str], requests: int) -> dict:
    site = Site(primary.url(), replicas, workers=3)
    mix = [(label, our_path(q, f)) for label, q, f, _ in QUERY_MIX]
    try:
        load.run(site.base, mix, 2)  # warm: connections, caches
        before = primary.sql(COMMITS_SQL)[0][0], replica.sql(COMMITS_SQL)[0][0]
        batch = (mix * (requests // len(mix) + 1))[:requests]
        summary = load.run(site.base, batch, 8)["all"].summary()
        after = primary.sql(COMMITS_SQL)[0][0], replica.sql(COMMITS_SQL)[0][0]
    finally:
        site.stop()
    summary["transactions"] = {"primary": after[0] - before[0], "replica": after[1] - before[1]}
    return summary


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=20_000)
    parser.add_argument("--requests", type=int, default=400, help="per run, concurrency 8")
    parser.add_argument("--json", dest="json_out")
    options = parser.parse_args()
    made: list = []
    report: dict = {"articles": options.articles}
    try:
        primary = Server("primary", options="-c shared_buffers=1GB")
        made.append(primary)
        primary.init()
        manage(primary.url(), "migrate", "--no-input")
        manage(primary.url(), "load_entities")
        replica = Server("replica", options="-c shared_buffers=1GB")
        made.append(replica)
        replica.replicate(primary)
        with tempfile.TemporaryDirectory(prefix="archive-measure-") as workdir:
            print(f"ingesting {options.articles} articles while sampling the replica's lag")
            report["ingest"] = ingest_with_lag(primary, replica, options.articles, Path(workdir))
        print(json.dumps(report["ingest"]))
        primary.sql("VACUUM ANALYZE")
        assert replica_caught_up(primary, replica, 300)
        runs: dict = {"primary": [], "primary+replica": []}
        for _ in range(2):
            for name, replicas in (("primary", []), ("primary+replica", [replica.url()])):
                result = search_rps(primary, replica, replicas, options.requests)
                runs[name].append(result)
                print(name, json.dumps(result))
        report["search_c8"] = runs
    finally:
        for server in reversed(made):
            server.destroy()
    print(json.dumps(report, indent=2))
    if options.json_out:
        Path(options.json_out).write_text(json.dumps(report, indent=2) + "\n")


if __name__ == "__main__":
    main()
