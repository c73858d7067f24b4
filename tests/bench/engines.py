"""Two references used well, on the same corpus and queries as our search: SQLite FTS5 ordered
by bm25 and tantivy (BM25, an ASCII-folding analyzer). Each answers what our search API
answers for a page: 20 results ranked over every match, highlighted snippets for those 20, the
count and two facets (source, language). Both rank every match.

Served over HTTP by the standard library's threading server, one process each:

    python -m tests.bench.engines fts5 PATH PORT
    python -m tests.bench.engines tantivy PATH PORT

`GET /search?q=…&language=…&published_after=…&source=…` → JSON
{count, items: [{id, title, snippet}], facets: {source: {…}, language: {…}}}.
"""

import json
import re
import sqlite3
import sys
import threading
import unicodedata
from collections.abc import Iterable
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from tests.bench.corpus import SyntheticArticle

PAGE = 20
WORD = re.compile(r"[^\W_]+")
TOKEN = re.compile(r'-?"[^"]*"?|\S+')


def clauses(q: str) -> list[tuple[str, list[str]]]:
    """The query as (kind, words): kind "and" (a word), "phrase", "or" (alternatives: each a
    list of words) or "not": the web-search syntax of our own parser, in the small."""
    out: list[tuple[str, list]] = []
    pending_or = False
    excluding = False  # an unquoted "-" takes the words after it up to a quote, OR or "-"
    for token in TOKEN.findall(unicodedata.normalize("NFC", q)):
        if token == "OR":
            pending_or, excluding = bool(out) and not excluding, False
            continue
        negative = token.startswith("-")
        words = WORD.findall(token)
        if not words:
            continue
        if excluding and not negative and not token.startswith('"'):
            out[-1][1].extend(words)
            continue
        excluding = False
        if negative:
            out.append(("not", words))
            excluding = not token.startswith('-"')
            pending_or = False
            continue
        unit = words if token.lstrip("-").startswith('"') else None
        items = [unit] if unit else [[w] for w in words]
        for item in items:
            if pending_or and out and out[-1][0] in ("and", "phrase", "or"):
                kind, previous = out.pop()
                alternatives = previous if kind == "or" else [previous]
                out.append(("or", [*alternatives, item]))
                pending_or = False
            else:
                out.append(("phrase" if len(item) > 1 else "and", item))
    return out


# -- SQLite FTS5 ---------------------------------------------------------------------------

FTS5_SCHEMA = """
CREATE TABLE articles (
    id INTEGER PRIMARY KEY, title TEXT, lede TEXT, body TEXT, language TEXT,
    source TEXT, published_on TEXT
);
CREATE INDEX articles_source ON articles (source);
CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, lede, body, content='articles', content_rowid='id',
    tokenize='unicode61 remove_diacritics 2'
);
"""


def _d(text: str) -> str:
    """unicode61's remove_diacritics folds combining marks, not the letter đ: fold it on both
    sides (the text indexed and the query), as our `vietnamese` configuration and tantivy's
    ASCII folding do. (Snippets then show "d" for "đ".)"""
    return text.replace("đ", "d").replace("Đ", "D")


def _rows(articles: Iterable[SyntheticArticle]):
    for a in articles:
        yield (
            a.number,
            _d(a.title),
            _d(a.paragraphs[0]),
            _d("\n\n".join(a.paragraphs[1:])),
            a.language,
            a.source,
            a.published_on.isoformat(),
        )


def fts5_build(path: Path, articles: Iterable[SyntheticArticle]) -> None:
    path.unlink(missing_ok=True)
    db = sqlite3.connect(path)
    db.executescript(FTS5_SCHEMA)
    db.executemany("INSERT INTO articles VALUES (?, ?, ?, ?, ?, ?, ?)", _rows(articles))
    db.execute("INSERT INTO articles_fts(articles_fts) VALUES ('rebuild')")
    db.execute("INSERT INTO articles_fts(articles_fts) VALUES ('optimize')")
    db.commit()
    db.execute("VACUUM")
    db.close()


def _fts5_match(q: str) -> str:
    def phrase(words: list[str]) -> str:
        return '"' + " ".join(w.replace('"', "") for w in words) + '"'

    parts, negated = [], []
    for kind, words in clauses(q):
        if kind == "or":
            parts.append("(" + " OR ".join(phrase(w) for w in words) + ")")
        elif kind == "not":
            negated.append(phrase(words))
        else:
            parts.append(phrase(words))
    match = " AND ".join(parts) or '""'
    for n in negated:
        match = f"({match}) NOT {n}"
    return match


# bm25 weights: title, lede, body (FTS5's column order)
BM25 = "bm25(articles_fts, 10.0, 5.0, 1.0)"


class Fts5:
    def __init__(self, path: Path):
        self.path = path
        self.local = threading.local()

    def _db(self) -> sqlite3.Connection:
        db = getattr(self.local, "db", None)
        if db is None:
            db = self.local.db = sqlite3.connect(self.path, check_same_thread=False)
        return db

    def search(self, q: str, filters: dict) -> dict:
        db = self._db()
        where, params = ["articles_fts MATCH ?"], [_fts5_match(_d(q))]
        if filters.get("language"):
            where.append("a.language = ?")
            params.append(filters["language"])
        if filters.get("source"):
            where.append("a.source = ?")
            params.append(filters["source"])
        if filters.get("published_after"):
            where.append("a.published_on >= ?")
            params.append(filters["published_after"])
        hits = (
            "FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid WHERE "
            + " AND ".join(where)
        )
        top = db.execute(
            f"SELECT a.id FROM (SELECT rowid AS id FROM articles_fts WHERE articles_fts MATCH ? "
            f"ORDER BY {BM25}) t JOIN articles a ON a.id = t.id "
            f"WHERE {' AND '.join(w for w in where[1:]) or '1'} LIMIT {PAGE}",
            params,
        ).fetchall()
        ids = [row[0] for row in top]
        snippets = {
            row[0]: (row[1], row[2])
            for row in db.execute(
                "SELECT rowid, title, snippet(articles_fts, -1, '<mark>', '</mark>', '…', 30) "
                f"FROM articles_fts WHERE articles_fts MATCH ? AND rowid IN ({','.join('?' * len(ids))})",
                [params[0], *ids],
            )
        }
        count = db.execute(f"SELECT count(*) {hits}", params).fetchone()[0]
        facets = {
            name: dict(
                db.execute(
                    f"SELECT a.{name}, count(*) {hits} GROUP BY 1 ORDER BY 2 DESC LIMIT 12",
                    params,
                ).fetchall()
            )
            for name in ("source", "language")
        }
        items = [{"id": i, "title": snippets[i][0], "snippet": snippets[i][1]} for i in ids]
        return {"count": count, "items": items, "facets": facets}


# -- tantivy -------------------------------------------------------------------------------


def _tantivy_schema():
    import tantivy

    builder = tantivy.SchemaBuilder()
    builder.add_integer_field("id", stored=True, indexed=True, fast=True)
    for name in ("title", "lede", "body"):
        builder.add_text_field(name, stored=True, tokenizer_name="folded")
    builder.add_text_field("source", stored=True, tokenizer_name="raw", fast=True)
    builder.add_text_field("language", stored=True, tokenizer_name="raw", fast=True)
    builder.add_date_field("published_on", stored=True, indexed=True, fast=True)
    return builder.build()


def _tantivy_index(path: Path, *, create: bool = False):
    import tantivy

    path.mkdir(parents=True, exist_ok=True)
    index = tantivy.Index(_tantivy_schema(), path=str(path), reuse=not create)
    analyzer = (
        tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
        .filter(tantivy.Filter.remove_long(40))
        .filter(tantivy.Filter.lowercase())
        .filter(tantivy.Filter.ascii_fold())
        .build()
    )
    index.register_tokenizer("folded", analyzer)
    return index


def tantivy_build(path: Path, articles: Iterable[SyntheticArticle]) -> None:
    import shutil
    from datetime import datetime

    import tantivy

    shutil.rmtree(path, ignore_errors=True)
    index = _tantivy_index(path, create=True)
    writer = index.writer(heap_size=200_000_000, num_threads=1)
    for a in articles:
        writer.add_document(
            tantivy.Document(
                id=a.number,
                title=a.title,
                lede=a.paragraphs[0],
                body="\n\n".join(a.paragraphs[1:]),
                source=a.source,
                language=a.language,
                published_on=datetime(
                    a.published_on.year, a.published_on.month, a.published_on.day
                ),
            )
        )
    writer.commit()
    writer.wait_merging_threads()


def _tantivy_query(index, q: str):
    import tantivy

    fields = ["title", "lede", "body"]
    boosts = {"title": 3.0, "lede": 2.0}

    def words_query(words: list[str]):
        text = '"' + " ".join(words) + '"' if len(words) > 1 else words[0]
        return index.parse_query(text, fields, field_boosts=boosts)

    must = []
    for kind, words in clauses(q):
        if kind == "or":
            must.append(
                (
                    tantivy.Occur.Must,
                    tantivy.Query.boolean_query(
                        [(tantivy.Occur.Should, words_query(w)) for w in words]
                    ),
                )
            )
        elif kind == "not":
            must.append((tantivy.Occur.MustNot, words_query(words)))
        else:
            must.append((tantivy.Occur.Must, words_query(words)))
    return tantivy.Query.boolean_query(must)


class Tantivy:
    def __init__(self, path: Path):
        import tantivy

        self.index = _tantivy_index(path)
        self.schema = self.index.schema
        self.tantivy = tantivy

    def search(self, q: str, filters: dict) -> dict:
        tantivy = self.tantivy
        text = _tantivy_query(self.index, q)
        parts = [(tantivy.Occur.Must, text)]
        for name in ("language", "source"):
            if filters.get(name):
                parts.append(
                    (tantivy.Occur.Must, tantivy.Query.term_query(self.schema, name, filters[name]))
                )
        if filters.get("published_after"):
            start = date.fromisoformat(filters["published_after"])
            parts.append(
                (
                    tantivy.Occur.Must,
                    tantivy.Query.range_query(
                        self.schema,
                        "published_on",
                        tantivy.FieldType.Date,
                        _datetime(start),
                        _datetime(date(2200, 1, 1)),
                    ),
                )
            )
        query = tantivy.Query.boolean_query(parts) if len(parts) > 1 else text
        searcher = self.index.searcher()
        result = searcher.search(query, PAGE, count=True)
        snippets = tantivy.SnippetGenerator.create(searcher, text, self.schema, "body")
        items = []
        for _score, address in result.hits:
            doc = searcher.doc(address)
            items.append(
                {
                    "id": doc["id"][0],
                    "title": doc["title"][0],
                    "snippet": snippets.snippet_from_doc(doc).to_html(),
                }
            )
        aggregations = searcher.aggregate(
            query,
            {
                "source": {"terms": {"field": "source", "size": 12}},
                "language": {"terms": {"field": "language", "size": 12}},
            },
        )
        facets = {
            name: {b["key"]: b["doc_count"] for b in aggregations[name]["buckets"]}
            for name in ("source", "language")
        }
        return {"count": result.count, "items": items, "facets": facets}


def _datetime(day: date):
    from datetime import datetime

    return datetime(day.year, day.month, day.day)


# -- HTTP ----------------------------------------------------------------------------------


def serve(engine, port: int) -> None:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self):
            parts = urlsplit(self.path)
            if parts.path == "/up":
                body, status = b"{}", 200
            else:
                params = {k: v[0] for k, v in parse_qs(parts.query).items()}
                try:
                    body = json.dumps(engine.search(params.pop("q", ""), params)).encode()
                    status = 200
                except Exception as error:
                    body, status = json.dumps({"error": str(error)}).encode(), 500
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    ThreadingHTTPServer.daemon_threads = True
    ThreadingHTTPServer(("127.0.0.1", port), Handler).serve_forever()


ENGINES = {"fts5": Fts5, "tantivy": Tantivy}
PATHS = {"fts5": "fts5.db", "tantivy": "tantivy"}  # under the benchmark's workdir


if __name__ == "__main__":
    name, path, port = sys.argv[1], Path(sys.argv[2]), int(sys.argv[3])
    serve(ENGINES[name](path), port)
