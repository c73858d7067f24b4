"""{% article_versions article as versions %}: an article's versions, for its page (no bytes)."""

from django import template

from archive.collect.versions import article_versions as versions_of

register = template.Library()


@register.simple_tag
def article_versions(article):
    return list(versions_of(article).only("id", "fetched_at", "how", "sha256", "url", "article_id"))
