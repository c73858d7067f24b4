"""Event extraction without a database: triggers, participants, dates and their precision."""

from datetime import date

import pytest

from archive.events.extract import ArticleText, PartialDate, dates_in, events_find

COUNTRIES = {
    "Campuchia": "KH",
    "Việt Nam": "VN",
    "Trung Quốc": "CN",
    "Japan": "JP",
    "Philippines": "PH",
    "Hàn Quốc": "KR",
}


def names(text: str):
    """A stand-in for the entity matcher: the countries above, by name."""
    return [code for name, code in COUNTRIES.items() if name in text], {}, {}


def find(title, *paragraphs, published=date(2024, 10, 16), language="vi"):
    return events_find(ArticleText(title, list(paragraphs), language, published), names)


def test_a_hand_over_at_a_border_gate_with_roles_count_and_date():
    [event] = find(
        "Campuchia bàn giao 3 đối tượng bị truy nã",
        "Ngày 15/10, tại cửa khẩu quốc tế Hoa Lư, phía Campuchia đã bàn giao cho Việt Nam "
        "3 đối tượng bị truy nã về tội lừa đảo chiếm đoạt tài sản.",
    )
    assert event.kind == "handover"
    assert event.countries == {"KH": "sender", "VN": "receiver"}
    assert (event.start.year, event.start.month, event.start.day) == (2024, 10, 15)
    assert event.border_gate == "Hoa Lư"
    assert event.people_count == 3
    assert event.crime == "online fraud"


def test_a_domestic_hand_over_is_not_cooperation():
    assert find("Bàn giao đối tượng", "Công an huyện bàn giao 2 đối tượng cho công an xã.") == []


def test_without_a_date_in_the_text_the_article_gives_year_and_month_only():
    [event] = find(
        "Việt Nam và Hàn Quốc ký kết bản ghi nhớ",
        "Bộ Công an Việt Nam và Cảnh sát Hàn Quốc đã ký kết bản ghi nhớ về hợp tác.",
    )
    assert event.kind == "agreement"
    assert event.start == PartialDate(2024, 10, None)
    assert set(event.countries.values()) == {"signatory"}


def test_no_article_date_and_no_date_in_the_text_is_no_date():
    [event] = find(
        "Việt Nam và Hàn Quốc ký kết bản ghi nhớ",
        "Hai bên đã ký kết bản ghi nhớ về hợp tác.",
        published=None,
    )
    assert event.start == PartialDate()


def test_english_extradition_beats_hand_over_and_weekday_reads_back_from_the_date():
    [event] = find(
        "Philippines extradites fraud suspect to Japan",
        "The Philippines on Tuesday extradited a fraud suspect to Japan, where he was handed "
        "over to police.",
        published=date(2023, 2, 9),
        language="en",
    )
    assert event.kind == "extradition"
    assert event.start == PartialDate(2023, 2, 7)


def test_background_years_ago_is_not_news():
    assert (
        find(
            "Tăng cường hợp tác",
            "Năm 2019, Việt Nam và Hàn Quốc đã ký kết bản ghi nhớ về hợp tác.",
        )
        == []
    )


@pytest.mark.parametrize(
    "text, published, expected",
    [
        ("Từ ngày 4 đến 7/11, tại Glasgow", date(2024, 11, 5), ((2024, 11, 4), (2024, 11, 7))),
        ("Ngày 29/10, tại Hà Nội", None, ((None, 10, 29), (None, None, None))),
        ("Chiều 28/12", date(2025, 1, 2), ((2024, 12, 28), (None, None, None))),
        ("on 25 October 2025", None, ((2025, 10, 25), (None, None, None))),
        ("from November 4 to 7", date(2024, 11, 8), ((2024, 11, 4), (2024, 11, 7))),
    ],
)
def test_dates_keep_their_precision(text, published, expected):
    start, end = dates_in(text, published)
    assert ((start.year, start.month, start.day), (end.year, end.month, end.day)) == expected
