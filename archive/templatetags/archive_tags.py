"""Template helpers for the archive's pages."""

import json

from django import template
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import _json_script_escapes, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from archive.partial_dates import MONTHS_IN_DATE, date_label, partial_date_label
from archive.text import http_url

register = template.Library()


@register.filter
def jsonld(data) -> str:
    """A <script type="application/ld+json"> block, escaped as Django's json_script escapes.

    <, > and & become \\u escapes, so no string in the data can close the script element.
    """
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(
        _json_script_escapes
    )
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))  # noqa: S308


@register.simple_tag(takes_context=True)
def page_url(context, number) -> str:
    """The current URL's query string with `page` set to `number` (other parameters kept)."""
    query = context["request"].GET.copy()
    query["page"] = number
    return "?" + query.urlencode()


@register.filter
def long_date(value) -> str:
    return date_label(value)


@register.filter
def event_dates(event) -> str:
    """When an event took place, as precisely as known: '29 October, year unknown'."""
    start = partial_date_label(event.start_year, event.start_month, event.start_day)
    if not (event.end_year or event.end_month or event.end_day):
        return start
    end = partial_date_label(event.end_year, event.end_month, event.end_day)
    return f"{start} – {end}"


@register.filter
def month_name(number) -> str:
    name = str(MONTHS_IN_DATE.get(number, "")) if number else ""
    return name[:1].upper() + name[1:]


@register.simple_tag
def language_choices() -> list[tuple[str, str]]:
    """(code, name) with each name in its own language, as settings.LANGUAGES spells it (NFC).

    get_available_languages would translate the names, and Django's own LANG_INFO spells
    "Tiếng Việt" decomposed.
    """
    return list(settings.LANGUAGES)


def _vietnamese_only(entity) -> bool:
    """True in the English interface for a name recorded only in Vietnamese."""
    english = getattr(entity, "name_en", None)
    if english is None:
        english = getattr(entity, "title_en", "")
    return get_language() == "en" and not english


@register.simple_tag
def shown_name(entity) -> str:
    """The entity's name for the interface language; in English, a name only recorded in
    Vietnamese is marked as such (lang="vi" and a hint) rather than passed off as English."""
    if not _vietnamese_only(entity):
        return entity.display_name
    return format_html(
        '<span lang="vi">{}</span> <span class="hint">{}</span>',
        entity.display_name,
        _("(Vietnamese name; no English name recorded)"),
    )


@register.simple_tag
def name_hint(entity) -> str:
    """In an index, after the link: the hint of `shown_name` alone."""
    if not _vietnamese_only(entity):
        return ""
    return format_html(
        ' <span class="hint">{}</span>', _("(Vietnamese name; no English name recorded)")
    )


@register.filter
def http_link(url) -> str:
    """The URL when it may be a link (absolute http or https), else "": templates show any
    other stored URL as text only. Checked at render time, whatever the database holds."""
    return http_url(str(url)) if url else ""
