"""Pages of an article's versions: which captures it has, and a word diff of two of them."""

from django.contrib.admin.views.decorators import staff_member_required
from django.http import Http404
from django.shortcuts import get_object_or_404, render

from archive.collect.politeness import Refused, address_check
from archive.collect.versions import article_captures, diff_counts, version_text, word_diff
from archive.models import Article


def _pick(versions, value, default):
    if value and str(value).isdigit():
        for capture in versions:
            if capture.pk == int(value):
                return capture
        raise Http404("no such version of this article")
    return default


def article_versions_page(request, slug: str):
    article = get_object_or_404(Article, slug=slug)
    captures = list(article_captures(article))
    versions = [c for c in captures if c.status == c.Status.ARTICLE]
    context = {"article": article, "captures": captures, "versions": versions}
    if len(versions) >= 2:
        new = _pick(versions, request.GET.get("b"), versions[-1])
        old = _pick(
            versions, request.GET.get("a"), versions[-2] if new == versions[-1] else versions[0]
        )
        old_text, new_text = version_text(old), version_text(new)
        removed, added = diff_counts(old_text.text, new_text.text)
        context.update(
            old=old,
            new=new,
            old_text=old_text,
            new_text=new_text,
            diff=word_diff(old_text.text, new_text.text),
            removed=removed,
            added=added,
        )
    return render(request, "archive/article_versions.html", context)


@staff_member_required
def save_page(request):
    """ "Save a page" for signed-in curators: the URL is queued as a capture job, as
    `POST /api/v1/captures` does; the page says which job and where to follow it."""
    from archive.collect.tasks import capture_enqueue

    context = {"url": "", "error": "", "job": None}
    if request.method == "POST":
        url = request.POST.get("url", "").strip()[:2000]
        context["url"] = url
        try:
            if not url.startswith(("http://", "https://")):
                raise Refused("give an http or https URL")
            address_check(url)
        except Refused as exc:
            context["error"] = str(exc)
        else:
            context["job"] = capture_enqueue(url)
    return render(
        request, "archive/save_page.html", context, status=422 if context["error"] else 200
    )
