"""HTML pages: main text and metadata with trafilatura; the raw HTML is kept as received.

trafilatura finds the main text and the metadata (title, date, author, canonical URL, site
name); the text then goes through the same line rules as plain-text captures, so captions,
tags, credit lines and leftover chrome are handled once for every format.
"""

from collections.abc import Iterator
from datetime import date, datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

import lxml.html
import trafilatura
from charset_normalizer import from_bytes

from archive.ingest.dates import FoundDate
from archive.ingest.extract import Extracted, ExtractError, fill_body, split_people
from archive.ingest.formats import Document
from archive.ingest.language import detect_language
from archive.text import fold, nfc, squeeze


def read(path: Path) -> Iterator[Document]:
    yield Document(raw=path.read_bytes(), name=str(path), format="html")


def decode_html(raw: bytes) -> str:
    if not raw.strip():
        raise ExtractError("empty file")
    if b"\x00" in raw[:8192] and not raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ExtractError("binary content (NUL bytes), not an HTML page")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    best = from_bytes(raw).best()  # honours a <meta charset> declaration
    if best is None or best.chaos > 0.1:
        raise ExtractError("HTML page is not UTF-8 and its encoding cannot be told reliably")
    return str(best)


# News in this archive is dated in Vietnam's time unless the page states a zone.
LOCAL_TIME = ZoneInfo("Asia/Ho_Chi_Minh")


def extract(document: Document, tz: ZoneInfo = LOCAL_TIME) -> Extracted:
    return extract_html(document.raw, url=document.url, tz=tz)


def extract_html(raw: bytes, *, url: str | None = None, tz: ZoneInfo = LOCAL_TIME) -> Extracted:
    """Clean fields out of an HTML page; raises ExtractError when there is no article."""
    html = decode_html(raw)
    if "<" not in html:
        raise ExtractError("no HTML markup found")
    try:
        tree = lxml.html.fromstring(html)
    except (ValueError, lxml.etree.ParserError) as exc:
        raise ExtractError(f"unparseable HTML ({exc})") from None
    doc = trafilatura.bare_extraction(
        tree,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    if doc is None or not (doc.text or "").strip():
        raise ExtractError("no article text found in the HTML page")
    title = squeeze(nfc(doc.title or ""))
    if not title:
        raise ExtractError("no headline found in the HTML page")
    lines = [squeeze(nfc(line)) for line in doc.text.split("\n")]
    lines = [line for line in lines if line and fold(line) != fold(title)]
    result = Extracted(title=title, paragraphs=[])
    result.header = [doc.sitename] if doc.sitename else []
    result.source_names = [doc.sitename] if doc.sitename else []
    result.published = _published(tree, doc.date, tz)
    fill_body(result, lines, 0)
    result.captions += _figure_captions(tree, result.paragraphs)
    if not result.paragraphs:
        raise ExtractError("no article text left once page chrome was removed")
    if doc.author:
        result.authors = result.authors or split_people(doc.author.replace(";", ","))
    result.tags = result.tags or [t for t in (doc.tags or []) if t]
    result.url = _canonical(tree) or url
    result.language = detect_language(" ".join([result.title, *result.paragraphs]))
    return result


def _figure_captions(tree, paragraphs: list[str]) -> list[dict]:
    """Photo captions (<figcaption>), each placed after the paragraph it follows in the page."""
    captions, seen = [], 0
    wanted = {fold(p)[:80] for p in paragraphs}
    for element in tree.iter("p", "figcaption"):
        text = squeeze(nfc(element.text_content()))
        if not text:
            continue
        if element.tag == "p":
            seen += fold(text)[:80] in wanted
        else:
            captions.append({"after": seen, "text": text})
    return captions


def _canonical(tree) -> str | None:
    for href in tree.xpath('//link[@rel="canonical"]/@href | //meta[@property="og:url"]/@content'):
        if href.strip().startswith(("http://", "https://")):
            return href.strip()
    return None


def _published(tree, found: str | None, tz: ZoneInfo) -> FoundDate | None:
    """The date trafilatura found, with the time of day when the page's metadata states it."""
    if not found:
        return None
    try:
        day = date.fromisoformat(found[:10])
    except ValueError:
        return None
    for value in tree.xpath(
        '//meta[@property="article:published_time"]/@content'
        ' | //meta[@itemprop="datePublished"]/@content | //time/@datetime'
    ):
        try:
            stamp = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
        except ValueError:
            continue
        if stamp.date() != day:
            continue
        if stamp.tzinfo:  # stated with its zone: the archive's local time of day
            stamp = stamp.astimezone(tz)
        if stamp.time() != time(0, 0):
            return FoundDate(stamp.date(), stamp.time().replace(second=0, microsecond=0))
    return FoundDate(day, None)
