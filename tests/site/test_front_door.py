"""What a first visitor and a new operator meet: the About page, an empty archive, the icon."""

import pytest

from archive.models import Article


def page(client, path: str, lang: str) -> str:
    response = client.get(path, HTTP_ACCEPT_LANGUAGE=lang)
    assert response.status_code == 200
    return response.content.decode()


def test_favicon_is_served_at_the_root(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/x-icon"
    assert response.content[:4] == b"\x00\x00\x01\x00"  # an ICO header


@pytest.mark.parametrize(
    ("lang", "headings"),
    [
        (
            "en",
            [
                "Who runs it",
                "What it collects, and why",
                "How to cite",
                "Licences",
                "Corrections and takedown requests",
            ],
        ),
        (
            "vi",
            [
                "Ai vận hành",
                "Thu thập gì và vì sao",
                "Cách trích dẫn",
                "Giấy phép",
                "Đính chính và yêu cầu gỡ bỏ",
            ],
        ),
    ],
)
def test_about_says_who_what_why_how_to_cite_licences_and_takedown(db, client, lang, headings):
    html = page(client, "/about/", lang)
    for heading in headings:
        assert f">{heading}</h2>" in html
    assert "CC BY 4.0" in html


def test_about_names_the_operator_and_the_contact_when_set(db, client, settings):
    settings.ARCHIVE_OPERATOR = "Viện Nghiên cứu Ví dụ"
    settings.ARCHIVE_CONTACT = "corrections@example.org"
    html = page(client, "/about/", "vi")
    assert "Bản cài đặt này do Viện Nghiên cứu Ví dụ vận hành." in html
    assert '<a href="mailto:corrections@example.org">corrections@example.org</a>' in html
    html = page(client, "/about/", "en")
    assert "This installation is run by Viện Nghiên cứu Ví dụ." in html


def test_an_empty_archive_tells_its_operator_how_to_fill_it(db, client):
    assert "python manage.py ingest seeds/" not in page(client, "/", "en")
    Article.objects.all().delete()
    html = page(client, "/", "en")
    assert "This archive is empty" in html
    for command in ["load_entities", "ingest seeds/", "apikey create NAME"]:
        assert f"<code>python manage.py {command}</code>" in html
    assert "Kho lưu trữ đang trống" in page(client, "/", "vi")
