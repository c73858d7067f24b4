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

from archive.ingest.dates import FoundDate, find_dateline
from archive.ingest.extract import (
    Extracted,
    ExtractError,
    _title_text,
    fill_body,
    is_heading,
    is_navigation,
    split_people,
    strip_lede_mark,
)
from archive.ingest.formats import Document
from archive.ingest.formats.html_page import read_page
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
    page = read_page(tree, tz=tz)  # reads title, lede and date, then removes chrome blocks
    doc = trafilatura.bare_extraction(
        tree,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    text = (doc.text or "") if doc is not None else ""
    if len(page.article_body) > 0.8 * len(text):  # the page's own text, or a script renders it
        text = page.article_body
    lines = [squeeze(nfc(line)) for line in text.split("\n")]
    lines = [line for line in lines if line]
    title = page.title or squeeze(nfc(doc.title or "" if doc is not None else ""))
    page_title = tree.find(".//title")
    if not page.title and page_title is not None and is_navigation(page_title.text_content()):
        title = ""  # trafilatura's cut of a breadcrumb page title is no headline either
    if page.title_from_text:  # a post's own headline, below its author and time stamp
        heading = next((i for i, line in enumerate(lines[:3]) if is_heading(line)), None)
        if heading is not None:
            title, lines = _title_text(lines[heading]), lines[heading + 1 :]
    if not title:
        raise ExtractError("no headline found in the HTML page")
    if not lines:
        raise ExtractError("no article text found in the HTML page")
    lines = [line for line in lines if fold(_title_text(line)) != fold(title)]
    if page.lede:  # once: not again as the body's first line, with its agency mark or without
        lede = fold(page.lede)
        lines = [page.lede, *(line for line in lines if fold(strip_lede_mark(line)) != lede)]
    sitename = doc.sitename if doc is not None else None
    result = Extracted(title=title, paragraphs=[])
    result.header = [sitename] if sitename else []
    result.source_names = [sitename] if sitename else []
    result.published = page.published or _published(tree, doc.date if doc else None, tz)
    fill_body(result, lines, 0)
    if result.paragraphs:  # a mark before a lede that no sapo class set apart
        result.paragraphs[0] = strip_lede_mark(result.paragraphs[0])
    if result.published is None and result.paragraphs:
        result.published = find_dateline(result.paragraphs[0])
    result.captions += _figure_captions(tree, result.paragraphs)
    if not result.paragraphs:
        raise ExtractError("no article text left once page chrome was removed")
    if doc is not None and doc.author:
        result.authors = result.authors or split_people(doc.author.replace(";", ","))
    result.tags = result.tags or [t for t in ((doc.tags if doc else None) or []) if t]
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
