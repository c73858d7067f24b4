"""Near-duplicates: the same story carried by two outlets, found with MinHash over shingles.

Each article's text (lede and body, folded) is cut into overlapping word 4-grams ("shingles").
A MinHash signature of 32 values summarises that set; it is stored as 16 bands of 2 values,
each band hashed to one integer, one `ArticleBand` row per band (b-tree indexed). Articles
sharing bands are candidates, and a candidate is the same story when the real Jaccard
similarity of the two shingle sets reaches `THRESHOLD`. Headlines are left out: outlets rewrite
them. `near_duplicates_link` does all of it for saved articles, computing each text's shingles
once.
"""

import hashlib
import re
import zlib
from collections import Counter, defaultdict
from itertools import chain

import numpy as np
from django.db import connection

from archive.models import Article, ArticleBand, Story
from archive.text import fold

SHINGLE = 4
HASHES = 32
ROWS = 2  # values per band: 16 bands; a pair at Jaccard 0.5 shares a band with p ≈ 0.99
THRESHOLD = 0.5
CANDIDATES = 5  # the candidates sharing most bands are checked with the real similarity
# ... if they share at least this many bands. One shared band is mostly noise: a very common
# 4-gram can hold the minimum of two hash functions in thousands of unrelated articles (on the
# synthetic benchmark corpus, 1,500,000 one-band pairs for 1,281 two-band pairs), and checking
# each costs its text's shingles. Two shared bands keep 94 % of pairs at Jaccard 0.5, 99 % at
# 0.6 and 99.97 % at 0.7 (16 bands of 2 rows: P(band) = J**2, binomial over 16).
MIN_SHARED_BANDS = 2
PER_BAND = 50  # articles a band brings as candidates, the newest (see _stories_link)
MIN_SHINGLES = 20  # shorter texts are too small to call anything a duplicate
# One MinHash per odd 64-bit multiplier: (h * a) mod 2**64 orders the shingle hashes anew
# (the high bits are well mixed). Fixed constants, so bands are stable across runs.
_MULTIPLIERS = [
    int.from_bytes(hashlib.blake2b(f"minhash-{seed}".encode(), digest_size=8).digest()) | 1
    for seed in range(HASHES)
]
_MULTIPLIERS_U64 = np.array(_MULTIPLIERS, dtype=np.uint64)
_WORD = re.compile(r"\w+")


# A shingle's hash: each word's 64-bit hash times its position's odd constant, summed mod 2**64,
# then mixed (the finaliser of splitmix64) so that every input bit reaches the high bits.
_POSITIONS = [
    np.uint64(int.from_bytes(hashlib.blake2b(f"shingle-{i}".encode(), digest_size=8).digest()) | 1)
    for i in range(SHINGLE)
]
_MIX1, _MIX2 = np.uint64(0xBF58476D1CE4E5B9), np.uint64(0x94D049BB133111EB)


def _word_hash(word: str) -> int:
    return int.from_bytes(hashlib.blake2b(word.encode(), digest_size=8).digest())


class _WordHashes(dict):
    """Each word's hash, computed once across articles: looked up from C, for every word of
    a text, a third faster than an lru_cache; emptied when it grows past WORDS_REMEMBERED."""

    def __missing__(self, word: str) -> int:
        if len(self) >= WORDS_REMEMBERED:
            self.clear()
        value = self[word] = _word_hash(word)
        return value


WORDS_REMEMBERED = 1 << 18
_WORD_HASHES = _WordHashes()


# What `\w` matches, for the ASCII characters: the others become spaces.
_ASCII_WORDS = [ch if ch.isalnum() or ch == "_" else " " for ch in map(chr, range(128))]


def _words(folded: str) -> list[str]:
    r"""`\w+` of the text: for an ASCII line (most, once folded) through str.translate and
    split, in C, three times as fast as the regular expression."""
    if folded.isascii():
        return folded.translate(_ASCII_WORDS).split()
    words: list[str] = []
    for line in folded.split("\n"):
        words += line.translate(_ASCII_WORDS).split() if line.isascii() else _WORD.findall(line)
    return words


class Shingles(set):
    """The hashes of a text's overlapping word 4-grams (folded: accents and case aside), as a
    set, and as the array they were computed in (`hashes`, repeats included), which the
    signature reads without making one from the set again."""

    def __init__(self, hashes: np.ndarray):
        super().__init__(hashes.tolist())
        self.hashes = hashes


def shingles(text: str) -> Shingles:
    """The text's shingles. Words are hashed once each (and cached across articles); the
    4-grams' hashes are computed for the whole text at once with numpy."""
    words = _words(fold(text))
    if len(words) < SHINGLE:
        return Shingles(np.empty(0, dtype=np.uint64))
    hashed = np.fromiter(map(_WORD_HASHES.__getitem__, words), dtype=np.uint64, count=len(words))
    count = len(words) - SHINGLE + 1
    x = sum(
        (hashed[i : i + count] * _POSITIONS[i] for i in range(1, SHINGLE)),
        start=hashed[:count] * _POSITIONS[0],
    )
    x ^= x >> np.uint64(30)
    x *= _MIX1
    x ^= x >> np.uint64(27)
    x *= _MIX2
    x ^= x >> np.uint64(31)
    return Shingles(x)


def bands(hashed: set[int]) -> list[int]:
    """The signature's bands, each as one integer (band number in the high bits)."""
    if len(hashed) < MIN_SHINGLES:
        return []
    if isinstance(hashed, Shingles):
        values = hashed.hashes  # a repeat changes no minimum
    else:
        values = np.fromiter(hashed, dtype=np.uint64, count=len(hashed))
    # (h * a) mod 2**64 for every multiplier and shingle at once: uint64 products wrap.
    lowest = np.multiply.outer(_MULTIPLIERS_U64, values).min(axis=1)
    cells = [str(value) for value in (lowest >> np.uint64(32)).tolist()]
    # Each band's values hashed as their list's repr, "[a, b]", written out directly.
    return [
        (band << 32) | zlib.crc32(("[" + ", ".join(cells[start : start + ROWS]) + "]").encode())
        for band, start in enumerate(range(0, HASHES, ROWS))
    ]


def jaccard(a: set[int], b: set[int]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def article_shingles(article: Article) -> set[int]:
    return shingles(f"{article.lede}\n{article.body}")


def near_duplicates_link(articles: list[Article], *, replace: bool = False) -> list[Article]:
    """Store the bands of saved `articles` and link each to a near-duplicate archived earlier.

    `replace`: drop the articles' old bands first (their text changed). Returns the articles
    whose story changed (already saved)."""
    shingled = {article.pk: article_shingles(article) for article in articles}
    signatures = {pk: bands(hashed) for pk, hashed in shingled.items()}
    if replace:
        ArticleBand.objects.filter(article__in=list(signatures)).delete()
    # Candidates first, then the articles' own bands: a lookup never finds the batch itself.
    changed = _stories_link(articles, signatures, shingled)
    _bands_store(signatures)
    return changed


def bands_replace(articles: list[Article]) -> None:
    """Store the bands of saved `articles` afresh, linking no story (an imported article
    brings its own)."""
    signatures = {article.pk: bands(article_shingles(article)) for article in articles}
    ArticleBand.objects.filter(article__in=list(signatures)).delete()
    _bands_store(signatures)


def _int_array(values) -> str:
    """A bigint[] literal: psycopg dumps a list of 8,000 integers one by one in Python."""
    return "{" + ",".join(map(str, values)) + "}"


def _bands_store(signatures: dict[int, list[int]]) -> None:
    pks: list[int] = []
    stored: list[int] = []
    for pk, found in signatures.items():
        unique = dict.fromkeys(found)
        pks += [pk] * len(unique)
        stored += unique
    if not stored:
        return
    # Two arrays unnested in one statement: 16 rows an article without a model object each
    # (bulk_create's objects cost 0.9 ms an article).
    table = connection.ops.quote_name(ArticleBand._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (article_id, band) "  # noqa: S608 - our table's name
            "SELECT * FROM unnest(%s::bigint[], %s::bigint[])",
            [_int_array(pks), _int_array(stored)],
        )


def _stories_link(
    articles: list[Article], signatures: dict[int, list[int]], shingled: dict[int, set[int]]
) -> list[Article]:
    """Two queries for the whole list: the candidates' bands (ids and integers only), then the
    text of the few candidates sharing most bands with each article. A story is created only
    when a pair is found.

    Each band brings at most the PER_BAND newest articles holding it. A band made of common
    4-grams is held by thousands (1,244 of 230,000 synthetic articles already): it tells little,
    and reading all of it for each of a batch's 8,000 bands made every batch slower as the
    archive grew (PostgreSQL walked the band table in article order: 470 ms a batch of 500 at
    230,000 articles, and growing). One probe per band, newest first, costs about the same at
    any size: 142 ms a batch at 338,000 articles, where the walk took 341."""
    wanted = {band for found in signatures.values() for band in found}
    if not wanted:
        return []
    in_batch = {article.pk: article for article in articles}
    by_band: dict[int, list[int]] = defaultdict(list)
    # Arrays as parameters: `band__in` would send 8,000 placeholders for 500 articles, which
    # Django and psycopg take 0.1 ms an article to build and parse. The LIMIT inside LATERAL
    # keeps it one index probe per band (PostgreSQL cannot flatten it into a join).
    table = connection.ops.quote_name(ArticleBand._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT m.article_id, w.band FROM unnest(%s::bigint[]) AS w(band) "  # noqa: S608
            f"CROSS JOIN LATERAL (SELECT b.article_id FROM {table} b "  # our table's name
            "WHERE b.band = w.band ORDER BY b.article_id DESC LIMIT %s) AS m",
            [_int_array(sorted(wanted)), PER_BAND],
        )
        pool = cursor.fetchall()
    for pk, band in pool:
        by_band[band].append(pk)
    # The candidates of each article, best first; an article may match one before it.
    candidates: dict[int, list[int]] = {}
    for article in articles:
        shared = Counter(chain.from_iterable(by_band.get(b, ()) for b in signatures[article.pk]))
        candidates[article.pk] = [
            pk for pk, n in shared.most_common(CANDIDATES) if n >= MIN_SHARED_BANDS
        ]
        for band in signatures[article.pk]:
            by_band[band].append(article.pk)
    needed = {pk for pks in candidates.values() for pk in pks if pk not in in_batch}
    known = dict(in_batch)
    known.update(
        Article.objects.only("id", "title", "lede", "body", "story_id").in_bulk(list(needed))
    )
    cache = dict(shingled)  # the batch's own, computed once

    def shingles_of(pk: int) -> set[int]:
        if pk not in cache:
            cache[pk] = article_shingles(known[pk])
        return cache[pk]

    changed: dict[int, Article] = {}
    for article in articles:
        match = next(
            (
                known[pk]
                for pk in candidates[article.pk]
                # (a band row outlives its article only if the article was deleted by hand)
                if pk in known and jaccard(shingles_of(article.pk), shingles_of(pk)) >= THRESHOLD
            ),
            None,
        )
        if match is None:
            continue
        if match.story_id is None:
            match.story_id = Story.objects.create(title=match.title).pk
            changed[match.pk] = match
        if article.story_id != match.story_id:
            article.story_id = match.story_id
            changed[article.pk] = article
    Article.objects.bulk_update(list(changed.values()), ["story"])
    return list(changed.values())
