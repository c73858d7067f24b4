"""Chart pages and exports, and the chart context the browse pages add to theirs.

Views validate the filters, take the (cached) aggregate, and render; the SVG is written by the
templates under templates/charts/."""

import csv

import networkx as nx
from django.core.cache import cache
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from archive.charts import geo, svg
from archive.charts.filters import ChartFilters, country_choices, kind_choices
from archive.charts.network import (
    Network,
    cooperation_network,
    data_stamp,
    events_involving,
    node_key,
    node_record,
)
from archive.charts.timeline import Timeline, timeline_bars
from archive.models import Event

CACHE_SECONDS = 600
EDGE_PAGE_SIZE = 25


def _stamp(request) -> tuple:
    """The archive's state, read once a request however many charts the page has."""
    if not hasattr(request, "_charts_stamp"):
        request._charts_stamp = data_stamp()
    return request._charts_stamp


def cached(request, name: str, filters: ChartFilters, compute, *extra):
    """`compute()`, kept per chart, filters (the period among them), language and the
    archive's state: an edit to articles or events is seen at once, the rest for 10 min."""
    parts = (*extra, *_stamp(request))
    key = ":".join(["charts", name, filters.key(), get_language() or "", *map(str, parts)])
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, CACHE_SECONDS)
    return value


def _fragment(request, template: str, context: dict, name: str, filters, *extra) -> str:
    """The chart's SVG, table and links rendered once and kept like its data: drawing a map's
    180 countries through the template engine costs more than counting them."""
    html = cached(
        request, name + ":html", filters, lambda: render_to_string(template, context), *extra
    )
    return mark_safe(html)  # noqa: S308 - rendered by our own template, which escapes


def _form(request, filters: ChartFilters, *, country_label=None) -> dict:
    return {
        "filters": filters,
        "kinds": kind_choices(),
        "countries": country_choices(),
        "country_label": country_label,
        "action": request.path,
    }


# -- network -------------------------------------------------------------------------------


def _network(request, filters: ChartFilters, focus: str | None, people: bool) -> Network:
    def compute():
        articles = filters.articles() if filters.active() else None
        return cooperation_network(filters.events(), articles, focus=focus, people=people)

    return cached(request, "network", filters, compute, focus or "", int(people))


def network_context(
    request, filters: ChartFilters, focus: str | None = None, people=False, page_link=""
):
    """The network and its drawing (`network_html`); `focus` a node key such as "o12"."""
    network = _network(request, filters, focus, people)
    base = reverse("network_edge")

    def edge_href(a, b):
        return f"{base}{filters.query(a=a.id, b=b.id)}"

    focus_id = (
        network.node(focus).id if focus and any(n.key == focus for n in network.nodes) else ""
    )
    exports = {
        fmt: reverse("network_export", args=[fmt])
        + filters.query(focus=focus_id or None, people=int(people) or None)
        for fmt in ("csv", "json", "graphml", "gexf")
    }
    context = {"network": network, "exports": exports, "network_page": page_link}
    context["drawing"] = svg.network_drawing(network, edge_href)
    context["network_html"] = _fragment(
        request, "charts/_network.html", context, "network", filters, focus or "", int(people)
    )
    return context


def _focus_and_people(request):
    focus_id = request.GET.get("focus", "")
    focus = node_key(focus_id) if focus_id else None
    if focus_id and not focus:
        raise Http404("No such organisation, country or person.")
    return focus, request.GET.get("people") == "1"


def network_page(request):
    filters = ChartFilters.from_query(request.GET)
    focus, people = _focus_and_people(request)
    context = {
        **_form(request, filters),
        **network_context(request, filters, focus, people),
        "people": people,
        "focus_record": node_record(focus) if focus else None,
    }
    return render(request, "charts/network.html", context)


def _csv_cell(value) -> str:
    """Keep spreadsheets from running a cell as a formula."""
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def _csv(rows: list[dict], filename: str) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response.write("\ufeff")  # so spreadsheet programs read UTF-8
    writer = csv.DictWriter(response, fieldnames=list(rows[0]) if rows else ["empty"])
    writer.writeheader()
    for row in rows:
        writer.writerow({k: _csv_cell(v) for k, v in row.items()})
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _json(body: dict, filename: str) -> HttpResponse:
    response = JsonResponse(body, json_dumps_params={"ensure_ascii": False, "indent": 1})
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def network_export(request, fmt: str):
    filters = ChartFilters.from_query(request.GET)
    focus, people = _focus_and_people(request)
    network = _network(request, filters, focus, people)
    by_key = {n.key: n for n in network.nodes}
    nodes = [
        {
            "id": n.id,
            "kind": n.kind,
            "name": n.name,
            "url": request.build_absolute_uri(n.url),
            "events": n.events,
            "articles": n.articles,
            "x": n.x,
            "y": n.y,
        }
        for n in network.nodes
    ]
    edges = [
        {
            "source": by_key[e.a].id,
            "target": by_key[e.b].id,
            "source_name": by_key[e.a].name,
            "target_name": by_key[e.b].name,
            "events": e.events,
            "event_weight": e.event_weight,
            "articles": e.articles,
            "weight": round(e.weight, 4),
            "event_ids": " ".join(map(str, e.event_ids)),
        }
        for e in network.edges
    ]
    if fmt == "csv":
        return _csv(edges, "network-edges.csv")
    if fmt == "json":
        return _json({"filters": filters.params(), "nodes": nodes, "edges": edges}, "network.json")
    graph = network.graph()
    for node in graph.nodes.values():
        node["url"] = request.build_absolute_uri(node["url"])
    writer = nx.generate_graphml if fmt == "graphml" else nx.generate_gexf
    response = HttpResponse("\n".join(writer(graph)), content_type="application/xml")
    response["Content-Disposition"] = f'attachment; filename="network.{fmt}"'
    return response


def network_edge(request):
    """What lies behind an edge: the events both took part in, the articles naming both."""
    filters = ChartFilters.from_query(request.GET)
    a, b = node_key(request.GET.get("a", "")), node_key(request.GET.get("b", ""))
    if not a or not b or a == b:
        raise Http404("An edge joins two known organisations, countries or people.")
    first, second = node_record(a), node_record(b)
    events = events_involving(events_involving(filters.events(), a), b).select_related("country")
    articles = filters.articles().mentioning(first).mentioning(second)
    page = Paginator(articles.select_related("source").newest_first(), EDGE_PAGE_SIZE)
    context = {
        "first": first,
        "second": second,
        "filters": filters,
        "events": events.order_by(*Event._meta.ordering),
        "articles": page.get_page(request.GET.get("page")),
    }
    return render(request, "charts/network_edge.html", context)


# -- map -----------------------------------------------------------------------------------


def map_context(request, filters: ChartFilters, focus: str | None = geo.DEFAULT_FOCUS) -> dict:
    # The map's country is its focus, so it does not narrow the events to that country first:
    # partner_counts keeps the events the focus shares.
    events = ChartFilters(filters.start, filters.end, filters.kind).events()
    world = cached(request, "map", filters, lambda: geo.world_map(events, focus), focus or "")
    query = ChartFilters(filters.start, filters.end, filters.kind, focus)
    context = {
        "world": world,
        "map_exports": {
            fmt: reverse("map_export", args=[fmt]) + query.query() for fmt in ("csv", "json")
        },
        "regions_drawn": [r for r in world.regions if r.path or r.dot],
    }
    context["map_html"] = _fragment(
        request, "charts/_map.html", context, "map", filters, focus or ""
    )
    return context


def _map_focus(filters: ChartFilters) -> str:
    return filters.country or geo.DEFAULT_FOCUS


def map_export(request, fmt: str):
    filters = ChartFilters.from_query(request.GET)
    world = map_context(request, filters, _map_focus(filters))["world"]
    rows = [
        {
            "code": r.code,
            "country": r.name,
            "events_with_focus": r.count,
            "url": request.build_absolute_uri(r.url),
        }
        for r in world.partners
    ]
    if fmt == "csv":
        return _csv(rows, "partners.csv")
    focus = world.focus.code if world.focus else None
    return _json({"focus": focus, "filters": filters.params(), "countries": rows}, "partners.json")


# -- timeline ------------------------------------------------------------------------------


def _year_href(bar) -> str:
    return reverse("timeline_year", args=[bar.year])


def timeline_context(
    request,
    filters: ChartFilters,
    articles=None,
    events=None,
    *,
    name="timeline",
    extra="",
    exports=True,
) -> dict:
    """The chart of `articles` and `events` (default: the whole archive), narrowed by the
    filters; each bar opens its year's page."""

    def compute() -> Timeline:
        return timeline_bars(
            filters.articles(articles),
            filters.events(events),
            first=filters.start,
            last=filters.end,
        )

    timeline = cached(request, name, filters, compute, extra)
    context = {"timeline": timeline, "chart": svg.timeline_chart(timeline, _year_href)}
    if exports:
        context["timeline_exports"] = {
            fmt: reverse("timeline_export", args=[fmt]) + filters.query() for fmt in ("csv", "json")
        }
    context["timeline_html"] = _fragment(
        request, "charts/_timeline.html", context, name, filters, extra
    )
    return context


def timeline_export(request, fmt: str):
    filters = ChartFilters.from_query(request.GET)
    timeline = timeline_context(request, filters)["timeline"]
    rows = timeline.rows()
    if fmt == "csv":
        return _csv(rows, "timeline.csv")
    body = {
        "unit": timeline.unit,
        "filters": filters.params(),
        "undated_articles": timeline.undated_articles,
        "undated_events": timeline.undated_events,
        "periods": rows,
    }
    return _json(body, "timeline.json")


# -- what the browse pages add ---------------------------------------------------------------


def countries_charts(request) -> dict:
    filters = ChartFilters.from_query(request.GET)
    return {**_form(request, filters), **map_context(request, filters, _map_focus(filters))}


def timeline_charts(request, years) -> dict:
    """The chart, and `years()` (the page's list of years: two GROUP BYs over the archive)
    kept in the cache with it."""
    filters = ChartFilters.from_query(request.GET)
    return {
        **_form(request, filters),
        **timeline_context(request, filters),
        "years": cached(request, "years", ChartFilters(), years),
    }


def entity_charts(request, record, *, articles, events) -> dict:
    """An organisation's, person's or country's own network and timeline (a country's map
    too), over the whole archive."""
    filters = ChartFilters()
    kind = type(record).__name__.lower()
    key = f"{kind[0]}{record.pk}"
    ref = record.pk.lower() if kind == "country" else record.slug
    page_link = reverse("network") + f"?focus={kind}:{ref}"
    context = {
        **network_context(request, filters, key, page_link=page_link),
        **timeline_context(
            request,
            filters,
            articles,
            events,
            name=f"timeline-{kind}",
            extra=record.pk,
            exports=False,
        ),
    }
    if kind == "country":
        context.update(map_context(request, filters, record.pk))
    return context
