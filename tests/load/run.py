"""Start gunicorn on loopback, drive it with locust for a bounded time, report percentiles.

    python -m tests.load.run --seconds 30 --users 20 [--port N, default a free one] [--workers 2]

Uses DATABASE_URL (a migrated archive). Exits non-zero on any failed request (5xx included).
"""

import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from tests.ports import free_port

ROOT = Path(__file__).resolve().parent.parent.parent
BIN = Path(sys.executable).parent


def wait_for(url: str, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"gunicorn did not answer {url}")


def run_load(*, seconds: int, users: int, rate: float, port: int, workers: int) -> dict:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": os.environ.get("DJANGO_SETTINGS_MODULE", "archive.settings_test"),
        "ALLOWED_HOSTS": "127.0.0.1",
        "LOAD_RATE_PER_USER": str(rate),
    }
    host = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [
            str(BIN / "gunicorn"),
            "archive.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--timeout",
            "30",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for(host + "/healthz", 20)
        with tempfile.TemporaryDirectory() as folder:
            prefix = Path(folder) / "load"
            result = subprocess.run(
                [
                    str(BIN / "locust"),
                    "-f",
                    str(ROOT / "tests/load/locustfile.py"),
                    "--headless",
                    "--users",
                    str(users),
                    "--spawn-rate",
                    str(users),
                    "--run-time",
                    f"{seconds}s",
                    "--host",
                    host,
                    "--csv",
                    str(prefix),
                    "--only-summary",
                    "--stop-timeout",
                    "5",
                ],
                cwd=ROOT,
                env=env,
                capture_output=True,
                text=True,
                timeout=seconds + 60,
            )
            rows = list(csv.DictReader(Path(f"{prefix}_stats.csv").read_text().splitlines()))
    finally:
        server.terminate()
        server.wait(timeout=15)
    stats = {}
    for row in rows:
        stats[row["Name"]] = {
            "requests": int(row["Request Count"]),
            "failures": int(row["Failure Count"]),
            "rps": round(float(row["Requests/s"]), 1),
            **{p: float(row[p]) for p in ("50%", "95%", "99%", "100%")},
        }
    return {"exit_code": result.returncode, "stats": stats, "stderr": result.stderr[-2000:]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=30)
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--rate", type=float, default=2.0, help="requests/s per user")
    parser.add_argument("--port", type=int, default=0, help="default: a free port")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    port = args.port or free_port()
    print(f"gunicorn on 127.0.0.1:{port}, {args.users} users for {args.seconds} s")
    report = run_load(
        seconds=args.seconds, users=args.users, rate=args.rate, port=port, workers=args.workers
    )
    print(
        f"{'endpoint':32} {'requests':>8} {'fail':>5} {'req/s':>6} "
        f"{'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7} {'max ms':>7}"
    )
    for name, s in report["stats"].items():
        print(
            f"{name:32} {s['requests']:>8} {s['failures']:>5} {s['rps']:>6} {s['50%']:>7.0f} "
            f"{s['95%']:>7.0f} {s['99%']:>7.0f} {s['100%']:>7.0f}"
        )
    total = report["stats"].get("Aggregated", {})
    if report["exit_code"] != 0 or total.get("failures", 1) != 0:
        print(json.dumps(report, indent=1), file=sys.stderr)
        raise SystemExit(1)


if __name__ == "__main__":
    main()
