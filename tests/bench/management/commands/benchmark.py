"""python manage.py benchmark --articles N --queries Q --json OUT

Generates a synthetic corpus, ingests it into a fresh PostgreSQL database through the
project's bulk ingest path, loads the same corpus into SQLite FTS5 served by Datasette, then
times the same query mix over HTTP against both (gunicorn as deployed, answering
/api/v1/search with facets and highlights), interleaved, at each concurrency.
"""

import json
import os
import secrets
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psycopg
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from psycopg import sql

from tests.bench import engines, load
from tests.bench.corpus import generate
from tests.bench.queries import QUERY_MIX, engine_path, our_path, reference_path
from tests.bench.reference import datasette_start, reference_build, wait_until_up
from tests.bench.relevance import planted_articles

ROOT = Path(settings.BASE_DIR)


def _url_with_database(name: str) -> str:
    from archive.site.env import url_from_database

    return url_from_database(settings.DATABASES["default"], name)


def _admin_connection():
    db = settings.DATABASES["default"]
    return psycopg.connect(
        dbname="postgres",
        user=db["USER"] or None,
        password=db["PASSWORD"] or None,
        host=db["HOST"] or None,
        port=db["PORT"] or None,
        autocommit=True,
    )


SETTINGS = ("server_version", "shared_buffers", "work_mem", "effective_cache_size", "jit")


def _server_settings() -> dict:
    """What the figures depend on in the server's configuration, for the report."""
    with _admin_connection() as conn:
        rows = conn.execute(
            "SELECT name, current_setting(name) FROM unnest(%s::text[]) AS name", [list(SETTINGS)]
        )
        return dict(rows.fetchall())


def _rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return 0.0
    return 0.0


def _children(pid: int) -> list[int]:
    try:
        return [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


class Command(BaseCommand):
    help = "Benchmark search against Datasette over SQLite FTS5 on a synthetic corpus."

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, default=2000)
        parser.add_argument(
            "--queries", type=int, default=190, help="requests per server and concurrency"
        )
        parser.add_argument("--json", dest="json_out", help="write the figures to this file")
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--concurrency", default="1,8")
        parser.add_argument("--database", default="cyberarchive_bench")
        parser.add_argument("--port", type=int, default=8031)
        parser.add_argument("--reference-port", type=int, default=8032)
        parser.add_argument(
            "--workers", type=int, default=3, help="gunicorn workers (3, as the Dockerfile runs)"
        )
        parser.add_argument("--workdir", help="keep generated files here (default: a temp dir)")
        parser.add_argument(
            "--ingest-workers",
            type=int,
            default=0,
            help="processes for `ingest --workers` (default 0: one per CPU)",
        )
        parser.add_argument(
            "--references",
            default="datasette,fts5,tantivy",
            help="which references to time: datasette (its table view), fts5 (SQLite FTS5 "
            "ordered by bm25, served by tests/bench/engines.py), tantivy (BM25, ASCII folding)",
        )
        parser.add_argument(
            "--no-reference",
            action="store_true",
            help="time our server alone (no SQLite build, no Datasette): for sizes where the "
            "reference takes seconds a query",
        )
        parser.add_argument(
            "--no-relevance",
            action="store_true",
            help="skip comparing served pages with ranking every match (at 1,000,000 articles "
            "ranking every match takes tens of seconds a query)",
        )
        parser.add_argument(
            "--build-only",
            action="store_true",
            help="generate, ingest and build the reference, then stop (time later with --reuse)",
        )
        parser.add_argument(
            "--reuse",
            action="store_true",
            help="with --workdir: keep the database and reference built by an earlier run of "
            "the same --articles and --seed, and only time the queries",
        )

    def handle(self, **options):
        n = options["articles"]
        if n < 1:
            raise CommandError("--articles must be at least 1")
        levels = [int(c) for c in options["concurrency"].split(",") if c.strip()]
        workdir = Path(options["workdir"] or tempfile.mkdtemp(prefix="cyberarchive-bench-"))
        workdir.mkdir(parents=True, exist_ok=True)
        database_url = _url_with_database(options["database"])
        env = {
            **os.environ,
            "DATABASE_URL": database_url,
            "DJANGO_SETTINGS_MODULE": "archive.settings",
            "SECRET_KEY": secrets.token_urlsafe(32),
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DEBUG": "0",
            "SECURE_COOKIES": "0",
            # The benchmark is one client sending thousands of requests: no rate limit.
            "API_RATE_ANON": "100000000/min",
        }
        report: dict = {"articles": n, "machine": {"cores": os.cpu_count()}}

        stamp = workdir / "built.json"
        built = json.loads(stamp.read_text()) if options["reuse"] and stamp.exists() else {}
        if built.get("articles") == n and built.get("seed") == options["seed"]:
            self.stdout.write(f"1-3/4 reusing the database and reference built in {workdir}")
            self._manage(env, "migrate", "--no-input", "--verbosity", "0")
            report.update(built["report"])
        else:
            self._build(report, options, env, workdir)
            stamp.write_text(
                json.dumps({"articles": n, "seed": options["seed"], "report": report}) + "\n"
            )
        references = [] if options["no_reference"] else options["references"].split(",")
        self._plant(env, workdir, n, options["seed"])
        self._engines(report, options, workdir, [r for r in references if r in engines.ENGINES])
        report["postgres"] = _server_settings()  # as the queries are timed
        reference_db = workdir / "reference.db"
        if options["build_only"]:
            self.stdout.write(f"built in {workdir}: time it with --reuse --workdir {workdir}")
            return

        self.stdout.write("4/4 timing the query mix")
        ours = self._gunicorn(env, options["port"], options["workers"])
        servers = [ours]
        bases = {}
        try:
            for offset, name in enumerate(references):
                port = options["reference_port"] + offset
                if name == "datasette":
                    servers.append(datasette_start(reference_db, port))
                else:
                    servers.append(self._engine_start(name, workdir, port))
                bases[name] = f"http://127.0.0.1:{port}"
            report.update(self._measure(options, levels, ours.pid, bases))
        finally:
            for process in servers:
                process.terminate()
                process.wait(timeout=30)
        if not options["no_relevance"]:
            self.stdout.write("relevance: served pages against ranking every match")
            relevance = workdir / "relevance.json"
            self._manage(env, "search_relevance", "--json", str(relevance))
            report["relevance"] = json.loads(relevance.read_text())
        self._print(report, levels)
        if options["json_out"]:
            Path(options["json_out"]).write_text(json.dumps(report, indent=2) + "\n")
            self.stdout.write(f"wrote {options['json_out']}")

    # -- steps ---------------------------------------------------------------------------

    def _build(self, report: dict, options: dict, env: dict, workdir: Path) -> None:
        n = options["articles"]
        self.stdout.write(f"1/4 generating {n} articles and a fresh database {options['database']}")
        self._fresh_database(options["database"])
        self._manage(env, "migrate", "--no-input", "--verbosity", "0")
        self._manage(env, "load_entities")

        self.stdout.write("2/4 ingesting through the bulk path")
        report.update(self._ingest(env, workdir, n, options["seed"], options["ingest_workers"]))
        started = time.perf_counter()
        with psycopg.connect(_url_with_database(options["database"]), autocommit=True) as conn:
            conn.execute("VACUUM ANALYZE")  # what autovacuum would do soon after a bulk load
        report["vacuum_analyze_s"] = round(time.perf_counter() - started, 1)
        report.update(self._sizes(options["database"]))
        self.stdout.write(
            f"    {report['ingest_per_s']:.0f} articles/s; "
            f"database {report['database_mb']:.0f} MB, "
            f"search index {report['search_index_mb']:.1f} MB"
        )

        if options["no_reference"]:
            return
        self.stdout.write("3/4 building the reference (SQLite FTS5 + Datasette)")
        started = time.perf_counter()
        reference_db = workdir / "reference.db"
        reference_build(reference_db, generate(n, seed=options["seed"]))
        report["reference_build_s"] = round(time.perf_counter() - started, 1)

    def _plant(self, env: dict, workdir: Path, n: int, seed: int) -> None:
        """Ten old short articles about exactly a broad query (tests/bench/relevance.py),
        ingested after the corpus (again: unchanged captures are skipped)."""
        folder = workdir / "planted"
        folder.mkdir(exist_ok=True)
        like = next(iter(generate(1, seed=seed)))
        for article in planted_articles(n + 1, like):
            (folder / f"{article.number:07d}.txt").write_text(article.as_capture(), "utf-8")
        self._manage(env, "ingest", "--no-progress", str(folder))

    def _engines(self, report: dict, options: dict, workdir: Path, names: list[str]) -> None:
        """Build the FTS5 (bm25) and tantivy references, once per corpus, planted included."""
        n, seed = options["articles"], options["seed"]
        like = next(iter(generate(1, seed=seed)))
        for name in names:
            stamp = workdir / f"{name}.json"
            wanted = {"articles": n, "seed": seed}
            if stamp.exists() and json.loads(stamp.read_text()).get("corpus") == wanted:
                report[f"{name}_build_s"] = json.loads(stamp.read_text())["build_s"]
                continue
            self.stdout.write(f"    building the {name} reference")
            started = time.perf_counter()
            corpus = [*generate(n, seed=seed), *planted_articles(n + 1, like)]
            build = engines.fts5_build if name == "fts5" else engines.tantivy_build
            build(workdir / engines.PATHS[name], corpus)
            elapsed = round(time.perf_counter() - started, 1)
            stamp.write_text(json.dumps({"corpus": wanted, "build_s": elapsed}))
            report[f"{name}_build_s"] = elapsed

    def _engine_start(self, name: str, workdir: Path, port: int) -> subprocess.Popen:
        path = str(workdir / engines.PATHS[name])
        process = subprocess.Popen(
            [sys.executable, "-m", "tests.bench.engines", name, path, str(port)],
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_until_up(f"http://127.0.0.1:{port}/up", process)
        return process

    def _fresh_database(self, name: str) -> None:
        if name == settings.DATABASES["default"]["NAME"]:
            raise CommandError("--database must not be the archive's own database")
        with _admin_connection() as conn:
            conn.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))

    def _manage(self, env: dict, *args: str) -> None:
        result = subprocess.run(
            [sys.executable, str(ROOT / "manage.py"), *args],
            env=env,
            capture_output=True,
            text=True,
        )
        if result.returncode != 0:
            raise CommandError(
                f"manage.py {' '.join(args)} failed: {result.stderr.strip()[-2000:]}"
            )

    def _ingest(self, env: dict, workdir: Path, n: int, seed: int, workers: int) -> dict:
        captures = workdir / "captures"
        captures.mkdir(exist_ok=True)
        done = workdir / "captures.json"  # written once every capture is: the same corpus again
        if not done.exists() or json.loads(done.read_text()) != {"articles": n, "seed": seed}:
            for article in generate(n, seed=seed):
                folder = captures / f"{article.number // 1000:04d}"
                folder.mkdir(exist_ok=True)
                (folder / f"{article.number:07d}.txt").write_text(article.as_capture(), "utf-8")
            done.write_text(json.dumps({"articles": n, "seed": seed}))
        started = time.perf_counter()
        self._manage(env, "ingest", "--no-progress", "--workers", str(workers), str(captures))
        elapsed = time.perf_counter() - started
        return {"ingest_s": round(elapsed, 1), "ingest_per_s": round(n / elapsed, 1)}

    def _sizes(self, name: str) -> dict:
        with _admin_connection() as conn:
            database = conn.execute("SELECT pg_database_size(%s)", [name]).fetchone()[0]
        with psycopg.connect(_url_with_database(name)) as conn:
            index = conn.execute("SELECT pg_relation_size('article_search_gin')").fetchone()[0]
            table = conn.execute("SELECT pg_total_relation_size('archive_article')").fetchone()[0]
        mb = 1024 * 1024
        return {
            "database_mb": round(database / mb, 1),
            "articles_table_mb": round(table / mb, 1),
            "search_index_mb": round(index / mb, 1),
        }

    def _gunicorn(self, env: dict, port: int, workers: int) -> subprocess.Popen:
        self._manage(env, "collectstatic", "--no-input", "--verbosity", "0")
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "archive.wsgi:application",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                str(workers),
                "--timeout",
                "120",
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_until_up(f"http://127.0.0.1:{port}/api/v1/articles?page_size=1", process)
        return process

    def _measure(self, options: dict, levels: list[int], gunicorn_pid: int, bases: dict) -> dict:
        ours = f"http://127.0.0.1:{options['port']}"
        mix_ours = [(cls, our_path(q, f)) for cls, q, f, _ in QUERY_MIX]
        mix_theirs = [(cls, reference_path("reference", q, rf)) for cls, q, _, rf in QUERY_MIX]
        mix_engine = [(cls, engine_path(q, f)) for cls, q, f, _ in QUERY_MIX]
        rounds = max(1, options["queries"] // len(QUERY_MIX))
        servers = [("search", ours, mix_ours)]
        for name, base in bases.items():
            # "reference": Datasette, under the name earlier reports gave it
            key = "reference" if name == "datasette" else name
            servers.append((key, base, mix_theirs if name == "datasette" else mix_engine))
        # Warm the servers (caches, connections) once with the whole mix.
        for _, base, mix in servers:
            load.run(base, mix, 2)
        peak_rss = 0.0
        results: dict = {}
        for level in levels:
            totals: dict = {name: {} for name, _, _ in servers}
            for round_number in range(rounds):
                order = list(servers)
                if round_number % 2:
                    order.reverse()
                for name, base, mix in order:
                    load.merge(totals[name], load.run(base, mix * max(1, level // 2), level))
                    workers = _children(gunicorn_pid)
                    peak_rss = max([peak_rss, *(_rss_mb(pid) for pid in workers)])
            results[f"c{level}"] = {
                name: {
                    "all": timings["all"].summary(),
                    "classes": {
                        label: {k: v for k, v in t.summary().items() if k != "rps"}
                        for label, t in sorted(timings.items())
                        if label != "all"
                    },
                }
                for name, timings in totals.items()
            }
        for data in results.values():
            ours_p95 = data["search"]["all"]["p95_ms"]
            ref_p95 = data.get("reference", {}).get("all", {}).get("p95_ms")
            data["p95_ratio"] = round(ours_p95 / ref_p95, 3) if ours_p95 and ref_p95 else None
            for name in ("fts5", "tantivy"):
                theirs = data.get(name, {}).get("all", {}).get("p95_ms")
                if ours_p95 and theirs:
                    data[f"p95_ratio_{name}"] = round(ours_p95 / theirs, 3)
        first = results[f"c{levels[0]}"]
        reference = first.get("reference")
        return {
            "search": first["search"]["all"],
            "reference": reference and {"name": "Datasette (SQLite FTS5)", **reference["all"]},
            "by_concurrency": results,
            "gunicorn_worker_peak_rss_mb": round(peak_rss, 1),
        }

    def _print(self, report: dict, levels: list[int]) -> None:
        self.stdout.write("")
        self.stdout.write(
            f"{report['articles']} articles · ingest {report['ingest_per_s']:.0f}/s · "
            f"database {report['database_mb']:.0f} MB · worker peak RSS "
            f"{report['gunicorn_worker_peak_rss_mb']:.0f} MB"
        )
        server = report["postgres"]
        self.stdout.write(
            f"{report['machine']['cores']} cores · PostgreSQL {server['server_version']}, "
            f"shared_buffers {server['shared_buffers']}, work_mem {server['work_mem']} "
            "(the app turns JIT off)"
        )
        header = (
            f"{'conc':>4} {'class':<16} {'ours p50':>9} {'p95':>8} {'p99':>8} "
            f"{'ref p50':>9} {'p95':>8} {'p99':>8} {'p95 ratio':>9}"
        )
        self.stdout.write(header)
        empty = {"p50_ms": None, "p95_ms": None, "p99_ms": None, "rps": 0.0}
        for level in levels:
            data = report["by_concurrency"][f"c{level}"]
            reference = data.get("reference") or {"all": empty, "classes": {}}
            classes = ["all", *sorted(data["search"]["classes"])]
            for label in classes:
                ours = data["search"]["all"] if label == "all" else data["search"]["classes"][label]
                ref = reference["all"] if label == "all" else reference["classes"].get(label, empty)
                ratio = (
                    f"{ours['p95_ms'] / ref['p95_ms']:.2f}"
                    if ours["p95_ms"] and ref["p95_ms"]
                    else "-"
                )
                cells = [
                    ours["p50_ms"], ours["p95_ms"], ours["p99_ms"],
                    ref["p50_ms"], ref["p95_ms"], ref["p99_ms"],
                ]  # fmt: skip
                widths = [9, 8, 8, 9, 8, 8]
                numbers = " ".join(f"{c or 0:>{w}.1f}" for c, w in zip(cells, widths, strict=True))
                self.stdout.write(f"{level:>4} {label:<16} {numbers} {ratio:>9}")
            self.stdout.write(
                f"{level:>4} {'throughput':<16} {data['search']['all']['rps']:>9.1f} rps"
                f"{'':>18}{reference['all']['rps']:>9.1f} rps"
            )
        self._print_engines(report, levels)

    def _print_engines(self, report: dict, levels: list[int]) -> None:
        """p50 / p95 / p99 of every server by class, and ours over each reference at p95."""
        for level in levels:
            data = report["by_concurrency"][f"c{level}"]
            names = [n for n in ("search", "reference", "fts5", "tantivy") if n in data]
            self.stdout.write(f"concurrency {level}: p50 / p95 / p99 ms ({', '.join(names)})")
            for label in ["all", *sorted(data["search"]["classes"])]:
                cells = []
                for name in names:
                    t = data[name]["all"] if label == "all" else data[name]["classes"].get(label)
                    cells.append(
                        f"{t['p50_ms'] or 0:.0f} / {t['p95_ms'] or 0:.0f} / {t['p99_ms'] or 0:.0f}"
                        if t
                        else "-"
                    )
                self.stdout.write(f"  {label:<16} " + " | ".join(f"{c:>17}" for c in cells))
        relevance = report.get("relevance")
        if relevance:
            self.stdout.write(
                f"overlap@10 with ranking every match: {relevance['overlap_at_10_mean']} "
                f"(12 common queries); planted in the top 10: {relevance['planted_in_top_10']}"
                f"/10, first: {relevance['planted_first']}; largest count error "
                f"{relevance['count_error_pct_max']} %"
            )
