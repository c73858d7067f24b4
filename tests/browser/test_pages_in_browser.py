"""Open every kind of page in headless Chromium, follow links, switch language, screenshot."""

import re

import pytest

from tests.browser.conftest import screenshot

ARTICLE = (
    "/articles/bo-truong-bo-cong-an-tham-du-hoi-nghi-thuong-dinh-ve-an-ninh-bien-gioi-tai-anh/"
)
HANOI = "/events/hoi-nghi-hop-tac-quoc-te-phong-chong-toi-pham-cong-nghe-cao-ha-noi/"

PAGES = {
    "home": "/",
    "article": ARTICLE,
    "capture": ARTICLE + "capture/",
    "organisation": "/organisations/c50/",
    "person": "/people/luong-tam-quang/",
    "event": HANOI,
    "country": "/countries/vn/",
    "source": "/sources/bao-cand/",
    "organisations": "/organisations/",
    "people": "/people/",
    "events": "/events/",
    "countries": "/countries/",
    "sources": "/sources/",
    "timeline": "/timeline/",
    "timeline-year": "/timeline/2025/",
    "about": "/about/",
    "not-found": "/no-such-page/",
}


@pytest.mark.parametrize("name", PAGES)
def test_each_page_at_desktop_and_phone_width(site_url, desktop, phone, name):
    for label, page in (("desktop", desktop), ("phone", phone)):
        response = page.goto(site_url + PAGES[name])
        assert response.status == (404 if name == "not-found" else 200)
        assert page.title()
        assert page.locator("h1").count() == 1
        assert page.locator("main").count() == 1
        # Nothing wider than the screen: no sideways scrolling on a 375-px phone.
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{name} scrolls sideways by {overflow}px at {label} width"
        screenshot(page, f"{name}-{label}")


def test_home_to_index_to_organisation_hierarchy(site_url, desktop):
    desktop.goto(site_url + "/")
    assert desktop.locator("html").get_attribute("lang") == "en"
    desktop.get_by_role("navigation", name="Browse").get_by_role(
        "link", name="Organisations"
    ).click()
    assert desktop.url.endswith("/organisations/")
    desktop.get_by_role("link", name="Ministry of Public Security", exact=True).click()
    assert desktop.url.endswith("/organisations/bo-cong-an/")
    desktop.locator('dd a[href="/organisations/tong-cuc-vi/"]').first.click()
    assert desktop.url.endswith("/organisations/tong-cuc-vi/")
    desktop.locator('a[href="/organisations/c50/"]').first.click()
    assert desktop.locator("h1").inner_text().endswith("(C50)")


def test_article_links_mentions_and_cites(site_url, desktop):
    desktop.goto(site_url + "/")
    desktop.get_by_role("link", name=re.compile("^Bộ trưởng Bộ Công an tham dự")).first.click()
    assert desktop.url.endswith(ARTICLE)
    citation = desktop.locator("#citation").input_value()
    assert "Phong Hà" in citation and site_url + ARTICLE in citation
    assert desktop.locator('script[type="application/ld+json"]').count() == 1
    assert (
        desktop.locator('meta[property="og:title"]')
        .get_attribute("content")
        .startswith("Bộ trưởng")
    )
    desktop.locator(".lede a.mention", has_text="Lương Tam Quang").click()
    assert desktop.url.endswith("/people/luong-tam-quang/")
    assert "Bộ trưởng" in desktop.locator("main").inner_text()
    desktop.go_back()
    desktop.get_by_role("link", name="Original capture").click()
    assert "SHA-256" in desktop.locator("main").inner_text()


def test_language_switch_without_javascript(site_url, page_vi):
    page_vi.goto(site_url + HANOI)
    assert page_vi.locator("html").get_attribute("lang") == "vi"
    assert "ngày 29 tháng 10 (không rõ năm)" in page_vi.locator("main").inner_text()
    page_vi.get_by_role("button", name="English").click()
    assert page_vi.url.endswith(HANOI)
    assert page_vi.locator("html").get_attribute("lang") == "en"
    assert "29 October, year unknown" in page_vi.locator("main").inner_text()
    assert (
        page_vi.get_by_role("navigation", name="Browse").get_by_role("link", name="People").count()
        == 1
    )
    screenshot(page_vi, "event-after-switch-to-en-desktop")
    page_vi.get_by_role("button", name="Tiếng Việt").click()
    assert page_vi.locator("html").get_attribute("lang") == "vi"
    assert page_vi.get_by_role("link", name="Nhân vật").count() >= 1


def test_search_from_home_without_javascript(site_url, page_vi):
    page_vi.goto(site_url + "/")
    page_vi.get_by_label("Tìm trong kho lưu trữ (không cần gõ dấu)").fill("luong tam quang")
    page_vi.locator("form.search-big button").click()
    assert "/search/?q=luong+tam+quang" in page_vi.url
    assert page_vi.locator("main mark").count() > 0


def test_keyboard_focus_is_visible(site_url, desktop):
    desktop.goto(site_url + "/")
    desktop.keyboard.press("Tab")
    skip = desktop.locator("a.skip")
    assert skip.evaluate("el => el === document.activeElement")
    assert skip.evaluate("el => getComputedStyle(el).left") != "-999px"
