"""The reference: the same corpus in SQLite FTS5, served by Datasette."""

import sqlite3
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterable
from pathlib import Path

from tests.bench.corpus import SyntheticArticle

SCHEMA = """
CREATE TABLE articles (
    id INTEGER PRIMARY KEY, title TEXT, lede TEXT, body TEXT, language TEXT,
    source TEXT, published_on TEXT, url TEXT
);
CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, lede, body, content='articles', content_rowid='id',
    tokenize='unicode61 remove_diacritics 2'
);
"""


def reference_build(path: Path, articles: Iterable[SyntheticArticle], batch: int = 5000) -> int:
    """Write the corpus to a new SQLite database with an FTS5 index; returns the row count."""
    path.unlink(missing_ok=True)
    db = sqlite3.connect(path)
    db.executescript(SCHEMA)
    rows = 0
    pending: list[tuple] = []

    def flush() -> None:
        db.executemany("INSERT INTO articles VALUES (?, ?, ?, ?, ?, ?, ?, ?)", pending)
        pending.clear()

    for article in articles:
        pending.append(
            (
                article.number,
                article.title,
                article.paragraphs[0],
                "\n\n".join(article.paragraphs[1:]),
                article.language,
                article.source,
                article.published_on.isoformat(),
                article.url,
            )
        )
        rows += 1
        if len(pending) >= batch:
            flush()
    flush()
    db.execute("INSERT INTO articles_fts(articles_fts) VALUES ('rebuild')")
    db.commit()
    db.execute("VACUUM")
    db.close()
    return rows


def datasette_start(path: Path, port: int) -> subprocess.Popen:
    """Serve the database with Datasette on 127.0.0.1:port and wait until it answers."""
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "datasette",
            "serve",
            str(path),
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--setting",
            "sql_time_limit_ms",
            "10000",
            "--setting",
            "facet_time_limit_ms",
            "1000",
            "--setting",
            "num_sql_threads",
            "8",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    wait_until_up(f"http://127.0.0.1:{port}/-/versions.json", process)
    return process


def wait_until_up(url: str, process: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode} before answering {url}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"no answer from {url} within {timeout:.0f} s")
