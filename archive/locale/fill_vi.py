# ruff: noqa: E501
"""Fill archive/locale/vi/LC_MESSAGES/django.po from the table below (run after makemessages).

Kept beside the catalogue so that new strings can be translated the same way; the .po and the
compiled .mo are the committed artefacts.
"""

import re
from pathlib import Path

PO = Path(__file__).parent / "vi" / "LC_MESSAGES" / "django.po"

VI = {
    "date unknown": "không rõ ngày",
    "Cybercrime Cooperation Archive": "Kho lưu trữ hợp tác phòng, chống tội phạm mạng",
    "captured %(date)s": "lưu ngày %(date)s",
    "original: %(url)s": "bản gốc: %(url)s",
    "ISO 3166 code": "Mã ISO 3166",
    "Vietnamese name": "Tên tiếng Việt",
    "English name": "Tên tiếng Anh",
    "countries": "quốc gia",
    "ministry": "bộ",
    "government agency": "cơ quan chính phủ",
    "police unit": "đơn vị cảnh sát",
    "international body": "tổ chức quốc tế",
    "network": "mạng lưới",
    "news organisation": "cơ quan báo chí",
    "academic institution": "cơ sở học thuật",
    "other": "khác",
    "name": "tên",
    "people": "nhân vật",
    "post": "chức vụ",
    "conference": "hội nghị",
    "summit": "hội nghị thượng đỉnh",
    "meeting": "cuộc họp",
    "training": "tập huấn",
    "agreement": "thỏa thuận",
    "operation": "chiến dịch",
    "%(day)s %(month_name)s %(year)s": "ngày %(day)s %(month_name)s năm %(year)s",
    "%(day)s %(month_name)s, year unknown": "ngày %(day)s %(month_name)s (không rõ năm)",
    "%(month_name)s %(year)s": "%(month_name)s năm %(year)s",
    "%(month_name)s, year unknown": "%(month_name)s (không rõ năm)",
    **{
        name: f"tháng {number}"
        for number, name in enumerate(
            [
                "January",
                "February",
                "March",
                "April",
                "May",
                "June",
                "July",
                "August",
                "September",
                "October",
                "November",
                "December",
            ],
            start=1,
        )
    },
    "in %(year)s": "năm %(year)s",
    "Page not found": "Không tìm thấy trang",
    "There is no page at this address. It may have been mistyped, or the record may not exist.": "Không có trang nào ở địa chỉ này. Có thể địa chỉ bị gõ nhầm, hoặc bản ghi không tồn tại.",
    "Go to the home page": "Về trang chủ",
    "Search the archive": "Tìm trong kho lưu trữ",
    "Server error": "Lỗi máy chủ",
    "Something went wrong on our side. Please try again in a moment.": "Đã có lỗi ở phía chúng tôi. Vui lòng thử lại sau ít phút.",
    "No articles yet.": "Chưa có bài viết nào.",
    "Mentioned in this article": "Được nhắc đến trong bài",
    "Organisations": "Tổ chức",
    "People": "Nhân vật",
    "Events": "Sự kiện",
    "Countries": "Quốc gia",
    "Pages": "Trang",
    "Previous": "Trước",
    "Page %(n)s of %(total)s": "Trang %(n)s / %(total)s",
    "Next": "Sau",
    "About": "Giới thiệu",
    "About this archive": "Giới thiệu kho lưu trữ",
    "This archive collects Vietnamese and international news about cooperation against cybercrime: which police units, ministries, international bodies and networks worked together, when, and on what.": "Kho lưu trữ này tập hợp tin tức trong nước và quốc tế về hợp tác phòng, chống tội phạm mạng: những đơn vị công an, bộ ngành, tổ chức quốc tế và mạng lưới nào đã hợp tác với nhau, khi nào và về vấn đề gì.",
    "How records are made": "Cách lập bản ghi",
    "Each article is kept twice: the original capture exactly as received, with its SHA-256 checksum, and a clean text with the page furniture removed. A publication date is shown only when the capture states it; otherwise the page says “date unknown”.": "Mỗi bài viết được lưu hai lần: bản chụp gốc đúng như khi nhận, kèm mã kiểm tra SHA-256, và văn bản sạch đã bỏ các thành phần trang web. Ngày đăng chỉ được ghi khi bản chụp nêu rõ; nếu không, trang ghi “không rõ ngày”.",
    "Organisations, people, events and countries are curated by hand and linked wherever an article names them, in Vietnamese or English, with or without diacritics.": "Tổ chức, nhân vật, sự kiện và quốc gia được biên tập thủ công và được liên kết ở mọi chỗ bài viết nhắc đến, bằng tiếng Việt hay tiếng Anh, có dấu hay không dấu.",
    "Using the archive": "Sử dụng kho lưu trữ",
    "Search without typing diacritics: “toi pham cong nghe cao” finds “tội phạm công nghệ cao”.": "Tìm kiếm không cần gõ dấu: “toi pham cong nghe cao” tìm được “tội phạm công nghệ cao”.",
    "Search help": "Hướng dẫn tìm kiếm",
    "Browse by organisation, person, event, country or source, or follow the timeline.": "Duyệt theo tổ chức, nhân vật, sự kiện, quốc gia hoặc nguồn tin, hoặc theo dòng thời gian.",
    "Every article page has a permanent link and a ready-to-paste citation.": "Mỗi trang bài viết có đường dẫn cố định và trích dẫn sẵn để sao chép.",
    "Switch between Vietnamese and English at the top of every page.": "Chuyển giữa tiếng Việt và tiếng Anh ở đầu mỗi trang.",
    "Original capture": "Bản chụp gốc",
    "Format": "Định dạng",
    "Captured": "Ngày lưu",
    "unknown": "không rõ",
    "Original URL": "URL gốc",
    "captured": "lưu",
    "By": "Tác giả:",
    "Photo captions": "Chú thích ảnh",
    "Edited by": "Biên tập:",
    "Tags": "Thẻ",
    "Cite this article": "Trích dẫn bài viết",
    "Permanent link": "Đường dẫn cố định",
    "Citation (select and copy)": "Trích dẫn (chọn và sao chép)",
    "Related articles": "Bài viết liên quan",
    "%(n)s article": "%(n)s bài viết",
    "%(n)s country the archive has records on": "%(n)s quốc gia có trong kho lưu trữ",
    "%(n)s organisation": "%(n)s tổ chức",
    "%(n)s event": "%(n)s sự kiện",
    "Nothing here yet.": "Chưa có gì ở đây.",
    "Name": "Tên",
    "Kind": "Loại",
    "Date": "Thời gian",
    "%(n)s day": "%(n)s ngày",
    "Place": "Địa điểm",
    "Organisers": "Đơn vị tổ chức",
    "Participating organisations": "Tổ chức tham gia",
    "%(n)s event, in alphabetical order": "%(n)s sự kiện, theo thứ tự chữ cái",
    "by date: see the timeline": "theo ngày: xem dòng thời gian",
    "Vietnamese and international news about police, ministries, UN bodies and networks working together against cybercrime.": "Tin tức trong nước và quốc tế về công an, các bộ, cơ quan Liên hợp quốc và các mạng lưới cùng hợp tác phòng, chống tội phạm mạng.",
    "Search the archive (diacritics optional)": "Tìm trong kho lưu trữ (không cần gõ dấu)",
    "Search": "Tìm",
    "articles": "bài viết",
    "organisations": "tổ chức",
    "events": "sự kiện",
    "countries mentioned": "quốc gia được nhắc đến",
    "Recent events": "Sự kiện gần đây",
    "Latest articles": "Bài viết mới nhất",
    "Also known as": "Tên khác",
    "Country": "Quốc gia",
    "Part of": "Trực thuộc",
    "Units": "Đơn vị trực thuộc",
    "Founded": "Thành lập",
    "Dissolved": "Giải thể",
    "Succeeded by": "Đơn vị kế thừa",
    "Predecessors": "Đơn vị tiền thân",
    "People who held posts here": "Những người từng giữ chức vụ tại đây",
    "%(n)s organisation, in alphabetical order": "%(n)s tổ chức, theo thứ tự chữ cái",
    "Also written": "Cách viết khác",
    "Roles": "Chức vụ",
    "%(n)s person, in alphabetical order": "%(n)s nhân vật, theo thứ tự chữ cái",
    "Sources": "Nguồn tin",
    "%(n)s source, in alphabetical order": "%(n)s nguồn tin, theo thứ tự chữ cái",
    "Timeline": "Dòng thời gian",
    "Events and articles by year. Open a year to see them month by month.": "Sự kiện và bài viết theo năm. Mở một năm để xem theo từng tháng.",
    "Year unknown": "Không rõ năm",
    "Month unknown": "Không rõ tháng",
    "No events.": "Không có sự kiện.",
    "No articles.": "Không có bài viết.",
    "Skip to content": "Chuyển đến nội dung",
    "Search, e.g. toi pham cong nghe cao": "Tìm, ví dụ: toi pham cong nghe cao",
    "Browse": "Duyệt",
    "An archive of international cooperation against cybercrime.": "Kho lưu trữ về hợp tác quốc tế phòng, chống tội phạm mạng.",
    "Sort": "Sắp xếp",
    "Most relevant": "Liên quan nhất",
    "Newest": "Mới nhất",
    "Oldest": "Cũ nhất",
    "%(n)s result": "%(n)s kết quả",
}


def _unquote(lines: list[str]) -> str:
    return "".join(re.match(r'^(?:msgid(?:_plural)? )?"(.*)"$', line).group(1) for line in lines)


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _header(text: str) -> str:
    """makemessages leaves the header fuzzy, without a language and glued to the first entry."""
    text = text.replace('#, fuzzy\nmsgid ""', 'msgid ""', 1)
    text = text.replace('"Language: \\n"', '"Language: vi\\n"', 1)
    return re.sub(r'(plural=0;\\n")\n(?=#)', r"\1\n\n", text, count=1)


def fill(text: str) -> str:
    out = []
    for block in _header(text).split("\n\n"):
        lines = block.split("\n")
        starts = [i for i, line in enumerate(lines) if line.startswith("msgid ")]
        strs = [i for i, line in enumerate(lines) if line.startswith("msgstr")]
        if starts and strs:
            first = starts[0]
            last = next(i for i in range(first + 1, len(lines)) if not lines[i].startswith('"'))
            msgid = _unquote(lines[first:last]).replace('\\"', '"')
            if msgid in VI:
                plural = any(line.startswith("msgid_plural") for line in lines)
                key = "msgstr[0]" if plural else "msgstr"
                head = [line for line in lines[: strs[0]] if not line.startswith("#|")]
                head = [line.replace("#, fuzzy, ", "#, ") for line in head if line != "#, fuzzy"]
                lines = [*head, f"{key} {_quote(VI[msgid])}"]
        out.append("\n".join(lines))
    return "\n\n".join(out)


if __name__ == "__main__":
    PO.write_text(fill(PO.read_text(encoding="utf-8")), encoding="utf-8")
