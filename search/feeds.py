"""An Atom feed of a search, newest first: /search/feed?q=...

Valid Atom (RFC 4287): the feed names its author; summaries are plain text (`type="text"`), so
a feed reader shows markup from a capture as the text it is; titles are in the feed's language
(gettext, as the pages). Text that XML 1.0 cannot carry (control characters) is dropped here
too, whatever is stored. Served under the same rate limit and cost bound as the exports.
"""

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from archive.text import clean_text
from search.forms import SearchForm
from search.highlight import plain
from search.limits import bounded
from search.service import search_run

FEED_SIZE = 50


class TextAtom1Feed(Atom1Feed):
    """Atom whose summaries are `type="text"` (Django's are `type="html"`, which a reader would
    render: a capture's `<img onerror=...>` escaped once for XML arrives as live markup)."""

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, {**item, "description": None})
        if item.get("description") is not None:
            handler.addQuickElement("summary", item["description"], {"type": "text"})


class SearchFeed(Feed):
    feed_type = TextAtom1Feed

    def __call__(self, request, *args, **kwargs):
        return bounded(super().__call__)(request, *args, **kwargs)

    def get_object(self, request):
        form = SearchForm(request.GET)
        if not form.is_valid():
            raise Http404(form.problems())
        outcome = search_run(
            form.cleaned_data["q"], filters=form.chosen_filters(), sort="newest", facets=False
        )
        if outcome.error:
            raise Http404(outcome.error)
        outcome.query_string = urlencode(
            {k: v for k, v in request.GET.items() if k not in ("page", "sort")}
        )
        return outcome

    def title(self, outcome):
        return clean_text(
            _("Search: %(query)s — Cybercrime Cooperation Archive") % {"query": outcome.parsed.text}
        )

    def link(self, outcome):
        return f"{reverse('search')}?{outcome.query_string}"

    def subtitle(self, outcome):
        return clean_text(
            _("The newest articles matching %(query)s") % {"query": outcome.parsed.text}
        )

    def author_name(self, outcome):
        return _("Cybercrime Cooperation Archive")

    def items(self, outcome):
        return outcome.page(0, FEED_SIZE)

    def item_title(self, article):
        return clean_text(article.title)

    def item_description(self, article):
        return clean_text(plain(article.snippet_raw))

    def item_link(self, article):
        return article.get_absolute_url()

    def item_pubdate(self, article):
        return article.published_at

    def item_updateddate(self, article):
        return article.updated_at

    def feed_url(self, outcome):
        return f"{reverse('search_feed')}?{outcome.query_string}"
