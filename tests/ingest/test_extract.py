"""Extraction from plain-text captures, without a database: golden files and chrome rules."""

import json
from pathlib import Path

import pytest

from archive.ingest.dates import find_date, find_dateline, is_date_line
from archive.ingest.extract import (
    ExtractError,
    _signs_off,
    _title_text,
    extract_text,
    is_chrome,
    strip_lede_mark,
)
from tests.ingest.make_golden import as_golden

GOLDEN = Path(__file__).resolve().parent / "golden"
SEEDS = Path(__file__).resolve().parents[2] / "seeds"
CHROME = [
    "Sign In",
    "Gửi cho bạn bè",
    "left center right del",
    "Tag:",
    "File đính kèm",
    "ĐOÀN KẾT",
    "Cổng thông tin điện tử",
    "Trích nguồn",
    "Biên tập",
]


@pytest.mark.parametrize("seed", sorted(SEEDS.glob("*.txt")), ids=lambda p: p.stem)
def test_seed_matches_golden_file(seed):
    expected = json.loads((GOLDEN / f"{seed.stem}.json").read_text("utf-8"))
    assert as_golden(seed) == expected


@pytest.mark.parametrize("seed", sorted(SEEDS.glob("*.txt")), ids=lambda p: p.stem)
def test_body_is_free_of_page_chrome(seed):
    result = extract_text(seed.read_text("utf-8"))
    text = "\n".join([result.title, result.lede, result.body])
    for chrome in CHROME:
        assert chrome not in text
    for caption in result.captions:
        assert caption["text"] not in text


def test_seed_000_title_date_and_credits():
    result = extract_text((SEEDS / "000_b1798b74658b9b41.txt").read_text("utf-8"))
    assert result.title == (
        "Tăng cường hợp tác quốc tế về phòng, chống tội phạm sử dụng công nghệ cao"
    )
    # "Ngày 29/10" has no year, and the header "Chủ Nhật, 24/11/2024" is the capture day.
    assert result.published is None
    assert result.captured.day.isoformat() == "2024-11-24"
    assert result.editors == ["Mai Loan"]
    assert result.source_names == ["Báo CAND online"]
    assert result.captions == [
        {"after": 6, "text": "Thứ trưởng Lê Quý Vương với các đại biểu tại Hội nghị."}
    ]


def test_seed_002_title_date_and_credits():
    result = extract_text((SEEDS / "002_d1984437577e8bda.txt").read_text("utf-8"))
    assert result.title == (
        "Bộ trưởng Bộ Công an tham dự Hội nghị thượng đỉnh về an ninh biên giới tại Anh"
    )
    assert result.published.day.isoformat() == "2025-04-01"
    assert result.published.at.isoformat() == "07:51:00"
    assert result.authors == ["Phong Hà"]
    assert result.source_note == "Theo Phong Hà/TTXVN"
    assert all("(Ảnh: TTXVN)" in caption["text"] for caption in result.captions)
    assert result.lede.startswith("Ngày 31/3, Đại tướng Lương Tam Quang")
    assert result.body.endswith("phòng, chống tội phạm mạng./.")


def test_nfd_capture_extracts_like_nfc():
    import unicodedata

    raw = (SEEDS / "002_d1984437577e8bda.txt").read_text("utf-8")
    nfd = extract_text(unicodedata.normalize("NFD", raw))
    nfc = extract_text(raw)
    assert (nfd.title, nfd.body) == (nfc.title, nfc.body)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "empty"),
        ("   \n\n  ", "empty"),
        ("Sign In\nGửi cho bạn bè\n", "no article text"),
        ("just\na\nfew\nwords", "no article text"),
    ],
)
def test_captures_without_an_article_are_refused(text, reason):
    with pytest.raises(ExtractError, match=reason):
        extract_text(text)


@pytest.mark.parametrize(
    ("line", "iso", "clock"),
    [
        ("07:51 01/04/2025", "2025-04-01", "07:51"),
        ("Thứ Hai, 03/11/2025 08:15 (GMT+7)", "2025-11-03", "08:15"),
        ("05/01/2024 09:12", "2024-01-05", "09:12"),
        ("12-3-2023", "2023-03-12", None),
        ("14/02/2025, 10:05", "2025-02-14", "10:05"),
        ("March 4, 2025 14:20", "2025-03-04", "14:20"),
        ("7 June 2022", "2022-06-07", None),
    ],
)
def test_date_lines(line, iso, clock):
    found = find_date(line)
    assert found.day.isoformat() == iso
    assert (found.at.strftime("%H:%M") if found.at else None) == clock
    assert is_date_line(line)


@pytest.mark.parametrize("text", ["Ngày 29/10, tại Hà Nội", "on 5 May", "31/3"])
def test_dates_without_a_year_are_not_dates(text):
    assert find_date(text) is None


ARTICLE = (
    "Công an tỉnh đã phối hợp với cơ quan chức năng nước bạn bắt giữ nhóm đối tượng lừa đảo "
    "qua mạng, thu giữ nhiều tang vật và đang tiếp tục điều tra mở rộng vụ án này.\n"
)


def test_lines_of_contacts_addresses_counters_and_badges_are_chrome():
    chrome = [
        "AFP Media: (02) 5126 9297",
        "Email: press@example.org",
        "ASEANAPOL Secretariat | www.aseanapol.org",
        "💬 Bình luận (27)",
        "👁 3,4K   đã chỉnh sửa   09:12",
        "👍 412 ❤️ 38",
        "TRỰC TIẾP",
        "Nhóm PV Pháp luật",
        "______________",
    ]
    result = extract_text(
        "Tiêu đề bài viết về vụ án lừa đảo qua mạng\n" + ARTICLE + "\n".join(chrome)
    )
    text = "\n".join(result.paragraphs)
    for line in chrome:
        assert line not in text


def test_amounts_and_editor_credits_are_not_chrome():
    result = extract_text(
        "Tiêu đề bài viết về vụ án lừa đảo qua mạng\n" + ARTICLE + "Thiệt hại: 1.200.000.000\n"
        "Edited by: Jane Smith\n"
    )
    assert "Thiệt hại: 1.200.000.000" in result.paragraphs
    assert result.editors == ["Jane Smith"]


def test_a_signature_block_ends_an_official_document():
    result = extract_text(
        "BÁO CÁO\nKết quả công tác phối hợp phòng chống tội phạm năm 2024\n"
        + ARTICLE
        + "Nơi nhận:\n- Cục Hợp tác quốc tế;\nKT. GIÁM ĐỐC\n(đã ký)\nĐại tá Lò Văn Thắng\n"
    )
    assert result.paragraphs == [ARTICLE.strip()]


def test_an_address_line_does_not_end_the_text():
    result = extract_text(
        "Tiêu đề bài viết về vụ án lừa đảo qua mạng\n"
        + ARTICLE
        + "Q. Bình Thạnh, TP.HCM\n"
        + ARTICLE
    )
    assert len(result.paragraphs) == 3


def test_a_headline_in_capitals_on_two_lines_and_a_letterhead_date():
    text = (
        "                                        7 November 2024\n\n"
        "JOINT STATEMENT ON THE MEMORANDUM OF UNDERSTANDING ON\n"
        "ILLEGAL MIGRATION BETWEEN THE TWO COUNTRIES\n\n"
        "The two ministers signed a memorandum of understanding on cooperation to\n"
        "tackle illegal migration and organised immigration crime between their\n"
        "countries, and agreed to meet again next year to review progress.\n\n"
        "                                        Page 1 of 1\n"
    )
    result = extract_text(text)
    assert result.title == (
        "JOINT STATEMENT ON THE MEMORANDUM OF UNDERSTANDING ON ILLEGAL MIGRATION BETWEEN THE "
        "TWO COUNTRIES"
    )
    assert result.published.day.isoformat() == "2024-11-07"


def test_a_line_that_is_only_a_date_is_no_paragraph():
    result = extract_text(
        "Tiêu đề bài viết về vụ án lừa đảo qua mạng\n20/03/2025\n"
        + ARTICLE
        + "Thứ Sáu, 29/11/2024, 15:02 (GMT+7)\n"
        + ARTICLE
    )
    assert result.published.day.isoformat() == "2025-03-20"
    assert all("29/11/2024" not in p for p in result.paragraphs)


def test_a_dateline_whose_date_has_a_comma():
    assert find_dateline("BANGKOK, March 4, 2025 — More than 600 people").day.isoformat() == (
        "2025-03-04"
    )


def test_a_headline_quoting_a_web_address_is_no_address_line():
    result = extract_text(
        '=HYPERLINK("http://evil") formula injection headline test\n\n10:00 01/01/2024\n'
        "A sentence long enough to count as the running text of a captured article page.\n"
    )
    assert result.title.startswith("=HYPERLINK")


def test_wire_and_forum_footers_are_chrome_and_credits():
    chrome = [
        "Our Standards: The Example Wire Trust Principles.",
        "(c) Example Wire 2024. All rights reserved. Click for Restrictions.",
        "Giờ hiện tại 10:15 | Liên hệ | Lên trên | Powered by SomeForum",
        "Page 1 of 3",
        "Trang 2 của 5",
        "Read the Vietnamese version of this story",
    ]
    result = extract_text(
        "Tiêu đề bài viết về vụ án lừa đảo qua mạng\n"
        + ARTICLE
        + "(Reporting by Jane Roe; Editing by John Doe)\n"
        + "\n".join(chrome)
    )
    assert result.paragraphs == [ARTICLE.strip()]
    assert (result.authors, result.editors) == (["Jane Roe"], ["John Doe"])


def test_text_that_names_rights_or_power_in_a_sentence_is_kept():
    kept = [
        "The new patrol boats bought by the provincial police last year are powered by electricity.",
        "Trang 2 của hồ sơ vụ án ghi rõ lời khai của các đối tượng.",
        "Reporting by phone, the officer said the suspects had fled across the border.",
    ]
    result = extract_text(
        "Tiêu đề bài viết về vụ án lừa đảo qua mạng\n" + ARTICLE + "\n".join(kept)
    )
    for line in kept:
        assert line in result.paragraphs


def test_a_date_line_with_the_age_of_its_update():
    assert is_date_line("October 9, 2024 11:42 AM GMT+13 Updated 2 hours ago")
    assert not is_date_line("October 9, 2024: police updated 2 hours ago")


def test_an_rss_item_copy_is_laid_out_as_an_article():
    text = (
        "title: Tiêu đề bài viết về vụ án lừa đảo qua mạng\n"
        "link: https://example.vn/a1.html\nguid: a1\n"
        "pubDate: Tue, 04 Mar 2025 08:30:00 +0700\n"
        "description: Công an tỉnh vừa triệt phá một đường dây lừa đảo qua mạng xã hội, "
        "thu lợi hàng tỷ đồng từ nhiều nạn nhân.\n"
        "enclosure: https://example.vn/a1.jpg (image/jpeg)\n\ncontent:encoded:\n\n"
        + ARTICLE
        + "\n--\nBạn nhận được tin này vì đã đăng ký nguồn RSS của trang. Hủy đăng ký\n"
    )
    result = extract_text(text)
    assert result.title == "Tiêu đề bài viết về vụ án lừa đảo qua mạng"
    assert result.published.day.isoformat() == "2025-03-04"
    assert result.lede.startswith("Công an tỉnh vừa triệt phá")
    assert result.paragraphs[1:] == [ARTICLE.strip()]


def test_a_text_opening_with_a_title_label_only_is_no_rss_item():
    result = extract_text("Title: Tiêu đề bài viết về vụ án lừa đảo qua mạng\n" + ARTICLE)
    assert result.paragraphs == [ARTICLE.strip()]


@pytest.mark.parametrize("mark", ["TPO - ", "BP - ", "QĐND Online - ", "(NLĐO) - ", "XYZ – "])
def test_an_agency_initialism_before_the_lede_is_dropped(mark):
    lede = "Bộ Công an vừa tiếp nhận dẫn độ một đối tượng bị truy nã quốc tế về tội lừa đảo."
    assert strip_lede_mark(mark + lede) == lede


@pytest.mark.parametrize(
    "lede",
    [
        "Việt Nam - Singapore đối thoại chuyên sâu về an ninh mạng quốc phòng lần thứ hai.",
        "ASEAN - Nhật Bản",  # too short to be a lede after a mark
        "HANOI – The embassy this week concluded a five-day course for police investigators.",
        "Sáng 17-9, tại Hà Nội, TPO - tên viết tắt đứng giữa câu thì không bị bỏ đi.",
    ],
)
def test_a_lede_without_an_agency_mark_is_kept(lede):
    assert strip_lede_mark(lede) == lede


LETTER_TEXT = (
    "Qua công tác nắm tình hình, Công an tỉnh nhận thấy thời gian gần đây xuất hiện nhiều nhóm "
    "đối tượng lừa đảo người dân đầu tư qua các sàn giao dịch không được cấp phép."
)


def test_an_official_letters_subject_is_its_title_not_its_recipients():
    text = (
        "CÔNG AN TỈNH X\nSố: 12/CAT-PC02\nV/v: cảnh báo thủ đoạn lừa đảo đầu tư trực tuyến\n"
        f"Kính gửi:\n- Sở Tài chính;\n- UBND các xã, phường trên địa bàn tỉnh.\n{LETTER_TEXT}\n"
    )
    assert extract_text(text).title == "V/v: cảnh báo thủ đoạn lừa đảo đầu tư trực tuyến"


def test_a_recipient_list_is_never_a_title():
    text = f"Kính gửi:\n- Sở Tài chính;\n- UBND các xã, phường trên địa bàn tỉnh.\n{LETTER_TEXT}\n"
    with pytest.raises(ExtractError):
        extract_text(text)
    # Guard: a headline with a dash inside it and no "Kính gửi" above stays one.
    text = f"Cảnh báo lừa đảo - đầu tư tiền ảo qua mạng\n{LETTER_TEXT}\n"
    assert extract_text(text).title == "Cảnh báo lừa đảo - đầu tư tiền ảo qua mạng"


def test_a_printed_reports_numbered_heading_gives_the_title_without_its_number():
    report = (
        "3.4  Technical assistance and training in the region\n\n"
        "3.4.1  During the reporting year the secretariat delivered four workshops for\n"
        "financial intelligence units, police and prosecutors of the member countries on the\n"
        "investigation of money laundering linked to online scam operations.\n"
    )
    assert extract_text(report).title == "Technical assistance and training in the region"
    # Guard: an amount is no section number.
    text = f"2.000 người bị lừa qua sàn giao dịch ngoại hối\n{LETTER_TEXT}\n"
    assert extract_text(text).title.startswith("2.000 người")


def test_a_social_posts_time_stamp_with_its_audience_icon_is_a_date_line():
    assert is_date_line("27 tháng 8, 2025 lúc 16:20 · 🌏")
    assert not is_date_line("27 tháng 8, 2025 lúc 16:20 · Hà Nội")  # guard: a place is a word


def test_a_printed_release_dated_before_its_office_on_one_line():
    release = (
        "(Provisional Translation)\n\n"
        "                                  March 3, 2025\n"
        "                                  Example Police Agency\n\n"
        "     Police of Two Countries Hold Joint Training on Digital Evidence\n\n"
        "The police agency, together with a development agency, held a two-week training\n"
        "course on digital forensics for investigators of a partner ministry, as the number\n"
        "of fraud cases run from abroad has continued to increase in recent years.\n"
    )
    assert extract_text(release).published.day.isoformat() == "2025-03-03"


@pytest.mark.parametrize(
    "line",
    [
        "For Immediate Release",
        "FOR IMMEDIATE RELEASE: 27 March",
        "Contact: Public Affairs Section, Example Agency",
        "Tel: +84-24-3850-5000 (ext. 12)",
        "Xem bản dịch",
        "(Note) This English version is a provisional translation of the original for reference "
        "purposes. In case of any discrepancy, the original shall prevail.",
    ],
)
def test_release_labels_contacts_and_translation_disclaimers_are_chrome(line):
    assert is_chrome(line)


@pytest.mark.parametrize(
    "line",
    [
        "The translation of the treaty was provisional until both sides signed it in 2024.",
        "Liên hệ giữa hai vụ án được cơ quan điều tra làm rõ sau nhiều tháng xác minh tại chỗ.",
    ],
)
def test_text_about_translations_and_contacts_is_not_chrome(line):
    assert not is_chrome(line)


POST = (
    "Chiều 26/8/2025, Công an tỉnh phối hợp với lực lượng biên phòng tiếp nhận 4 phụ nữ là nạn "
    "nhân của các vụ mua bán người do công an nước bạn bàn giao tại cửa khẩu quốc tế."
)


def test_a_posts_row_of_counters_ends_it_and_its_comments_are_left_out():
    text = (
        f"TIẾP NHẬN 4 PHỤ NỮ BỊ LỪA BÁN DO CÔNG AN NƯỚC BẠN BÀN GIAO\n{POST}\n"
        "👍❤️ 1,2K   84 bình luận   156 lượt chia sẻ\nNguyễn Văn A\nCảm ơn các anh công an\n"
    )
    result = extract_text(text)
    assert result.paragraphs == [POST]


def test_a_portals_list_of_earlier_items_ends_the_article():
    text = f"Tiếp nhận 4 phụ nữ bị lừa bán ra nước ngoài\n{POST}\nCác tin đã đưa\nTin cũ (08/10)\n"
    assert extract_text(text).paragraphs == [POST]


def test_a_printed_pages_footnotes_and_footer_are_left_out():
    report = (
        "3.4  Technical assistance and training in the region\n\n"
        "3.4.1  During the reporting year the secretariat delivered four workshops for\n"
        "financial intelligence units, police and prosecutors of the member countries on the\n"
        "investigation of money laundering linked to online scam operations.¹\n\n"
        "______________________\n"
        "¹ Workshops were held in four capitals of the region between August and\n"
        "February of the following year.\n\n"
        "                     Example Group on Money Laundering\n"
    )
    result = extract_text(report)
    assert len(result.paragraphs) == 1 and "operations.¹" in result.paragraphs[0]
    # Guard: a rule with no footnote below it is only a rule.
    kept = extract_text(report.replace("¹ Workshops", "Workshops"))
    assert any("Workshops were held" in p for p in kept.paragraphs)


RELEASE = (
    "Police of the two countries arrested four men who shipped stolen cars abroad in containers, "
    "after a joint investigation that lasted eight months."
)


@pytest.mark.parametrize(
    "end",
    [
        "-ENDS-\n\nMedia enquiries:\nExample Police Media: (02) 5555 0000\nImages are available "
        "via a download link.",
        "###\nPhotos and video of the operation can be downloaded from the press area.",
        "***\nContacts: Example Agency Spokesperson's Office +82 2 5555 0000\n"
        "          Example Ministry Department of Cooperation +84 24 5555 0000",
        "Media contacts: Public Affairs Office, Example Agency, a long line of office names and "
        "rooms that goes on for more than fifteen words in all",
    ],
)
def test_a_releases_end_mark_and_contacts_end_it(end):
    text = f"Example Police Media Release\n\nFour men charged over stolen car exports\n\n{RELEASE}\n\n{end}\n"
    assert extract_text(text).paragraphs == [RELEASE]


def test_the_word_end_or_contacts_inside_the_text_is_kept():
    more = "Contacts between the two agencies will go on under the memorandum signed last year."
    text = f"Four men charged over stolen car exports\n\n{RELEASE}\n\n{more}\n"
    assert extract_text(text).paragraphs == [RELEASE, more]


def test_a_release_label_with_a_date_dates_the_release():
    text = (
        "EXAMPLE POLICE AGENCY\n\nJOINT PRESS RELEASE\nFor immediate release - 2 July 2025\n\n"
        f"Four men charged over stolen car exports\n\n{RELEASE}\n"
    )
    assert extract_text(text).published.day.isoformat() == "2025-07-02"
    undated = text.replace(" - 2 July 2025", "")
    assert extract_text(undated).published is None  # the label alone dates nothing


@pytest.mark.parametrize(
    "line",
    [
        "Thread starter some_member · Start date Mar 3, 2025",
        "Started by some_member, 03-03-2025 21:14",
        "an_b, le_c and 57 others",
        "Lan, Hùng và 12 người khác",
    ],
)
def test_a_threads_starter_line_and_who_reacted_are_chrome(line):
    assert is_chrome(line)


@pytest.mark.parametrize(
    "line",
    [
        "The thread starter of the scam was arrested in Bangkok along with four other members.",
        "Police arrested the leader and 57 others in raids on three compounds near the border.",
        "Police arrested the leader and 57 others.",
    ],
)
def test_text_about_starters_and_others_is_not_chrome(line):
    assert not is_chrome(line)


@pytest.mark.parametrize(
    "line",
    [
        "Độc lập - Tự do - Hạnh phúc",
        "PHÒNG KHÁCH HÀNG Độc lập - Tự do - Hạnh phúc",
        "SỞ GIAO THÔNG CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Thảo luận trong 'Hỏi đáp' bắt đầu bởi thanh_vien, 1/2/25",
        "Discussion in 'Off topic' started by some_member, Jan 2, 2025",
        "For further information please contact:",
    ],
)
def test_a_letterheads_columns_a_threads_line_and_contacts_are_chrome(line):
    assert is_chrome(line)


@pytest.mark.parametrize(
    "line",
    [
        "Nhân dân quyết tâm giữ vững Độc lập - Tự do - Hạnh phúc",
        "Thảo luận trong nhóm, các đại biểu thống nhất nhiều nội dung quan trọng.",
        "For further information on the case, police urged the public to call the hotline.",
    ],
)
def test_the_motto_and_those_words_in_a_sentence_are_text(line):
    assert not is_chrome(line)


def test_a_long_subject_below_a_documents_kind_is_its_title():
    subject = (
        "Kết quả phối hợp giữa Sở Giao thông và các đơn vị liên quan trong việc kiểm tra"
        " phương tiện vận tải hành khách trên các tuyến đường liên tỉnh quý II năm 2025"
    )
    text = (
        "SỞ GIAO THÔNG CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "PHÒNG THANH TRA Độc lập - Tự do - Hạnh phúc\n\n"
        "Tỉnh A, ngày 02 tháng 7 năm 2025\n\n"
        f"THÔNG BÁO\n{subject}\n\n"
        "Trong quý II năm 2025, các đoàn kiểm tra đã kiểm tra 1.200 phương tiện, phát hiện"
        " 85 trường hợp vi phạm và xử phạt với tổng số tiền hơn 600 triệu đồng theo quy định.\n\n"
        "Sở Giao thông đề nghị các doanh nghiệp vận tải chấp hành nghiêm các quy định về tốc độ,"
        " tải trọng và thời gian lái xe của người lái trong thời gian tới.\n"
    )
    result = extract_text(text)
    assert result.title == subject
    assert result.paragraphs[0].startswith("Trong quý II")
    # Guard: with no kind above it, a long line with no sentence end is still text.
    plain = extract_text(text.replace("THÔNG BÁO\n", "TIN TỨC TRONG NGÀY\n\n"))
    assert plain.paragraphs[0] == subject


RELEASE_TEXT = (
    "CITY POLICE SERVICE\n\nMEDIA RELEASE\n\n{label}\n\n{head}\n\n"
    "City police have arrested nine people in an operation against a network that sold stolen"
    " phones abroad and moved the proceeds through shell companies in three countries.\n\n"
    "The operation began in March after a series of burglaries in the city centre, officers"
    " said, and led to searches at eleven addresses in the region.\n"
)


def test_a_capital_headline_cut_anywhere_is_joined_with_its_rest():
    head = "CITY POLICE ARREST NINE IN OPERATION AGAINST A NETWORK SELLING\nSTOLEN PHONES ABROAD"
    result = extract_text(RELEASE_TEXT.format(label="3 May 2025", head=head))
    assert result.title == head.replace("\n", " ")
    # Guard: a headline that ends its sentence is not joined with a line below it.
    ended = head.replace("SELLING\n", "SELLING.\n")
    result = extract_text(RELEASE_TEXT.format(label="3 May 2025", head=ended))
    assert result.title == "CITY POLICE ARREST NINE IN OPERATION AGAINST A NETWORK SELLING."


def test_an_embargo_label_dates_a_release():
    head = "Police arrest nine people in an operation against stolen phone sellers"
    text = RELEASE_TEXT.format(label="Embargoed until 00:01, Monday 5 May 2025", head=head)
    assert extract_text(text).published.day.isoformat() == "2025-05-05"
    undated = RELEASE_TEXT.format(label="Embargoed until further notice", head=head)
    assert extract_text(undated).published is None


def test_a_link_to_find_out_more_is_chrome():
    assert is_chrome("Find out more about EXAMPLE")
    assert is_chrome("The centre's financial work: Learn more about the centre")
    # Guard: a sentence about finding out more is text.
    assert not is_chrome("Investigators want to find out more about the network.")
    assert not is_chrome("Police said they hoped to learn more about the suspects soon")


CAPTIONED = (
    "CITY NEWS\n\nOfficials adopt a regional plan against money laundering in casinos\n\n"
    "Senior officials from eleven countries adopted a regional plan against money laundering"
    " through casinos and online gambling platforms at a meeting in the city.\n\n{middle}\n\n"
    "The plan commits the countries to register junket operators and to report suspicious"
    " transactions involving virtual assets to their financial intelligence units.\n"
)


def test_a_caption_closed_by_a_photo_credit_is_a_caption():
    middle = "Participants at the regional meeting in the city. Photo: Example Office"
    result = extract_text(CAPTIONED.format(middle=middle))
    assert [c["text"] for c in result.captions] == [middle]
    assert all(middle not in p for p in result.paragraphs)
    # Guard: a paragraph that only mentions a photo in its middle stays text.
    middle = (
        "The meeting's host said: Photo: the word was on every slide, and the delegates"
        " agreed to meet again next year in another city of the region to review progress."
    )
    result = extract_text(CAPTIONED.format(middle=middle))
    assert middle in result.paragraphs


def test_a_release_label_dated_on_the_line_below_in_two_columns():
    head = "Police arrest nine people in an operation against stolen phone sellers"
    label = "FOR IMMEDIATE RELEASE Contact: Anna Example\nThursday, December 10, 2026 Press Officer"
    text = RELEASE_TEXT.format(label=label, head=head)
    assert extract_text(text).published.day.isoformat() == "2026-12-10"
    # Guard: a line below the label with no date opening it dates nothing.
    label = "FOR IMMEDIATE RELEASE Contact: Anna Example\nPress Officer, December office"
    assert extract_text(RELEASE_TEXT.format(label=label, head=head)).published is None


def test_a_headline_ending_in_a_quotation_keeps_its_closing_mark():
    head = 'POLICE ARREST A MAN FOR FRAUD IN "JOBS ABROAD WITH HIGH PAY"'
    assert _title_text(head) == head
    assert _title_text("POLICE WARN OF “JOBS ABROAD”") == "POLICE WARN OF “JOBS ABROAD”"
    # Guard: quotes around the whole headline are still taken off.
    assert _title_text('"POLICE ARREST A MAN FOR FRAUD"') == "POLICE ARREST A MAN FOR FRAUD"
    assert _title_text("“Police arrest a man for fraud”") == "Police arrest a man for fraud"


def test_a_date_label_in_a_printed_letterhead_dates_the_release():
    text = (
        "PRESS RELEASE\nExample Customs Agency Release: Immediately\n"
        "Date: 3 March 2026 Contact: Press Office +12-345-6789\n\n"
        f"Customs of two countries seize stolen cars in containers\n\n{RELEASE}\n"
    )
    assert extract_text(text).published.day.isoformat() == "2026-03-03"
    # Guard: a label with no date opening it dates nothing.
    undated = text.replace("Date: 3 March 2026 ", "Date: see below ")
    assert extract_text(undated).published is None


def test_an_office_in_capitals_above_a_closing_date_line_signs_off():
    text = (
        f"EXAMPLE POLICE\nNEWS RELEASE\n\nFOUR MEN CHARGED OVER STOLEN CAR EXPORTS\n\n{RELEASE}\n\n"
        "MEDIA RELATIONS UNIT\nEXAMPLE POLICE\n5 March 2026 @ 4:30 PM\n"
    )
    result = extract_text(text)
    assert result.published.day.isoformat() == "2026-03-05"
    assert result.paragraphs == [RELEASE]
    assert is_date_line("5 March 2026 @ 4:30 PM")
    # Guard: a heading in capitals with text below it, not a date, signs nothing off.
    assert not _signs_off(["MEDIA RELATIONS UNIT", "EXAMPLE POLICE", RELEASE], 0)
    assert _signs_off(["MEDIA RELATIONS UNIT", "EXAMPLE POLICE", "5 March 2026"], 0)


@pytest.mark.parametrize(
    "line",
    [
        "Attachment: Photos of the seized goods (2 pages)",
        "Tệp đính kèm: Thông báo số 12",
        "Đọc thêm: Bắt đối tượng vận chuyển ma túy từ nước ngoài về Việt Nam",
        "Read more: Police of two countries dismantle a fraud ring",
    ],
)
def test_attachments_and_related_links_inside_the_text_are_chrome(line):
    assert is_chrome(line)


def test_a_related_link_between_paragraphs_leaves_the_text_whole():
    second = RELEASE.replace("Police", "Officers")
    text = (
        f"Four men charged over stolen car exports abroad\n\n{RELEASE}\n\n"
        f"Đọc thêm: Hai nước phối hợp bắt nhóm trộm xe ô tô\n\n{second}\n"
    )
    assert extract_text(text).paragraphs == [RELEASE, second]
    # Guards: a sentence reading "see also" or about an attachment stays text.
    assert not is_chrome("See also: the officers found the cars in containers at the port.")
    assert not is_chrome("The attachment of the two officers to the unit lasted a year.")


def test_an_author_and_the_unit_below_the_text_are_a_byline():
    text = f"Four men charged over car exports abroad\n\n{RELEASE}\n\nMai Lan - Phòng Tham mưu\n"
    result = extract_text(text)
    assert result.paragraphs == [RELEASE] and result.authors == ["Mai Lan"]
    # Guard: a name and a common noun after the dash is no byline; it stays.
    text = text.replace("Mai Lan - Phòng Tham mưu", "Hà Nội - phòng khám đa khoa ở quận mới")
    assert "Hà Nội - phòng khám đa khoa ở quận mới" in extract_text(text).paragraphs
