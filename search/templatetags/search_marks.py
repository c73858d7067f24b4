"""{{ text|highlight:parsed }}: escaped text with the search's matches in <mark>; and the
parsed query of an article page opened from a search."""

from django import template

from search.highlight import highlighted, query_to_highlight

register = template.Library()


@register.filter
def highlight(text, parsed):
    """Without a search, the text as it is (autoescaped by the template)."""
    return text if parsed is None else highlighted(text, parsed)


@register.simple_tag
def query_highlight(q):
    """{% query_highlight request.GET.q as highlight %}: the parsed query an article page opened
    from a search marks (None without a usable query)."""
    return query_to_highlight(q)
