"""Captures of unseen sites (text and HTML, several styles): golden files plus the key facts."""

import json

import pytest

from tests.ingest.make_golden import CAPTURES, as_golden, capture_paths

CHROME = [
    "Trang chủ",
    "Chia sẻ",
    "Bình luận",
    "Xem thêm",
    "Bài cùng chuyên mục",
    "Related news",
    "Print",
    "Tags:",
    "Theo TTXVN",
    "Trích nguồn",
    "(tổng hợp)",
    "Đăng nhập",
    "Sign in",
    "Subscribe",
    "Privacy policy",
]


@pytest.mark.parametrize("capture", capture_paths(), ids=lambda p: p.name)
def test_capture_matches_golden_file(capture):
    """Regenerate with `python -m tests.ingest.make_golden`, then read the diff."""
    expected = json.loads(capture.with_suffix(".json").read_text("utf-8"))
    assert as_golden(capture) == expected


@pytest.mark.parametrize("capture", capture_paths(), ids=lambda p: p.name)
def test_no_chrome_in_the_text(capture):
    golden = as_golden(capture)
    text = "\n".join([golden["title"], golden["lede"], *golden["body"]])
    for chrome in CHROME:
        assert chrome not in text, chrome
    for caption in golden["captions"]:
        assert caption["text"] not in text


@pytest.mark.parametrize(
    ("name", "title", "published", "at", "captured"),
    [
        # "Thứ Hai, 03/11/2025 08:15 (GMT+7)" right above the headline dates the article.
        (
            "vi_express_style.txt",
            "Việt Nam và Hàn Quốc phối hợp bắt nhóm lừa đảo đầu tư tiền ảo",
            "2025-11-03",
            "08:15:00",
            None,
        ),
        # The site header's day ("Thứ Sáu, 07/03/2025") is the capture day, not publication.
        (
            "vi_cand_style.txt",
            "Thứ trưởng Lê Quý Vương tiếp Tổng Thư ký ASEANAPOL",
            "2024-01-05",
            "09:12:00",
            "2025-03-07",
        ),
        ("vi_tuoitre_style.txt", None, "2023-03-12", None, None),
        ("vi_thanhnien_style.txt", None, "2025-02-14", "10:05:00", None),
        ("en_vietnamplus_style.txt", None, "2025-03-04", "14:20:00", None),
        ("en_interpol_style.txt", None, "2022-06-07", None, None),
        ("vi_vov_style.txt", None, "2025-04-01", "07:51:00", None),
        # HTML: metadata with a zone, shown in the archive's local time (UTC+7).
        ("en_news_page.html", None, "2025-09-02", "16:30:00", None),
    ],
)
def test_headlines_and_dates(name, title, published, at, captured):
    golden = as_golden(CAPTURES / name)
    if title:
        assert golden["title"] == title
    assert (golden["published"], golden["published_time"], golden["captured"]) == (
        published,
        at,
        captured,
    )


def test_dates_without_a_year_never_date_the_article():
    # "Chiều 4/1", "Ngày 29/10", "on 5 May" stand in these texts; none becomes a date.
    assert as_golden(CAPTURES / "vi_cand_style.txt")["published"] == "2024-01-05"
    en = as_golden(CAPTURES / "en_vietnamplus_style.txt")
    assert "on 5 May" in en["body"][-1]
    assert en["published"] == "2025-03-04"


@pytest.mark.parametrize(
    ("name", "authors", "source_note"),
    [
        ("vi_express_style.txt", ["Minh Anh"], "Minh Anh (tổng hợp)"),
        ("vi_cand_style.txt", [], "Trích nguồn: Báo CAND online"),
        ("vi_tuoitre_style.txt", [], "Theo TTXVN"),
        ("vi_thanhnien_style.txt", ["Hoàng Long"], ""),
        ("vi_vov_style.txt", ["Phong Hà"], "Phong Hà/VOV"),
        ("en_vietnamplus_style.txt", [], "VNA"),
        ("en_news_page.html", ["Sarah Collins"], ""),
        ("vi_news_page.html", ["Hữu Phương"], ""),
    ],
)
def test_bylines_and_source_lines_are_credits(name, authors, source_note):
    golden = as_golden(CAPTURES / name)
    assert golden["authors"] == authors
    assert golden["source_note"] == source_note


def test_captions_and_tags_are_kept_apart():
    express = as_golden(CAPTURES / "vi_express_style.txt")
    assert express["captions"] == [
        {"after": 3, "text": "Tang vật thu giữ tại trụ sở cơ quan điều tra."}
    ]
    assert express["tags"] == ["lừa đảo", "tiền ảo", "Hàn Quốc"]
    # Headlines listed under "Xem thêm" belong to other articles.
    assert all("Bắt giữ 12" not in p for p in express["body"])
    page = as_golden(CAPTURES / "vi_news_page.html")
    assert page["captions"] == [
        {"after": 2, "text": "Lễ ký kết thỏa thuận hợp tác tại trụ sở Europol."}
    ]


def test_language_of_each_capture():
    for capture in capture_paths():
        expected = "en" if capture.name.startswith("en_") else "vi"
        assert as_golden(capture)["language"] == expected, capture.name


def test_html_canonical_url_and_site_name():
    page = as_golden(CAPTURES / "vi_news_page.html")
    assert page["url"] == (
        "https://an-ninh.example.vn/bo-cong-an-va-europol-ky-ket-thoa-thuan-hop-tac-chien-luoc-i7391.html"
    )
    assert page["header"] == ["Báo Điện tử An Ninh"]
    assert page["title"] == "Bộ Công an và Europol ký kết thỏa thuận hợp tác chiến lược"
