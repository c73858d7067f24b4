"""How an article is cited and described to machines: citation text, OpenGraph, schema.org."""

from django.utils import timezone
from django.utils.translation import gettext as _

from archive.partial_dates import date_label
from archive.text import http_url


def _date(value) -> str:
    # The one date style of the pages ('1 April 2025' / 'ngày 1 tháng 4 năm 2025').
    return date_label(value) if value else ""


def article_citation(article, permalink: str) -> str:
    """A ready-to-paste citation in the interface language (author-date, Chicago-like)."""
    authors = ", ".join(article.authors)
    published = _date(article.published_on) or _("date unknown")
    parts = []
    if authors:
        parts.append(f"{authors}.")
    parts.append(f"“{article.title}.”")
    if article.source:
        parts.append(f"{article.source.name},")
    parts.append(f"{published}.")
    archived = _("Cybercrime Cooperation Archive")
    if article.captured_on:
        archived += ", " + _("captured %(date)s") % {"date": _date(article.captured_on)}
    parts.append(f"{archived}.")
    parts.append(permalink)
    if article.url:
        parts.append("(" + _("original: %(url)s") % {"url": article.url} + ")")
    return " ".join(parts)


def article_opengraph(article, permalink: str) -> list[tuple[str, str]]:
    """(property, content) pairs; the template escapes them."""
    description = article.lede or (article.paragraphs[0] if article.paragraphs else "")
    tags = [
        ("og:type", "article"),
        ("og:title", article.title),
        ("og:url", permalink),
        ("og:site_name", _("Cybercrime Cooperation Archive")),
        ("og:locale", "vi_VN" if article.language == "vi" else "en_GB"),
        ("og:description", description[:300]),
    ]
    if article.published_on:
        tags.append(("article:published_time", article.published_on.isoformat()))
    tags += [("article:author", name) for name in article.authors]
    tags += [("article:tag", tag) for tag in article.tags]
    return tags


def article_jsonld(article, permalink: str, absolute) -> dict:
    """schema.org NewsArticle; `absolute` turns a site path into an absolute URL."""
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.title,
        "url": permalink,
        "mainEntityOfPage": permalink,
        "inLanguage": article.language,
        "isAccessibleForFree": True,
    }
    if article.lede:
        data["description"] = article.lede
    if article.published_at:
        data["datePublished"] = timezone.localtime(article.published_at).isoformat()
    elif article.published_on:
        data["datePublished"] = article.published_on.isoformat()
    if article.authors:
        data["author"] = [{"@type": "Person", "name": name} for name in article.authors]
    if article.editors:
        data["editor"] = [{"@type": "Person", "name": name} for name in article.editors]
    if article.source:
        publisher = {"@type": "Organization", "name": article.source.name}
        if http_url(article.source.home_url):
            publisher["url"] = http_url(article.source.home_url)
        data["publisher"] = publisher
    if http_url(article.url):
        data["isBasedOn"] = http_url(article.url)
    if article.tags:
        data["keywords"] = ", ".join(article.tags)
    mentions = [
        {"@type": "Organization", "name": m.organisation.name, "url": absolute(m.organisation)}
        for m in article.organisation_mentions.all()
    ]
    mentions += [
        {"@type": "Person", "name": m.person.name, "url": absolute(m.person)}
        for m in article.person_mentions.all()
    ]
    mentions += [
        {"@type": "Event", "name": m.event.title, "url": absolute(m.event)}
        for m in article.event_mentions.all()
    ]
    mentions += [
        {"@type": "Country", "name": m.country.name_en, "url": absolute(m.country)}
        for m in article.country_mentions.all()
    ]
    if mentions:
        data["mentions"] = mentions
    return data
