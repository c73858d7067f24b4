"""Slugs of merged records lead to the record that absorbed them."""

from django.http import Http404, HttpResponsePermanentRedirect
from django.urls import reverse

from archive.models import SlugRedirect

VIEWS = {
    "organisation": "organisation_detail",
    "person": "person_detail",
    "event": "event_detail",
}


def redirect_or_404(kind: str, slug: str):
    """A permanent redirect to where a merged record went, or a 404."""
    found = SlugRedirect.objects.filter(kind=kind, old_slug=slug).first()
    if found is None:
        raise Http404(f"No {kind} {slug!r}.")
    return HttpResponsePermanentRedirect(reverse(VIEWS[kind], args=[found.new_slug]))
