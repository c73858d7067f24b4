"""Plain-text captures: page text as it came off the page, in UTF-8 or a detected encoding."""

from collections.abc import Iterator
from pathlib import Path

from charset_normalizer import from_bytes

from archive.ingest.extract import Extracted, ExtractError, extract_text
from archive.ingest.formats import Document

# Encodings a legacy Vietnamese or English page may come in. Detection is limited to these so
# that a guess among a hundred code pages never passes for a reliable answer.
LEGACY_ENCODINGS = ["cp1258", "cp1252", "utf_16", "utf_16_le", "utf_16_be"]
# How much the detector may find "chaotic" in the decoded text (0 is perfectly clean).
MAX_CHAOS = 0.1


def read(path: Path) -> Iterator[Document]:
    yield Document(raw=path.read_bytes(), name=str(path), format="text")


def extract(document: Document, tz=None) -> Extracted:
    """A plain-text capture's fields (the time zone plays no part: text dates are days)."""
    return extract_text(decode_text(document.raw))


def decode_text(raw: bytes) -> str:
    """UTF-8 (with or without BOM) first; otherwise a legacy encoding when detected reliably.

    Refuses with a reason: empty input, binary content, or text whose encoding is unsure.
    """
    if not raw.strip():
        raise ExtractError("empty file")
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16")
    if b"\x00" in raw[:8192]:
        raise ExtractError("binary content (NUL bytes), not a text capture")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        utf8_error = f"invalid UTF-8 byte 0x{raw[exc.start]:02x} at offset {exc.start}"
    best = from_bytes(raw, cp_isolation=LEGACY_ENCODINGS).best()
    if best is None or best.chaos > MAX_CHAOS:
        raise ExtractError(f"not UTF-8 text ({utf8_error}) and no reliable encoding detected")
    return str(best)
