"""Text helpers shared by ingest, entity linking and search: NFC, accent folding, slugs."""

import functools
import re
import unicodedata

from django.utils.text import slugify as django_slugify

_D = str.maketrans({"đ": "d", "Đ": "D"})
_OTHER_SPACE = "\t\u00a0\u2000-\u200b\u202f\u205f\u3000"  # horizontal white space but " "
# The runs of horizontal white space that squeezing changes: every run but a lone " " (which
# it would replace with itself), so that most lines hold no match at all.
_SPACES = re.compile(f"[{_OTHER_SPACE}][ {_OTHER_SPACE}]*| [ {_OTHER_SPACE}]+")


def nfc(text: str) -> str:
    """Unicode NFC: the one form every stored and queried string takes."""
    return unicodedata.normalize("NFC", text)


def _fold_slow(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.translate(_D))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", stripped)


# Every character that folding changes, once: fold() then runs at str.translate speed.
_FOLD = {cp: folded for cp in range(0x10000) if (folded := _fold_slow(chr(cp))) != chr(cp)}
# ... as a list indexed by code point: translate() looks each character up without the
# KeyError a dict raises for every character it leaves alone (twice as fast on Vietnamese).
# Characters past the table (U+10000 and up) raise IndexError, which also leaves them alone.
_FOLD_TABLE = [_FOLD.get(cp, chr(cp)) for cp in range(0x10000)]


@functools.lru_cache(maxsize=1 << 15)
def _fold_line(text: str) -> str:
    return unicodedata.normalize("NFC", text).translate(_FOLD_TABLE).casefold()


def fold(text: str) -> str:
    """Lower-case, without diacritics, đ as d: the accent-insensitive key of a string.

    Mirrors what the `vietnamese` text search configuration does with `unaccent`.

    Folding goes line by line, each line remembered (the same as folding the whole: NFC,
    the table and casefold never reach across a newline). Ingest folds a capture's lines to
    read them, then an article's text made of the same lines, twice: those come from memory.
    """
    if "\n" not in text:
        return _fold_line(text)
    return "\n".join(map(_fold_line, text.split("\n")))


def squeeze(text: str) -> str:
    """Collapse runs of horizontal white space to one space and trim."""
    return _SPACES.sub(" ", text).strip()


def squeeze_lines(text: str) -> list[str]:
    """`squeeze` of each line of `text`, in one pass over it."""
    return [line.strip() for line in _SPACES.sub(" ", text).split("\n")]


def slugify(text: str, max_length: int = 80) -> str:
    """An ASCII slug that keeps Vietnamese readable: "Đại tướng" -> "dai-tuong"."""
    slug = django_slugify(fold(text))
    if len(slug) > max_length:
        slug = slug[:max_length].rsplit("-", 1)[0] or slug[:max_length]
    return slug or "untitled"
