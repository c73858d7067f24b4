"""{{ text|highlight:parsed }}: escaped text with the search's matches in <mark>."""

from django import template

from search.highlight import highlighted

register = template.Library()


@register.filter
def highlight(text, parsed):
    """Without a search, the text as it is (autoescaped by the template)."""
    return text if parsed is None else highlighted(text, parsed)
