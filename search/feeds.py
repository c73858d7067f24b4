"""An Atom feed of a search, newest first: /search/feed?q=..."""

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from search.forms import SearchForm
from search.highlight import plain
from search.service import search_run

FEED_SIZE = 50


class SearchFeed(Feed):
    feed_type = Atom1Feed

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
        return _("Search: %(query)s — Cybercrime Cooperation Archive") % {
            "query": outcome.parsed.text
        }

    def link(self, outcome):
        return f"{reverse('search')}?{outcome.query_string}"

    def subtitle(self, outcome):
        return _("The newest articles matching %(query)s") % {"query": outcome.parsed.text}

    def items(self, outcome):
        return outcome.page(0, FEED_SIZE)

    def item_title(self, article):
        return article.title

    def item_description(self, article):
        return plain(article.snippet_raw)

    def item_link(self, article):
        return article.get_absolute_url()

    def item_pubdate(self, article):
        return article.published_at

    def item_updateddate(self, article):
        return article.updated_at

    def feed_url(self, outcome):
        return f"{reverse('search_feed')}?{outcome.query_string}"
