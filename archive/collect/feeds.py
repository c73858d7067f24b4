"""What a crawl fetches: the pages an RSS/Atom feed (feedparser) or an XML sitemap lists,
news sitemaps and sitemap indexes included, each with the date it says the page changed."""

from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urljoin

import feedparser
from lxml import etree


@dataclass
class Listed:
    url: str
    changed: datetime | None = None  # lastmod / updated, when the list gives one


@dataclass
class Listing:
    pages: list[Listed]
    sitemaps: list[str]  # children of a sitemap index, to read in turn


def _date(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _local(tag) -> str:
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def parse_sitemap(root) -> Listing:
    pages, sitemaps = [], []
    kind = _local(root.tag)
    for entry in root:
        if _local(entry.tag) not in ("url", "sitemap"):
            continue
        loc, changed = None, None
        for child in entry.iter():
            name = _local(child.tag)
            if name == "loc" and loc is None and child.text:
                loc = child.text.strip()
            elif name in ("lastmod", "publication_date") and child.text:
                found = _date(child.text)
                changed = max(changed, found) if changed and found else (found or changed)
        if loc:
            if kind == "sitemapindex":
                sitemaps.append(loc)
            else:
                pages.append(Listed(loc, changed))
    return Listing(pages, sitemaps)


def parse_feed(body: bytes, base_url: str) -> Listing:
    feed = feedparser.parse(body)
    pages = []
    for entry in feed.entries:
        link = entry.get("link")
        if not link:
            continue
        stamp = entry.get("updated_parsed") or entry.get("published_parsed")
        changed = datetime(*stamp[:6], tzinfo=UTC) if stamp else None
        pages.append(Listed(urljoin(base_url, link), changed))
    return Listing(pages, [])


def listing_parse(body: bytes, base_url: str) -> Listing:
    """A sitemap (urlset or sitemapindex) or else a feed; an empty listing for anything else."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        root = etree.fromstring(body, parser=parser)  # entities off, no network
    except etree.XMLSyntaxError:
        root = None
    if root is not None and _local(root.tag) in ("urlset", "sitemapindex"):
        return parse_sitemap(root)
    return parse_feed(body, base_url)
