"""What an HTML page says about its article besides the main text: title, lede, date, chrome.

trafilatura finds the main text; it is given the page with its chrome blocks removed as
blocks first (related-article boxes set inside an article, share bars, comment threads, user
cards, header "today" widgets), so that a box of links in the middle of an article no longer
ends the body there. The title, lede and publication date are read here from the page's own
structure, strongest evidence first:

- title: an `<h1>` (or an element classed as the title) that agrees with the JSON-LD
  `headline`, `og:title` or `<title>` (site suffix stripped, markup removed), else the
  strongest of those; never a source line ("Tuổi Trẻ · 2 giờ trước");
- lede: the sapo/summary/description block of the article;
- date: JSON-LD `datePublished`, the article's meta tags, a `<time>` or dated element
  after the headline (never in the header or in a list of other articles), a Facebook post's
  own time stamp.
"""

import itertools
import json
import re
from dataclasses import dataclass
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import lxml.html

from archive.ingest.dates import FoundDate, find_date, is_date_line
from archive.ingest.extract import is_chrome, is_navigation, strip_lede_mark
from archive.text import fold, nfc, squeeze

# Class or id words of chrome blocks, matched against the words of an element's class and id
# split at spaces, "-" and "_" ("box-tinlienquan" -> box, tinlienquan).
CHROME_WORDS = {
    "related",
    "relate",
    "lienquan",
    "tinlienquan",
    "tinkhac",
    "other",
    "latest",
    "hot",
    "docnhieu",
    "mostread",
    "share",
    "sharebar",
    "sharing",
    "social",
    "print",
    "tools",
    "comment",
    "comments",
    "reactions",
    "actions",
    "actionbar",
    "ufi",
    "signature",
    "usertitle",
    "userinfo",
    "postbit",
    "breadcrumb",
    "breadcrumbs",
    "newsletter",
    "cookie",
    "login",
    "menu",
    "nav",
    "navbar",
    "pagenav",
    "pagination",
    "mainmenu",
    "topnav",
    "sidebar",
    "widget",
    "today",
    "clock",
    "weather",
    "hotline",
    "footer",
    "banner",
    "masthead",
    "callout",
    "teaser",
    "loading",
    "more",
    "pin",
}
# Pairs of words that name a chrome block together: "same-category", "message-user".
CHROME_PAIRS = {("same", "category"), ("message", "user"), ("date", "now"), ("box", "more")}
CHROME_TAGS = {"nav", "footer", "aside", "form", "button", "noscript", "script", "style"}
CHROME_ROLES = {"banner", "navigation", "complementary", "contentinfo"}
_SPLIT = re.compile(r"[\s_\-]+")
# Headings of boxes of other articles, when a box has no telling class.
BOX_HEADINGS = {
    fold(text)
    for text in (
        "Tin liên quan",
        "Bài liên quan",
        "Bài viết liên quan",
        "Đọc thêm",
        "Xem thêm",
        "Tin khác",
        "Các tin khác",
        "Tin cùng chuyên mục",
        "Tin mới nhất",
        "Đọc nhiều",
        "Cùng chủ đề",
        "Related",
        "Related news",
        "Related stories",
        "Related articles",
        "Read more",
        "More news",
    )
}
# Headings of the boxes an agency's release closes with: who took part, and its standing
# boilerplate about a programme (Europol's "EMPACT" box: "... a four-year policy cycle ...").
CLOSING_BOX_HEADINGS = {
    fold(text)
    for text in (
        "Participating countries",
        "Participating authorities",
        "Participating agencies",
        "Participating organisations",
        "Involved countries",
        "Countries involved",
        "Authorities involved",
        "EMPACT",
        "About EMPACT",
    )
}
# A board's post view names its headline cell "subject" (as a mail does).
TITLE_CLASS = re.compile(r"(?:^|[\s_-])(?:title|headline|subject)(?:$|[\s_-])", re.IGNORECASE)
LEDE_CLASS = re.compile(
    r"(?:^|[\s_-])(?:sapo|lead|lead_post_detail|summary|description|excerpt|abstract|intro"
    r"|standfirst|chapeau|subhead|deck|dek|trich[_-]?yeu|tom[_-]?tat)(?:$|[\s_-])",
    re.IGNORECASE,
)
DATE_CLASS = re.compile(r"date|time|publish|meta|posted", re.IGNORECASE)
TITLE_SEPARATORS = re.compile(r"\s+[|–—·:-]{1,2}\s+")
META_DATES = (
    '//meta[@property="article:published_time"]/@content'
    ' | //meta[@name="article:published_time"]/@content'
    ' | //meta[@itemprop="datePublished"]/@content'
    ' | //meta[@name="pubdate"]/@content | //meta[@name="publishdate"]/@content'
    ' | //meta[@name="date"]/@content | //meta[@name="dc.date"]/@content'
    ' | //meta[@name="DC.date.issued"]/@content | //meta[@property="og:published_time"]/@content'
)


@dataclass
class Page:
    title: str = ""
    lede: str = ""
    published: FoundDate | None = None
    article_body: str = ""  # JSON-LD articleBody, for pages that render their text by script
    title_from_text: bool = False  # no headline in the markup: the text's first line is one


def _words(element) -> list[str]:
    return _SPLIT.split(f"{element.get('class', '')} {element.get('id', '')}".lower())


# A print version names its article's parts "print-title", "print-date", "print-body".
PRINTED_PARTS = {"title", "date", "time", "body", "content"}


def _is_chrome(element) -> bool:
    if element.tag in CHROME_TAGS or element.get("role") in CHROME_ROLES:
        return True
    if "related" in (element.get("type") or "").lower():
        return True
    words = [w for w in _words(element) if w]
    if "print" in words and PRINTED_PARTS.intersection(words):
        words = [w for w in words if w != "print"]
    if any(w in CHROME_WORDS for w in words):
        return True
    return any(pair in CHROME_PAIRS for pair in itertools.pairwise(words))


def _text(element) -> str:
    return squeeze(nfc(element.text_content()))


# A forum's prefix label set inside a thread's heading, before its title: <h1><span
# class="label">Tin tức</span> Title</h1> (XenForo's and vBulletin's thread prefixes).
PREFIX_WORDS = {"label", "prefix", "labellink"}


def _heading_text(element) -> str:
    """A heading's text without a prefix label opening it."""
    text = _text(element)
    first = next((child for child in element if isinstance(child.tag, str)), None)
    if first is None or (element.text or "").strip() or not PREFIX_WORDS & set(_words(first)):
        return text
    label = _text(first)
    if label and len(label.split()) <= 4 and text.startswith(label) and text != label:
        return text[len(label) :].strip()
    return text


def strip_chrome(tree) -> None:
    """Remove chrome blocks from `tree` in place, never one holding the headline or most text."""
    body_size = len(_text(tree)) or 1
    doomed: list = []
    first_posts = _drop_replies(tree, doomed)
    for element in tree.iter():
        if not isinstance(element.tag, str) or element.tag in ("html", "body", "head"):
            continue
        if element.tag in ("script", "style") and element.get("type") == "application/ld+json":
            continue
        if element.tag == "header" and element.find(".//h1") is not None:
            continue
        if element in first_posts:  # a thread's opening post is its article
            continue
        if _is_chrome(element):
            if element.tag not in CHROME_TAGS and (
                element.find(".//h1") is not None or len(_text(element)) > 0.5 * body_size
            ):
                continue
            doomed.append(element)
    for element in tree.iter("h2", "h3", "h4", "h5", "b", "strong", "td", "span"):
        if fold(_text(element)).strip(" :.") not in BOX_HEADINGS | CLOSING_BOX_HEADINGS:
            continue
        box = element.getparent()
        while box is not None and box.tag in ("td", "tr", "tbody", "b", "strong", "span"):
            box = box.getparent()
        small = box is not None and box.tag not in ("body", "article") and len(_text(box)) < 600
        if small and len(box.findall(".//p")) <= 3:
            doomed.append(box)
            continue
        doomed.append(element)  # a heading right in the text: it and the list after it
        following = element.getnext()
        if following is not None and following.tag in ("ul", "ol", "div"):
            doomed.append(following)
    for element in doomed:
        parent = element.getparent()
        if parent is not None:
            tail = element.tail
            parent.remove(element)
            if tail and tail.strip():
                previous = parent[-1] if len(parent) else None
                if previous is not None:
                    previous.tail = (previous.tail or "") + tail
                else:
                    parent.text = (parent.text or "") + tail


def _drop_replies(tree, doomed: list) -> set:
    """A thread's posts after the first (forum replies, comments): siblings alike in tag and
    class, each with text of its own. Returns the first posts, which are kept."""
    first_posts = set()
    for parent in tree.iter():
        if not isinstance(parent.tag, str) or parent.tag in ("ul", "ol"):
            continue
        children = [c for c in parent if c.tag in ("article", "li", "div")]
        posts = [c for c in children if any("message" in w or "post" in w for w in _words(c))]
        if len(posts) < 2 or len({(c.tag, c.get("class", "")) for c in posts}) != 1:
            continue
        first_posts.add(posts[0])
        doomed.extend(posts[1:])
    return first_posts


def _json_ld(tree) -> dict:
    """The first JSON-LD object of an article type, with headline/dates/articleBody."""
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            data = json.loads(script.text or "")
        except ValueError:
            continue
        items = data if isinstance(data, list) else [data]
        items += [
            i for item in list(items) if isinstance(item, dict) for i in item.get("@graph", [])
        ]
        for item in items:
            if isinstance(item, dict) and ("headline" in item or "articleBody" in item):
                return item
    return {}


def _markup_free(text: str) -> str:
    if "<" in text and ">" in text:
        try:
            text = lxml.html.fromstring(f"<div>{text}</div>").text_content()
        except (ValueError, lxml.etree.ParserError):
            text = re.sub(r"<[^>]+>", "", text)
    return squeeze(nfc(text))


def _title_segments(title: str) -> list[str]:
    return [s for s in TITLE_SEPARATORS.split(title) if s]


def _agrees(heading: str, meta: str) -> bool:
    heading, meta = fold(heading), fold(meta)
    return bool(heading) and (heading == meta or meta.startswith(heading) or heading in meta)


def _stamp(value: str, tz: ZoneInfo) -> FoundDate | None:
    value = value.strip()
    try:
        stamp = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        try:
            return FoundDate(date.fromisoformat(value[:10]), None)
        except ValueError:
            return find_date(value)
    if stamp.tzinfo:  # stated with its zone: the archive's local time of day
        stamp = stamp.astimezone(tz)
    at = stamp.time().replace(second=0, microsecond=0)
    return FoundDate(stamp.date(), at if at != time(0, 0) else None)


def _is_logo(h1) -> bool:
    """A site's name set as an `<h1>`: classed as the logo or brand, or a link home alone."""
    if {"logo", "brand", "site", "sitename"}.intersection(_words(h1)):
        return True
    links = h1.findall(".//a")
    return len(links) == 1 and (links[0].get("href") or "").strip() == "/" and not h1.text


def _find_title(tree, ld: dict) -> tuple[str, bool]:
    metas = [_markup_free(ld.get("headline") or "")]
    metas += [_markup_free(v) for v in tree.xpath('//meta[@property="og:title"]/@content')]
    page_title = tree.find(".//title")
    whole = _markup_free(page_title.text_content()) if page_title is not None else ""
    if is_navigation(whole):  # "Agency > News > Press Releases": a breadcrumb, never a title
        whole = ""
    segments = _title_segments(whole) if whole else []
    metas += segments
    metas = [m for m in metas if m]
    h1s = [h for h in tree.iter("h1") if not _is_logo(h)]
    if tree.xpath(POST_MESSAGE):
        # A social post's page: a heading that is the page's name (its og:title, the page
        # title's first part) names the author, not the post; the post's first line does.
        names = {fold(m) for m in metas[:2]} | ({fold(segments[0])} if segments else set())
        h1s = [h for h in h1s if fold(_text(h)) not in names]
    headings = [_heading_text(h) for h in h1s]
    headings += (
        [
            _text(e)
            for e in tree.body.iter()
            if isinstance(e.tag, str)
            and e.tag not in ("h1", "a", "title")
            and TITLE_CLASS.search(
                f"{e.get('class', '')} {e.get('id', '')} {e.get('itemprop', '')}"
            )
        ]
        if tree.body is not None
        else []
    )
    headings = [h for h in headings if 2 <= len(h.split()) <= 40]
    if tree.xpath(POST_MESSAGE):
        headings = [h for h in headings if fold(h) not in names]
    for heading in headings:
        if any(_agrees(heading, meta) for meta in metas):
            return heading, False
    h1 = [_heading_text(h) for h in h1s if _text(h)]
    if h1:
        return h1[0], False
    if ld.get("headline"):
        return metas[0], False
    if tree.body is not None:
        # No heading agrees: a headline set in a table cell or a plain block that the whole
        # page title holds ("Site - Headline - 2025 - 2027", cut at its dashes).
        if whole and (cell := _element_in_title(tree.body, fold(whole))):
            return cell, False
        # A headline set as a lower heading (<h2>, <h3>) where no <h1> is: the first one
        # of some length outside the page's chrome blocks. One that is the page title itself
        # names the page (a social page's name); the page title stands for it below.
        named = {fold(m) for m in metas}
        for element in tree.body.iter("h2", "h3"):
            text = _text(element)
            wordy = 5 <= len(text.split()) <= 40
            if wordy and fold(text) not in named and not _inside_chrome(element):
                return text, False
    if headings:  # a box's title ("Liên kết website") is a label: a headline says more
        return next((h for h in headings if len(h.split()) >= 5), headings[0]), False
    # No headline in the markup: a page title naming only the site ("X | Facebook") gives way
    # to the text's own first line, when that is a heading.
    best = max(segments, key=len) if segments else ""
    return best, True


# The message block of a social network's post (Facebook marks it for its ad previews).
POST_MESSAGE = '//*[@data-ad-preview="message" or @data-ad-comet-preview="message"]'


# Class or id words of a page's header, where a block the page title holds is the site's name.
HEADER_WORDS = {"header", "logo", "brand", "masthead", "banner", "top", "topline"}


def _element_in_title(body, title: str) -> str:
    """The text of a block (no block inside it) of five words or more that the page title
    holds after its start (the site's name, which a page's header also shows)."""
    for element in body.iter("td", "div", "p", "span", "strong", "b"):
        if element.find(".//div") is not None or element.find(".//p") is not None:
            continue
        text = _text(element)
        if 5 <= len(text.split()) <= 40 and title.find(fold(text)) > 0:
            around = [element, *element.iterancestors()]
            if any(e.tag == "header" or HEADER_WORDS.intersection(_words(e)) for e in around):
                continue
            if not _inside_chrome(element):
                return text
    return ""


def _inside_chrome(element) -> bool:
    return any(_is_chrome(e) for e in element.iterancestors() if e.tag not in ("body", "html"))


def _find_lede(tree) -> str:
    for element in tree.body.iter() if tree.body is not None else []:
        if not isinstance(element.tag, str) or element.tag in ("body", "html", "meta"):
            continue
        marks = f"{element.get('class', '')} {element.get('id', '')} {element.get('itemprop', '')}"
        if LEDE_CLASS.search(marks) and not TITLE_CLASS.search(marks):
            text = strip_lede_mark(_text(element))
            # A thread's "description" line ("Thread starter X · Start date ...") is no lede.
            if len(text.split()) >= 8 and not is_chrome(text):
                return text
    return ""


def _find_published(tree, ld: dict, tz: ZoneInfo, title: str = "") -> FoundDate | None:
    for value in [ld.get("datePublished") or "", *tree.xpath(META_DATES)]:
        if value and (found := _stamp(value, tz)):
            return found
    body = tree.body
    if body is None:
        return None
    # The article's own date stands after its headline, or (some sites) just before it.
    elements = [e for e in body.iter() if isinstance(e.tag, str)]
    headline = body.find(".//h1")
    at = elements.index(headline) if headline is not None else 0
    for element in elements[at:] + elements[:at][::-1]:
        stamp = element.get("datetime") if element.tag == "time" else None
        if stamp and (found := _stamp(stamp, tz)):
            return found
        marks = f"{element.get('class', '')} {element.get('id', '')} {element.get('data-role', '')}"
        if element.tag == "abbr" or element.get("data-utime") or DATE_CLASS.search(marks):
            text = element.get("title") or _text(element)
            if len(text) <= 80 and (found := find_date(text)):
                return found
        # A post's stamp link states its full date for screen readers ("3 tháng 12, 2025 lúc
        # 10:20"), when its visible text may say only "2 giờ".
        label = element.get("aria-label") or ""
        if len(label) <= 80 and is_date_line(label):
            return find_date(label)
    # No date element marked as such: a short line of its own after the headline that is a
    # date and its label ("Ngày đăng: 21/08/2024"), in a page laid out with tables.
    title = fold(title) if title else ""
    at = next((i for i, e in enumerate(elements) if title and fold(_text(e)) == title), None)
    for element in elements[at + 1 : at + 20] if at is not None else []:
        text = _text(element)
        if len(text) <= 60 and is_date_line(text):
            return find_date(text)
        # "Ngày đăng: 31/07/2025 | Người đăng: Quản trị viên": the date is one of its parts.
        parts = text.split(" | ") if len(text) <= 100 else []
        if len(parts) > 1 and is_date_line(parts[0]):
            return find_date(parts[0])
    return None


def read_page(tree, *, tz: ZoneInfo) -> Page:
    """Title, lede, date and JSON-LD text of the page; then its chrome blocks are removed."""
    ld = _json_ld(tree)
    page = Page(article_body=ld.get("articleBody") or "")
    page.title, page.title_from_text = _find_title(tree, ld)
    strip_chrome(tree)
    page.lede = _find_lede(tree)
    page.published = _find_published(tree, ld, tz, page.title)
    return page
