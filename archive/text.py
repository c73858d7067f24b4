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


# Control characters but tab and newline (C0, DEL, C1): no text needs them, and XML 1.0 cannot
# carry most of them (a feed listing the article failed). NUL is not dropped but refused where
# it arrives (a binary capture; a 422 from the API, as PostgreSQL text cannot hold it).
_CONTROLS = re.compile("[\x01-\x08\x0b-\x1f\x7f-\x9f]")


def clean_text(text: str) -> str:
    """Text as stored: NFC, line breaks as \\n, control characters but NUL dropped. The raw
    capture is kept as it came; this is for the fields made from it and for API text."""
    text = nfc(text).replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROLS.sub("", text)


def http_url(url: str | None) -> str | None:
    """`url` when it is an absolute http(s) URL, else None: only those become article URLs or
    links (a `javascript:` or `data:` URL shown as a link would run on a click)."""
    if not url:
        return None
    url = url.strip()
    scheme, _, rest = url.partition(":")
    if scheme.lower() not in ("http", "https") or not rest.startswith("//") or len(rest) < 3:
        return None
    if any(ch in url for ch in "\x00\n\r\t "):
        return None
    return url
