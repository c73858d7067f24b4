"""The charts in Chromium, with JavaScript on and off, at 1280 and 390 px: the SVG holds the
fixture's nodes, bars and countries, and a node, a bar and a country open the right page."""

from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.browser.conftest import screenshot
from tests.charts import fixture

pytestmark = [pytest.mark.slow, pytest.mark.browser]

WIDTHS = {"desktop": 1280, "phone": 390}
CHARTS = {
    "network": "/network/?from=2022&to=2024",
    "map": "/countries/?from=2022&to=2024",
    "timeline": "/timeline/?from=2020&to=2024",
    "histogram": "/search/?q=chart",
    "organisation": "/organisations/chart-a05/",
}


def _in_a_thread(work):
    """Run database work in a thread of its own: Playwright's sync API keeps an event loop
    running in this one, where Django refuses to touch the database."""

    def run():
        from django.db import connection

        try:
            return work()
        finally:
            connection.close()

    with ThreadPoolExecutor(1) as pool:
        return pool.submit(run).result()


def _remove(built):
    from archive.models import Article, Event, Organisation

    Article.objects.filter(pk__in=[a.pk for a in built["articles"].values()]).delete()
    Event.objects.filter(slug__in=fixture.EVENTS).delete()
    Organisation.objects.filter(slug__in=fixture.ORGS).delete()


@pytest.fixture(scope="module")
def chart_data(django_db_setup, django_db_blocker):
    """The fixture committed, so that the gunicorn process sees it; removed afterwards so
    that later tests see the database as the seeds left it."""
    with django_db_blocker.unblock():
        built = _in_a_thread(fixture.build)
        yield built
        _in_a_thread(lambda: _remove(built))


@pytest.fixture(params=[True, False], ids=["js", "nojs"])
def javascript(request):
    return request.param


@pytest.fixture(params=list(WIDTHS), ids=list(WIDTHS))
def chart_page(request, browser, javascript):
    width = WIDTHS[request.param]
    context = browser.new_context(
        viewport={"width": width, "height": 900}, locale="en-GB", java_script_enabled=javascript
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.errors = []
    page.on("console", lambda m: _console(page, m))
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    page.label = f"{request.param}-{'js' if javascript else 'nojs'}"
    yield page
    context.close()


def _console(page, message):
    # The browser asks for /favicon.ico on its own, and the archive has none (a 404).
    if message.type == "error" and "favicon.ico" not in message.location.get("url", ""):
        page.errors.append(f"{message.text} ({message.location.get('url')})")


def _open(page, url: str, name: str):
    response = page.goto(url)
    assert response.status == 200
    page.wait_for_load_state("load")
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{name} scrolls sideways by {overflow}px"
    screenshot(page, f"chart-{name}-{page.label}")
    assert page.errors == []  # no script error, no CSP refusal


def test_network(site_url, chart_data, chart_page, javascript):
    _open(chart_page, site_url + CHARTS["network"], "network")
    nodes = chart_page.locator("svg[data-chart=network] a.node")
    ids = set(nodes.evaluate_all("els => els.map(e => e.dataset.node)"))
    assert {
        "organisation:chart-a05",
        "organisation:chart-afp",
        "organisation:chart-interpol",
        "organisation:chart-nca",
        "country:kh",
        "country:sg",
    } <= ids
    assert chart_page.locator("svg[data-chart=network] a.edge").count() >= 10
    assert chart_page.locator(".zoom-controls button").count() == (3 if javascript else 0)
    chart_page.locator('a.node[data-node="organisation:chart-afp"]').click()
    chart_page.wait_for_url("**/organisations/chart-afp/")


def test_network_edge(site_url, chart_data, chart_page):
    _open(chart_page, site_url + CHARTS["network"], "network-edge")
    edge = chart_page.locator(
        'a.edge[data-a="organisation:chart-a05"][data-b="organisation:chart-afp"], '
        'a.edge[data-a="organisation:chart-afp"][data-b="organisation:chart-a05"]'
    )
    href = edge.get_attribute("href")
    chart_page.goto(site_url + href)
    assert chart_page.locator("h1").inner_text().count("Chart") == 2
    assert chart_page.get_by_role("link", name="Chart Op 2024").count() == 1


def test_map(site_url, chart_data, chart_page):
    _open(chart_page, site_url + CHARTS["map"], "map")
    countries = chart_page.locator("svg[data-chart=map] .country")
    assert countries.count() > 170
    # Only countries with events (and the focus) are links: the others have no records.
    assert chart_page.locator("svg[data-chart=map] a.country").count() == 5
    partners = chart_page.locator("svg[data-chart=map] a.country.partner").evaluate_all(
        "els => Object.fromEntries(els.map(e => [e.dataset.code, +e.dataset.count]))"
    )
    assert partners == fixture.VN_PARTNERS_2022_2024
    chart_page.locator('a.country[data-code="AU"]').click()
    chart_page.wait_for_url("**/countries/au/")


def test_timeline(site_url, chart_data, chart_page):
    _open(chart_page, site_url + CHARTS["timeline"], "timeline")
    bars = chart_page.locator("svg[data-chart=timeline] a.bar")
    assert bars.evaluate_all("els => els.map(e => e.dataset.period)") == [
        "2020",
        "2021",
        "2022",
        "2023",
        "2024",
    ]
    assert chart_page.locator('a.bar[data-period="2024"] rect.events').count() == 3
    chart_page.locator('a.bar[data-period="2023"]').click()
    chart_page.wait_for_url("**/timeline/2023/")
    assert chart_page.get_by_role("link", name="Chart Mou 2023").count() == 1


def test_search_histogram(site_url, chart_data, chart_page):
    _open(chart_page, site_url + CHARTS["histogram"], "histogram")
    bars = chart_page.locator("svg[data-chart=histogram] a.bar")
    assert bars.evaluate_all("els => els.map(e => e.dataset.period)") == ["2023", "2024"]
    chart_page.locator('a.bar[data-period="2023"]').click()
    chart_page.wait_for_url("**published_after=2023-01-01**")
    assert chart_page.get_by_role("link", name="Chart bài một").count() == 1
    assert chart_page.get_by_role("link", name="Chart bài hai").count() == 0


def test_entity_page_charts(site_url, chart_data, chart_page):
    _open(chart_page, site_url + CHARTS["organisation"], "organisation")
    focus = chart_page.locator("svg[data-chart=network] a.node.focus")
    assert focus.get_attribute("data-node") == "organisation:chart-a05"
    assert chart_page.locator("svg[data-chart=timeline] a.bar").count() >= 2
