"""The fixed query mix of the benchmark, one list per query class."""

from urllib.parse import urlencode

# (class, query, our filters, Datasette filters)
QUERY_MIX = [
    ("rare", "Indira Gandhi", {}, {}),
    ("rare", "sòng bạc", {}, {}),
    ("rare", "Lancaster", {}, {}),
    ("common", "công an", {}, {}),
    ("common", "tội phạm", {}, {}),
    ("common", "các", {}, {}),
    ("multi_syllable", "an ninh mạng", {}, {}),
    ("multi_syllable", "hợp tác quốc tế", {}, {}),
    ("multi_syllable", "lừa đảo trực tuyến", {}, {}),
    ("no_diacritics", "cong an", {}, {}),
    ("no_diacritics", "toi pham cong nghe cao", {}, {}),
    ("no_diacritics", "lua dao truc tuyen", {}, {}),
    ("phrase", '"an ninh mạng"', {}, {"_searchmode": "raw"}),
    ("phrase", '"thực thi pháp luật"', {}, {"_searchmode": "raw"}),
    (
        "filtered",
        "tội phạm",
        {"language": "vi", "published_after": "2020-01-01"},
        {"language": "vi", "published_on__gte": "2020-01-01"},
    ),
    ("filtered", "hợp tác", {"source": "ttxvn"}, {"source": "ttxvn"}),
    ("or_not", "Europol OR Interpol", {}, {"_searchmode": "raw"}),
    ("or_not", "cảnh sát -ma túy", {}, {}),
    ("english", "cybercrime cooperation", {}, {}),
    ("english", "ransomware", {}, {}),
    ("english", "police", {}, {}),
]


def our_path(query: str, filters: dict) -> str:
    return "/api/v1/search?" + urlencode({"q": query, "page_size": 20, **filters})


def reference_path(database: str, query: str, filters: dict) -> str:
    params = {"_search": query, "_size": 20, "_facet": ["source", "language"], **filters}
    return f"/{database}/articles.json?" + urlencode(params, doseq=True)


def engine_path(query: str, filters: dict) -> str:
    """The FTS5 and tantivy references (tests/bench/engines.py): a page of 20, always."""
    return "/search?" + urlencode({"q": query, **filters})
