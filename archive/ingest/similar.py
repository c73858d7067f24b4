"""Near-duplicates: the same story carried by two outlets, found with MinHash over shingles.

Each article's text (lede and body, folded) is cut into overlapping word 4-grams ("shingles").
A MinHash signature of 32 values summarises that set; it is stored as 16 bands of 2 values,
each band hashed to one integer in `Article.similarity_bands` (GIN-indexed). Articles sharing a
band are candidates, and a candidate is the same story when the real Jaccard similarity of the
two shingle sets reaches `THRESHOLD`. Headlines are left out: outlets rewrite them.
"""

import re
import zlib
from collections import Counter, defaultdict
from itertools import chain

from archive.models import Article, Story
from archive.text import fold

SHINGLE = 4
HASHES = 32
ROWS = 2  # values per band: 16 bands; a pair at Jaccard 0.5 shares a band with p ≈ 0.99
THRESHOLD = 0.5
CANDIDATES = 5  # the candidates sharing most bands are checked with the real similarity
MIN_SHINGLES = 20  # shorter texts are too small to call anything a duplicate
# Fixed pseudo-random masks: one MinHash per mask (h XOR mask), stable across runs.
_MASKS = [zlib.crc32(f"minhash-{seed}".encode()) for seed in range(HASHES)]
_WORD = re.compile(r"\w+")


def shingles(text: str) -> set[int]:
    words = _WORD.findall(fold(text))
    return {
        zlib.crc32(" ".join(words[i : i + SHINGLE]).encode())
        for i in range(max(0, len(words) - SHINGLE + 1))
    }


def bands(hashed: set[int]) -> list[int]:
    """The signature's bands, each as one integer (band number in the high bits)."""
    if len(hashed) < MIN_SHINGLES:
        return []
    signature = [min(map(mask.__xor__, hashed)) for mask in _MASKS]
    return [
        (band << 32) | zlib.crc32(repr(signature[start : start + ROWS]).encode())
        for band, start in enumerate(range(0, HASHES, ROWS))
    ]


def jaccard(a: set[int], b: set[int]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def article_shingles(article: Article) -> set[int]:
    return shingles(f"{article.lede}\n{article.body}")


def stories_link(articles: list[Article], *, limit: int = 2000) -> list[Article]:
    """Link each of `articles` (saved) to a near-duplicate archived earlier, as one story.

    One query finds the candidates for all of them; a story is created only when a pair is
    found. Returns the articles whose story changed (already saved).
    """
    wanted = {band for article in articles for band in article.similarity_bands}
    if not wanted:
        return []
    ids = [article.pk for article in articles]
    pool = list(
        Article.objects.filter(similarity_bands__overlap=list(wanted))
        .exclude(pk__in=ids)
        .only("id", "title", "lede", "body", "story_id", "similarity_bands")
        .order_by("id")[:limit]
    )
    by_id = {candidate.pk: candidate for candidate in pool}
    by_band: dict[int, list[int]] = defaultdict(list)
    for candidate in pool:
        for band in candidate.similarity_bands:
            if band in wanted:
                by_band[band].append(candidate.pk)
    cache: dict[int, set[int]] = {}

    def shingles_of(article: Article) -> set[int]:
        if article.pk not in cache:
            cache[article.pk] = article_shingles(article)
        return cache[article.pk]

    changed: dict[int, Article] = {}
    for article in articles:
        shared = Counter(chain.from_iterable(by_band.get(b, ()) for b in article.similarity_bands))
        best = [pk for pk, _ in shared.most_common(CANDIDATES)]
        match = next(
            (
                by_id[pk]
                for pk in best
                if jaccard(shingles_of(article), shingles_of(by_id[pk])) >= THRESHOLD
            ),
            None,
        )
        if match:
            if match.story_id is None:
                match.story_id = Story.objects.create(title=match.title).pk
                changed[match.pk] = match
            if article.story_id != match.story_id:
                article.story_id = match.story_id
                changed[article.pk] = article
        by_id[article.pk] = article  # later articles of the batch may match it
        for band in article.similarity_bands:
            by_band[band].append(article.pk)
    Article.objects.bulk_update(list(changed.values()), ["story"])
    return list(changed.values())
