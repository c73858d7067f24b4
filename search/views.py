"""The search page: validate, search, paginate, render."""

import time

from django.core.paginator import Paginator
from django.shortcuts import render

from search.highlight import marked
from search.parser import parse_query
from search.query import SORTS, article_search, with_snippets

PAGE_SIZE = 20


def search_page(request):
    raw = request.GET.get("q", "")
    sort = request.GET.get("sort", "relevance")
    sort = sort if sort in SORTS else "relevance"
    context = {"q": raw, "sort": sort, "sorts": SORTS}
    if "q" in request.GET:
        parsed = parse_query(raw)
        if not parsed.ok:
            context["error"] = parsed.error
        else:
            started = time.perf_counter()
            qs = with_snippets(article_search(parsed, sort=sort), parsed)
            page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
            for article in page.object_list:
                article.snippet = marked(article.snippet_raw)
            context.update(page=page, elapsed_ms=(time.perf_counter() - started) * 1000)
    return render(request, "search/results.html", context)
