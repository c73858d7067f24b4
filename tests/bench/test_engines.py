"""The FTS5 and tantivy references answer the same query mix alike: the same counts (both read
the words accent-insensitively, as we do), a page of at most 20 with highlighted snippets, and
both facets."""

import pytest

from tests.bench import engines
from tests.bench.corpus import generate
from tests.bench.queries import QUERY_MIX

pytestmark = [pytest.mark.slow, pytest.mark.bench]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    folder = tmp_path_factory.mktemp("engines")
    corpus = list(generate(300))
    engines.fts5_build(folder / "fts5.db", corpus)
    engines.tantivy_build(folder / "tantivy", corpus)
    return engines.Fts5(folder / "fts5.db"), engines.Tantivy(folder / "tantivy")


@pytest.mark.parametrize(("label", "q", "filters"), [(c, q, f) for c, q, f, _ in QUERY_MIX])
def test_both_references_agree_on_the_count(built, label, q, filters):
    fts5, tantivy = (engine.search(q, filters) for engine in built)
    assert fts5["count"] == tantivy["count"]
    for answer in (fts5, tantivy):
        assert len(answer["items"]) == min(20, answer["count"])
        assert sum(answer["facets"]["language"].values()) == answer["count"]
        assert set(answer["facets"]) == {"source", "language"}


def test_snippets_mark_the_words(built):
    fts5, tantivy = (engine.search("ransomware", {}) for engine in built)
    assert fts5["count"] > 0
    assert "<mark>" in fts5["items"][0]["snippet"]
    assert "<b>" in tantivy["items"][0]["snippet"]


def test_the_query_syntax_is_ours():
    assert engines.clauses("cảnh sát -ma túy") == [
        ("and", ["cảnh"]),
        ("and", ["sát"]),
        ("not", ["ma", "túy"]),
    ]
    assert engines.clauses('"an ninh mạng" OR Interpol') == [
        ("or", [["an", "ninh", "mạng"], ["Interpol"]])
    ]
