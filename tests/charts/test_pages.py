"""The chart pages and exports over HTTP (Django's client), on the known fixture."""

import csv
import io
import re

import networkx as nx
import pytest
from django.utils import translation

from archive.models import Event, EventParticipant, Organisation
from tests.charts import fixture

PERIOD = "from=2022&to=2024"


def svg_of(html: str, chart: str) -> str:
    match = re.search(rf'<svg[^>]*data-chart="{chart}".*?</svg>', html, re.S)
    assert match, f"no {chart} SVG"
    return match.group(0)


def test_network_page_draws_nodes_that_open_their_pages(client, chart_world):
    html = client.get(f"/network/?{PERIOD}").content.decode()
    svg = svg_of(html, "network")
    for org in ("chart-a05", "chart-afp", "chart-interpol", "chart-nca"):
        assert f'href="/organisations/{org}/" class="node node-organisation" ' in svg
    assert 'href="/countries/sg/" class="node node-country"' in svg
    # An edge opens the evidence page; the table mirrors the drawing.
    assert "/network/edge/?from=2022&amp;to=2024&amp;a=" in svg
    assert "<details" in html and "/network/export.graphml?from=2022&amp;to=2024" in html


def test_network_edge_page_lists_the_shared_events_and_articles(client, chart_world):
    response = client.get(
        "/network/edge/", {"a": "organisation:chart-a05", "b": "organisation:chart-afp"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Chart Op 2024" in html and "Chart Conf 2024" in html
    assert "Chart Mou 2023" not in html
    assert "Chart bài hai" in html and "Chart bài ba" in html and "Chart bài một" not in html


def test_network_edge_page_refuses_unknown_nodes(client, chart_world):
    assert (
        client.get("/network/edge/", {"a": "organisation:nope", "b": "country:vn"}).status_code
        == 404
    )
    assert client.get("/network/", {"focus": "country:zz"}).status_code == 404


def test_network_exports_agree_with_each_other(client, chart_world):
    body = client.get(f"/network/export.json?{PERIOD}").json()
    ids = {n["id"] for n in body["nodes"]}
    graphml = nx.parse_graphml(b"".join(client.get(f"/network/export.graphml?{PERIOD}")))
    gexf_text = b"".join(client.get(f"/network/export.gexf?{PERIOD}")).decode()
    rows = list(
        csv.DictReader(
            io.StringIO(client.get(f"/network/export.csv?{PERIOD}").content.decode("utf-8-sig"))
        )
    )
    assert set(graphml.nodes) == ids
    assert graphml.number_of_edges() == len(body["edges"]) == len(rows)
    edge = graphml.edges["organisation:chart-a05", "organisation:chart-afp"]
    assert (edge["events"], edge["articles"]) == (2, 2)
    assert "<gexf" in gexf_text and "organisation:chart-a05" in gexf_text


def test_names_are_escaped_in_the_svg(client, chart_world):
    evil = Organisation.objects.create(slug="chart-evil", name='<script>alert("x")</script>')
    event = Event.objects.get(slug="chart-op-2024")
    EventParticipant.objects.create(event=event, role="participant", organisation=evil)
    html = client.get(f"/network/?{PERIOD}").content.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in svg_of(html, "network")


def test_map_shades_each_country_and_links_it(client, chart_world):
    html = client.get(f"/countries/?{PERIOD}").content.decode()
    svg = svg_of(html, "map")
    assert len(re.findall(r'class="country', svg)) > 170
    assert len(re.findall(r'<a href="/countries/[a-z]{2}/" class="country', svg)) == 5  # and VN
    for code, count in fixture.VN_PARTNERS_2022_2024.items():
        assert (
            f'href="/countries/{code.lower()}/" class="country partner" data-code="{code}" data-count="{count}"'
            in svg
        )
    data = client.get(f"/countries/map.json?{PERIOD}").json()
    assert data["focus"] == "VN"
    assert {
        r["code"]: r["events_with_focus"] for r in data["countries"]
    } == fixture.VN_PARTNERS_2022_2024


def test_map_focus_follows_the_country_filter(client, chart_world):
    data = client.get(f"/countries/map.json?{PERIOD}&country=GB").json()
    assert {r["code"]: r["events_with_focus"] for r in data["countries"]} == {
        "VN": 3,
        "AU": 1,
        "SG": 1,
    }


def test_timeline_bars_open_their_year(client, chart_world):
    html = client.get("/timeline/?from=2020&to=2024").content.decode()
    svg = svg_of(html, "timeline")
    periods = re.findall(r'href="(/timeline/\d+/)" class="bar" data-period="(\d+)"', svg)
    assert periods == [(f"/timeline/{y}/", str(y)) for y in range(2020, 2025)]
    assert svg.count('class="events" data-kind=') == 5
    rows = client.get("/timeline/data.json?from=2020&to=2024").json()["periods"]
    assert [(r["period"], r["articles"], r["events"]) for r in rows] == [
        ("2020", 0, 0),
        ("2021", 0, 0),
        ("2022", 0, 1),
        ("2023", 1, 1),
        ("2024", 2, 3),
    ]
    text = client.get("/timeline/data.csv?from=2020&to=2024").content.decode("utf-8-sig")
    assert text.splitlines()[0].startswith("period,articles,events,")


def test_numbers_in_the_svg_are_not_localised(client, chart_world):
    with translation.override("vi"):
        client.cookies["django_language"] = "vi"
        html = client.get("/countries/", HTTP_ACCEPT_LANGUAGE="vi").content.decode()
    assert 'viewBox="0 0 1000.0 434.7"' in html or 'viewBox="0 0 1000 434.7"' in html


def test_entity_pages_carry_their_network_and_timeline(client, chart_world):
    html = client.get("/organisations/chart-a05/").content.decode()
    network = svg_of(html, "network")
    assert 'class="node node-organisation focus" data-node="organisation:chart-a05"' in network
    assert 'data-node="organisation:chart-afp"' in network
    assert svg_of(html, "timeline")
    country = client.get("/countries/gb/").content.decode()
    # Three fixture events and the seeds' 2025 summit in London.
    assert 'class="country partner" data-code="VN" data-count="4"' in svg_of(country, "map")


def test_search_histogram_narrows_the_search(client, chart_world, django_assert_num_queries):
    with django_assert_num_queries(6):  # as many as without it (tests/search/test_surfaces.py)
        html = client.get("/search/", {"q": "chart"}).content.decode()
    svg = svg_of(html, "histogram")
    links = re.findall(r'<a href="([^"]+)" class="bar" data-period="([^"]+)"', svg)
    assert [p for _, p in links] == ["2023", "2024"]
    href = dict((p, h) for h, p in links)["2024"].replace("&amp;", "&")
    assert "published_after=2024-01-01" in href and "published_before=2024-12-31" in href
    narrowed = client.get("/search/" + href).content.decode()
    assert "Chart bài hai" in narrowed and "Chart bài ba" in narrowed
    assert "Chart bài một" not in narrowed


@pytest.mark.parametrize("path", ["/network/", "/countries/", "/timeline/"])
def test_chart_pages_query_count_is_bounded(
    client, chart_world, django_assert_max_num_queries, path
):
    client.get(path)  # fills the cache
    with django_assert_max_num_queries(12):
        assert client.get(path).status_code == 200


def test_search_histogram_draws_years_from_the_year_facet(client, chart_world):
    from tests.api.factories import make_article

    make_article(title="Chart bài cũ", body="Chart bài cũ", published_on="2015-05-01")
    # In English: the bar titles are translated (one language per page, issue 23).
    html = client.get("/search/", {"q": "chart"}, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    links = re.findall(
        r'<a href="([^"]+)" class="bar" data-period="([^"]+)"', svg_of(html, "histogram")
    )
    assert [p for _, p in links] == [str(y) for y in range(2015, 2025)]
    bars = dict((p, h.replace("&amp;", "&")) for h, p in links)
    assert "published_after=2024-01-01" in bars["2024"]
    assert "published_before=2024-12-31" in bars["2024"]
    assert "2024: 2 matches" in html and "2016: 0 matches" in html
