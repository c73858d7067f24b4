"""Every page kind speaks one language at a time: rendered in Vietnamese, no interface string
is left in English, and rendered in English, none is left in Vietnamese.

The strings come from the catalogue itself (archive/locale/vi/LC_MESSAGES/django.po): each
translated message's English source must not show on a Vietnamese page, and its Vietnamese
translation must not show on an English one. Only what a reader sees is read: the text and the
placeholder, title, aria-label and alt attributes; the archive's own data (Vietnamese titles on
an English page) is not interface and is left out by reading the catalogue's strings only.
"""

import html
import re

import pytest
from babel.messages.pofile import read_po
from django.conf import settings

PO = settings.BASE_DIR / "archive" / "locale" / "vi" / "LC_MESSAGES" / "django.po"
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\{.*?\}\}")


def fragments(message: str) -> list[str]:
    """The literal runs of a message between its placeholders, long enough to be telling."""
    parts = [p.strip(" .,:;()—-") for p in PLACEHOLDER.split(message)]
    return [p for p in parts if len(p) >= 12 and " " in p]


def catalogue() -> list[tuple[str, str]]:
    with PO.open("rb") as handle:
        messages = read_po(handle)
    pairs = []
    for message in messages:
        if not message.id or message.fuzzy:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for english, vietnamese in zip(ids, strings, strict=False):
            if english and vietnamese and english != vietnamese:
                pairs.append((english, vietnamese))
    return pairs


ENGLISH = sorted({f for english, _ in catalogue() for f in fragments(english)})
VIETNAMESE = sorted({f for _, vietnamese in catalogue() for f in fragments(vietnamese)})


def seen_text(page: str) -> str:
    """What a reader sees or hears: text outside tags, and the user-facing attributes."""
    page = re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", page)
    attributes = re.findall(r'(?:placeholder|title|aria-label|alt)="([^"]*)"', page)
    text = re.sub(r"(?s)<[^>]+>", " ", page)
    return re.sub(r"\s+", " ", html.unescape(" ".join([text, *attributes])))


PAGES = [
    "/",
    "/search/?q=toi+pham+cong+nghe+cao",
    "/search/?q=%20%20",
    "/search/?q=cong+an&published_after=not-a-date",
    "/search/help/",
    "/organisations/",
    "/organisations/c50/",
    "/people/",
    "/people/le-quy-vuong/",
    "/events/",
    "/events/hoi-nghi-hop-tac-quoc-te-phong-chong-toi-pham-cong-nghe-cao-ha-noi/",
    "/countries/",
    "/countries/vn/",
    "/sources/",
    "/sources/bao-cand/",
    "/timeline/",
    "/timeline/undated/",
    "/about/",
    "/no-such-page/",
]
STATUS = {"/no-such-page/": 404, "/search/?q=cong+an&published_after=not-a-date": 400}


def article_pages(seed_000) -> list[str]:
    return [seed_000.get_absolute_url(), f"{seed_000.get_absolute_url()}capture/"]


def test_the_catalogue_gives_strings_to_look_for():
    assert "Type a word or phrase to search for" in ENGLISH
    assert "Hãy nhập một từ hoặc cụm từ cần tìm" in VIETNAMESE
    assert len(ENGLISH) > 100 and len(VIETNAMESE) > 100


@pytest.mark.parametrize("path", PAGES)
def test_a_vietnamese_page_has_no_english_interface_string(client, db, path):
    response = client.get(path, HTTP_ACCEPT_LANGUAGE="vi")
    assert response.status_code == STATUS.get(path, 200)
    text = seen_text(response.content.decode())
    assert [f for f in ENGLISH if f in text] == []


@pytest.mark.parametrize("path", PAGES)
def test_an_english_page_has_no_vietnamese_interface_string(client, db, path):
    response = client.get(path, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == STATUS.get(path, 200)
    text = seen_text(response.content.decode())
    assert [f for f in VIETNAMESE if f in text] == []


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_article_pages_speak_one_language(client, seed_000, lang):
    other = ENGLISH if lang == "vi" else VIETNAMESE
    for path in article_pages(seed_000):
        response = client.get(path, HTTP_ACCEPT_LANGUAGE=lang)
        assert response.status_code == 200
        text = seen_text(response.content.decode())
        assert [f for f in other if f in text] == [], path


def test_the_atom_feed_is_titled_in_the_readers_language(client, db):
    vi = client.get("/search/feed", {"q": "europol"}, HTTP_ACCEPT_LANGUAGE="vi").content.decode()
    assert "<title>Tìm kiếm: europol — Kho lưu trữ" in vi
    en = client.get("/search/feed", {"q": "europol"}, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "<title>Search: europol — Cybercrime Cooperation Archive</title>" in en


def test_form_errors_name_the_field_by_its_label(client, db):
    page = client.get(
        "/search/", {"q": "cong an", "published_after": "x"}, HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert "From: " in page and "published_after:" not in page


def test_the_language_facet_names_languages(client, db):
    vi = client.get("/search/", {"q": "cong an"}, HTTP_ACCEPT_LANGUAGE="vi").content.decode()
    en = client.get("/search/", {"q": "cong an"}, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Tiếng Việt" in seen_text(vi)
    assert "Vietnamese" in seen_text(en)


def test_an_event_gives_its_participant_count_in_the_readers_language(client, db):
    path = "/events/hoi-nghi-hop-tac-quoc-te-phong-chong-toi-pham-cong-nghe-cao-ha-noi/"
    vi = seen_text(client.get(path, HTTP_ACCEPT_LANGUAGE="vi").content.decode())
    en = seen_text(client.get(path, HTTP_ACCEPT_LANGUAGE="en").content.decode())
    # Issue 19 gives the count its own line under "Participants" (no longer in brackets
    # after the country list).
    assert "hơn 20 quốc gia" in vi and "more than 20 countries" not in vi
    assert "more than 20 countries" in en and "hơn 20 quốc gia" not in en


def test_one_date_style_per_language_citation_included(client, seed_002):
    vi = seen_text(
        client.get(seed_002.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="vi").content.decode()
    )
    en = seen_text(
        client.get(seed_002.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    )
    assert "ngày 1 tháng 4 năm 2025" in vi and not re.search(r"\d Tháng \d", vi)
    assert "1 April 2025" in en and "Tháng 4" not in en and "tháng 4 năm" not in en


def test_a_name_recorded_only_in_vietnamese_is_marked_in_english(client, db):
    from archive.models import Organisation

    Organisation.objects.create(name="Phòng An ninh mạng Công an tỉnh", slug="pa05-test")
    en = client.get("/organisations/pa05-test/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<span lang="vi">Phòng An ninh mạng Công an tỉnh</span>' in en
    assert "(Vietnamese name; no English name recorded)" in en
    vi = client.get("/organisations/pa05-test/", HTTP_ACCEPT_LANGUAGE="vi").content.decode()
    assert "no English name" not in vi and "chưa có tên tiếng Anh" not in vi


def test_an_index_hints_at_a_name_recorded_only_in_vietnamese(client, db):
    from archive.models import Organisation

    Organisation.objects.create(name="Phòng An ninh mạng Công an tỉnh", slug="pa05-test")
    en = client.get("/organisations/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert (
        '<a href="/organisations/pa05-test/">Phòng An ninh mạng Công an tỉnh</a> '
        '<span class="hint">(Vietnamese name; no English name recorded)</span>'
    ) in en
