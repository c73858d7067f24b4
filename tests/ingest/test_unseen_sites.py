"""Rules for sites the first captures did not cover: people, evidence, reflow, page structure."""

import lxml.html
import pytest

from archive.entities.discovery import FoundPerson, find_organisations, find_people
from archive.entities.matching import Discovered, EntityRegistry
from archive.ingest.formats.html import LOCAL_TIME, extract_html
from archive.ingest.formats.html_page import read_page
from archive.ingest.reflow import reflow
from archive.models import Organisation, Person


def people(text: str) -> list[tuple[str, str]]:
    return [(p.name, p.role) for p in find_people(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Phó Cục trưởng Cục Lãnh sự Ngô Hồng Anh cho biết.",
            [("Ngô Hồng Anh", "Phó Cục trưởng Cục Lãnh sự")],
        ),
        (
            "Ông tiếp Tổng Thư ký INTERPOL Valdecy Urquiza tại Hà Nội.",
            [("Valdecy Urquiza", "Tổng Thư ký INTERPOL")],
        ),
        (
            "Bộ trưởng hội đàm với Ngoại trưởng Australia Penny Wong hôm qua.",
            [("Penny Wong", "Ngoại trưởng Australia")],
        ),
        (
            "Giám đốc điều hành UNODC Ghada Waly cho biết.",
            [("Ghada Waly", "Giám đốc điều hành UNODC")],
        ),
        (
            "Phát biểu, bà Delphine Schantz, Đại diện Văn phòng UNODC tại Thái Lan, nhấn mạnh.",
            [("Delphine Schantz", "Đại diện Văn phòng UNODC")],
        ),
        (
            "Ghada Waly, Executive Director of UNODC, said the treaty matters.",
            [("Ghada Waly", "Executive Director of UNODC")],
        ),
        (
            "“It spreads,” said Benedikt Hofmann, UNODC Acting Regional Representative.",
            [("Benedikt Hofmann", "UNODC Acting Regional Representative")],
        ),
        (
            "European Commission President Ursula von der Leyen spoke. Van der Leyen’s office "
            "said more. Executive Director Catherine De Bolle agreed; De Bolle said so.",
            [
                ("Ursula von der Leyen", "European Commission President"),
                ("Catherine De Bolle", "Executive Director"),
            ],
        ),
        (
            # One person, with and without diacritics: named with them, the longest post kept.
            "Deputy Minister of Public Security Le Quoc Hung met them. Thượng tướng Lê Quốc "
            "Hùng phát biểu.",
            [("Lê Quốc Hùng", "Deputy Minister of Public Security")],
        ),
        (
            "Đại tá Nguyễn Thanh Tùng, Phó Giám đốc Công an TP Hà Nội, cho biết.",
            [("Nguyễn Thanh Tùng", "Đại tá, Phó Giám đốc Công an TP Hà Nội")],
        ),
    ],
)
def test_posts_before_and_after_names(text, expected):
    assert people(text) == expected


def test_a_rank_with_no_name_does_not_hide_the_next_official():
    text = (
        "Đại tướng Lương Tam Quang, Bộ trưởng Bộ Công an đã tiếp Tổng Thư ký INTERPOL "
        "Valdecy Urquiza."
    )
    assert people(text) == [
        ("Lương Tam Quang", "Đại tướng, Bộ trưởng Bộ Công an"),
        ("Valdecy Urquiza", "Tổng Thư ký INTERPOL"),
    ]


def test_a_post_is_a_persons_only_right_after_the_name():
    text = "Bộ trưởng Lương Tam Quang tiếp đoàn\nTại buổi tiếp, Bộ trưởng đánh giá cao vai trò."
    assert people(text) == [("Lương Tam Quang", "Bộ trưởng")]


def test_each_person_and_organisation_keeps_the_sentence_it_was_found_in():
    text = (
        "Hội nghị khai mạc sáng nay. Giám đốc điều hành UNODC Ghada Waly cho biết Cục Cảnh sát "
        "hình sự (C02) đã hỗ trợ. Hội nghị kéo dài hai ngày."
    )
    sentence = "Giám đốc điều hành UNODC Ghada Waly cho biết Cục Cảnh sát hình sự (C02) đã hỗ trợ."
    assert [p.evidence for p in find_people(text)] == [sentence]
    assert [o.evidence for o in find_organisations(text)] == [sentence]


def test_discovered_records_carry_their_evidence_and_diacritics(db):
    registry = EntityRegistry()
    found = Discovered.in_text(
        "Senior Lieutenant General Le Quoc Hung spoke. Thượng tướng Lê Quốc Hùng, Thứ trưởng "
        "Bộ Công an, chủ trì. Văn phòng Điều tra Hải Đăng (VPHD) phối hợp."
    )
    registry.create_new([found])
    person = Person.objects.get(reviewed=False)
    assert (person.name, person.reviewed) == ("Lê Quốc Hùng", False)
    assert person.evidence == "Senior Lieutenant General Le Quoc Hung spoke."
    organisation = Organisation.objects.get(reviewed=False)
    assert organisation.name == "Văn phòng Điều tra Hải Đăng"
    assert organisation.evidence == "Văn phòng Điều tra Hải Đăng (VPHD) phối hợp."
    assert FoundPerson("A B", "x", evidence="one") == FoundPerson("A B", "x", evidence="two")


PDF_TEXT = (
    "MINISTRY LETTERHEAD\n\n"
    "Police in ten countries worked together on the operation, which targeted\n"
    "phishing and investment fraud run by organised groups across the region.\n\n"
    "Officers froze hundreds of bank accounts and followed the money through\n"
    "several jurisdictions before the arrests were made.\n\n"
    "MINISTRY LETTERHEAD                                   Page 1 of 2\n"
    "\f"
    "MINISTRY LETTERHEAD\n\n"
    "The operation was funded by the ministry.\n"
    "- 2 -\n"
)


def test_reflow_joins_wrapped_lines_and_drops_page_furniture():
    lines = [line for line in reflow(PDF_TEXT).split("\n") if line]
    assert lines == [
        "Police in ten countries worked together on the operation, which targeted phishing "
        "and investment fraud run by organised groups across the region.",
        "Officers froze hundreds of bank accounts and followed the money through several "
        "jurisdictions before the arrests were made.",
        "The operation was funded by the ministry.",
    ]


def test_page_text_is_left_as_it_is():
    text = "Title of the page\n" + ("A paragraph of page text that runs long. " * 5 + "\n") * 3
    assert reflow(text) == text


def page(html: str):
    return read_page(lxml.html.fromstring(html), tz=LOCAL_TIME)


def test_title_is_text_and_the_h1_beats_a_marked_up_og_title():
    found = page(
        "<html><head><title>Plan signed - Site</title>"
        '<meta property="og:title" content="&lt;b&gt;Plan&lt;/b&gt; signed"></head>'
        "<body><h1>Plan signed</h1><p>text</p></body></html>"
    )
    assert found.title == "Plan signed"


def test_header_today_widget_and_related_dates_never_date_the_page():
    found = page(
        "<html><body><div class='top'><span class='date-today'>Thứ Sáu, 30/1/2026</span></div>"
        "<aside><ul><li>Other story <span class='time'>05/04/2024</span></li></ul></aside>"
        "<h1>Headline of the article</h1><div class='article-date'>Thứ Năm, 29/1/2026 - 16:40"
        "</div><p>Body.</p></body></html>"
    )
    assert (found.published.day.isoformat(), str(found.published.at)) == ("2026-01-29", "16:40:00")


def test_inline_related_box_does_not_end_the_body_and_the_sapo_is_the_lede():
    paragraphs = [f"Đoạn văn thứ {n} của bài báo kể lại diễn biến vụ án một cách đầy đủ." for n in (1, 2, 3)]  # fmt: skip
    html = (
        "<html><head><title>Tiêu đề bài báo về vụ án</title></head><body>"
        "<h1>Tiêu đề bài báo về vụ án</h1>"
        "<h2 class='sapo'>Phần sapo tóm tắt nội dung chính của bài báo này.</h2>"
        f"<div class='content'><p>{paragraphs[0]}</p>"
        "<div class='box-related'><h3>Tin liên quan</h3><ul><li><a>Bài khác</a></li></ul></div>"
        f"<p>{paragraphs[1]}</p><p>{paragraphs[2]}</p></div></body></html>"
    ).encode()
    result = extract_html(html)
    assert result.lede == "Phần sapo tóm tắt nội dung chính của bài báo này."
    assert result.paragraphs[1:] == paragraphs


def test_a_headline_about_digital_signatures_is_not_a_forum_signature():
    """ "Chữ ký: ..." under a forum post is chrome; "Chữ ký số ..." (digital signatures) is news
    (a synthetic benchmark capture lost its headline to the signature rule)."""
    from archive.ingest.extract import extract_text, is_chrome

    assert is_chrome("Chữ ký: Đam mê công nghệ - Review điện thoại mỗi tuần")
    capture = (
        "VOV | Thời sự | Quốc tế\n\n"
        "Chữ ký số được công nhận xuyên biên giới từ năm sau\n\n"
        "29/07/2025 08:07\n\n"
        + " ".join(["Bộ Công an phối hợp với các đối tác quốc tế về chữ ký số."] * 4)
        + "\n"
    )
    assert extract_text(capture).title == "Chữ ký số được công nhận xuyên biên giới từ năm sau"
