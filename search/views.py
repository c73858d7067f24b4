"""Search pages: validate, search, paginate, render. The work is in search.service."""

import csv
import json

from django.core.paginator import Paginator
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

from search.forms import SearchForm
from search.highlight import plain
from search.histogram import search_histogram
from search.limits import bounded
from search.query import SORTS
from search.service import search_run

PAGE_SIZE = 20
EXPORT_LIMIT = 1000


def _outcome(request, *, facets: bool):
    """(outcome or None, error message)."""
    form = SearchForm(request.GET)
    if not form.is_valid():
        return None, form.problems()
    outcome = search_run(
        form.cleaned_data["q"],
        filters=form.chosen_filters(),
        sort=form.chosen_sort(),
        facets=facets,
    )
    return outcome, outcome.error


def search_page(request):
    outcome, error = _outcome(request, facets=True)
    context = {"q": request.GET.get("q", ""), "sort": request.GET.get("sort", "relevance")}
    if "q" in request.GET or any(request.GET.values()):
        context["error"] = error
    if outcome and not error:
        page = Paginator(outcome.sliceable(), PAGE_SIZE).get_page(request.GET.get("page"))
        context.update(
            page=page,
            outcome=outcome,
            facets=facet_links(request.GET, outcome.facets),
            entities=[
                {
                    "entity": e,
                    "kind": KIND_TITLES[e.kind],
                    "filter": _with(request.GET, **{e.kind: e.slug}),
                }
                for e in outcome.entities
            ],
            sort_links=[(s, _with(request.GET, sort=s)) for s in SORTS],
            active_filters=[
                (FILTER_TITLES[name], value, _with(request.GET, **{name: None}))
                for name, value in outcome.filters.active().items()
            ],
            pager_params=_with(request.GET).lstrip("?"),
            histogram=search_histogram(outcome, lambda **p: _with(request.GET, **p)),
        )
        context["elapsed_ms"] = outcome.elapsed_ms
    status = 400 if context.get("error") and outcome is None else 200
    return render(request, "search/results.html", context, status=status)


def search_help(request):
    return render(request, "search/help.html")


def _export_rows(outcome):
    for article in outcome.page(0, EXPORT_LIMIT):
        yield {
            "id": article.id,
            "title": article.title,
            "url": article.get_absolute_url(),
            "source": article.source.name if article.source else "",
            "published_on": article.published_on.isoformat() if article.published_on else "",
            "language": article.language,
            "score": round(article.rank, 6),
            "snippet": plain(article.snippet_raw),
        }


def _csv_cell(value):
    """Keep spreadsheets from running a cell as a formula."""
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


@bounded
def search_export(request, fmt: str):
    outcome, error = _outcome(request, facets=False)
    if error:
        return JsonResponse({"code": "bad_query", "message": error}, status=400)
    rows = [{**row, "url": request.build_absolute_uri(row["url"])} for row in _export_rows(outcome)]
    if fmt == "json":
        body = {
            "query": outcome.parsed.text,
            "count": outcome.total,
            "count_is_estimate": outcome.estimated,
            "items": rows,
        }
        response = HttpResponse(
            json.dumps(body, ensure_ascii=False, indent=1), content_type="application/json"
        )
    else:
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response.write("\ufeff")  # so spreadsheet programs read UTF-8
        writer = csv.DictWriter(response, fieldnames=list(rows[0]) if rows else ["id"])
        writer.writeheader()
        for row in rows:
            writer.writerow({k: _csv_cell(v) for k, v in row.items()})
    response["Content-Disposition"] = f'attachment; filename="search.{fmt}"'
    return response


FILTER_TITLES = {
    "published_after": _("From"),
    "published_before": _("Until"),
    "source": _("Source"),
    "language": _("Language"),
    "organisation": _("Organisation"),
    "person": _("Person"),
    "event": _("Event"),
    "country": _("Country"),
}
KIND_TITLES = {"organisation": _("organisation"), "person": _("person"), "event": _("event")}
FACET_TITLES = {
    "year": _("Year"),
    "source": _("Source"),
    "language": _("Language"),
    "organisation": _("Organisation"),
    "person": _("Person"),
    "event": _("Event"),
    "country": _("Country"),
}


def _with(params, **changes) -> str:
    """The current query string with `changes` applied (None removes); back to page 1."""
    query = params.copy()
    query.pop("page", None)
    for key, value in changes.items():
        query.pop(key, None)
        if value is not None:
            query[key] = value
    return "?" + query.urlencode()


LANGUAGE_NAMES = {"vi": _("Vietnamese"), "en": _("English")}


def language_name(code: str) -> str:
    """A language code as its name in the reader's language ("vi": Tiếng Việt / Vietnamese)."""
    if code in LANGUAGE_NAMES:
        return str(LANGUAGE_NAMES[code])
    try:
        return str(get_language_info(code)["name_translated"])
    except KeyError:
        return code


def facet_links(params, facets: dict) -> list[dict]:
    """Each facet's values as links that add the filter, or remove it when chosen."""
    blocks = []
    for name, values in facets.items():
        links = []
        for v in values:
            if name == "year":
                change = (
                    {"published_after": None, "published_before": None}
                    if v.selected
                    else {
                        "published_after": f"{v.value}-01-01",
                        "published_before": f"{v.value}-12-31",
                    }
                )
            else:
                change = {name: None if v.selected else v.value}
            links.append(
                {
                    "label": language_name(v.value) if name == "language" else v.label,
                    "count": v.count,
                    "selected": v.selected,
                    "href": _with(params, **change),
                }
            )
        if links:
            blocks.append({"name": name, "title": FACET_TITLES[name], "links": links})
    return blocks
