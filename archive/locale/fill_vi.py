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
    # Search, help, errors and model help texts (added with the performance work).
    "stories": "chuỗi bài",
    "Source": "Nguồn",
    "Organisation": "Tổ chức",
    "Event": "Sự kiện",
    "organisation": "tổ chức",
    "event": "sự kiện",
    "Back to the archive": "Về kho lưu trữ",
    "Filtered by": "Đang lọc theo",
    "about %(n)s results": "khoảng %(n)s kết quả",
    "Sort:": "Sắp xếp:",
    "The title of the first article of the story.": "Tiêu đề của bài đầu tiên trong chuỗi bài.",
    "Photo captions: [{after: paragraph, text}]": "Chú thích ảnh: [{after: đoạn, text}]",
    "The credit line as captured, e.g. 'Theo Phong Hà/TTXVN'.": "Dòng nguồn như trong bản lưu, ví dụ 'Theo Phong Hà/TTXVN'.",
    "Only when the capture states the time as well.": "Chỉ khi bản lưu ghi cả giờ.",
    "The capture exactly as received.": "Bản lưu đúng như khi nhận.",
    "MinHash bands of the text: articles sharing one are near-duplicate candidates.": "Các dải MinHash của văn bản: những bài có chung dải là ứng viên gần trùng lặp.",
    # The search feed (issue 22).
    "Search: %(query)s — %(site)s": "Tìm kiếm: %(query)s — %(site)s",
    "The newest articles matching %(query)s": "Các bài mới nhất khớp với %(query)s",
    "False for entities found by ingest and not yet checked.": "Sai với các thực thể do quá trình nạp tìm thấy và chưa được kiểm tra.",
    "e.g. Thứ trưởng": "ví dụ: Thứ trưởng",
    "e.g. Thượng tướng": "ví dụ: Thượng tướng",
    "Where this comes from.": "Thông tin này lấy từ đâu.",
    "e.g. 'more than 20 countries'": "ví dụ: 'hơn 20 quốc gia'",
    "The rank and post this article gives.": "Cấp bậc và chức vụ mà bài này ghi.",
    "First characters, to recognise it.": "Vài ký tự đầu, để nhận ra khóa.",
    "API key": "Khóa API",
    "From": "Từ",
    "Until": "Đến",
    "Language": "Ngôn ngữ",
    "Person": "Nhân vật",
    "person": "nhân vật",
    "Year": "Năm",
    "Bad request": "Yêu cầu không hợp lệ",
    "Temporarily unavailable": "Tạm thời không truy cập được",
    "The archive's database is unavailable for a moment. Please try again shortly.": "Cơ sở dữ liệu của kho lưu trữ tạm thời không truy cập được. Vui lòng thử lại sau ít phút.",
    "How to search": "Cách tìm kiếm",
    "Diacritics and capitals are optional: toi pham finds tội phạm, TỘI PHẠM and Tôi Phạm. Either tone placement works: hoà and hòa are the same word. When you do type diacritics, articles spelled exactly as you typed come first: mã độc (malware) ranks above Ma Đốc (a name).": "Dấu và chữ hoa là tùy ý: toi pham tìm được tội phạm, TỘI PHẠM và Tôi Phạm. Đặt dấu kiểu nào cũng được: hoà và hòa là một từ. Khi bạn gõ có dấu, các bài viết đúng như bạn gõ được xếp trước: mã độc (phần mềm độc hại) đứng trên Ma Đốc (một tên người).",
    "You type": "Bạn gõ",
    "You get": "Bạn nhận được",
    "Articles containing all these words, in any order. Articles where they stand together (“tội phạm công nghệ cao”) rank first.": "Các bài có đủ những từ này, theo thứ tự bất kỳ. Bài có các từ đứng liền nhau (“tội phạm công nghệ cao”) được xếp trước.",
    "The same for English: every word, in any order.": "Tương tự với tiếng Anh: đủ mọi từ, theo thứ tự bất kỳ.",
    "Only the exact phrase: the words next to each other, in this order (diacritics still optional).": "Chỉ đúng cụm từ: các từ liền nhau, theo đúng thứ tự này (dấu vẫn là tùy ý).",
    'Either word. OR (in capitals) joins the word or quoted phrase on each side; for several-syllable words use quotes: "an ninh mạng" OR "tội phạm mạng".': 'Một trong hai từ. OR (viết hoa) nối từ hoặc cụm từ trong ngoặc kép ở hai bên; với từ nhiều âm tiết, hãy dùng ngoặc kép: "an ninh mạng" OR "tội phạm mạng".',
    "Leave out articles that contain London.": "Bỏ các bài có chữ London.",
    'A minus sign leaves out everything after it as one phrase, up to the next quote, OR or minus sign: this leaves out articles about “ma túy” (drugs), not every article with the syllable “ma”. Put exclusions last, or quote them: cảnh sát -"ma túy" hợp tác.': 'Dấu trừ loại bỏ mọi chữ sau nó như một cụm từ, cho đến dấu ngoặc kép, OR hoặc dấu trừ tiếp theo: ở đây bỏ các bài về “ma túy”, không bỏ mọi bài có âm tiết “ma”. Hãy đặt phần loại trừ ở cuối, hoặc để trong ngoặc kép: cảnh sát -"ma túy" hợp tác.',
    "Leave out a quoted phrase.": "Bỏ một cụm từ trong ngoặc kép.",
    "Names of organisations, people and events, in Vietnamese or English, by acronym or alias, even with a typo, offer the record and a link to the articles that mention it.": "Tên tổ chức, nhân vật và sự kiện, bằng tiếng Việt hay tiếng Anh, viết tắt hay tên gọi khác, kể cả khi gõ sai, sẽ gợi ra hồ sơ đó kèm liên kết tới các bài nhắc đến nó.",
    "Narrowing and sorting": "Thu hẹp và sắp xếp",
    "After a search, the links beside the results narrow it by year, source, language, organisation, person, event or country; each shows how many results it leaves. Sort by relevance, newest or oldest (articles whose date is unknown come last). Every search has an Atom feed and CSV and JSON exports, and the same parameters work in the API:": "Sau khi tìm, các liên kết bên cạnh kết quả giúp thu hẹp theo năm, nguồn, ngôn ngữ, tổ chức, nhân vật, sự kiện hoặc quốc gia; mỗi liên kết cho biết còn lại bao nhiêu kết quả. Sắp xếp theo mức liên quan, mới nhất hoặc cũ nhất (bài không rõ ngày đứng cuối). Mỗi lần tìm đều có nguồn tin Atom và bản xuất CSV, JSON, và các tham số giống hệt dùng được trong API:",
    "Very common words": "Những từ rất phổ biến",
    "A search for a very common word such as “công an” matches most of the archive. So that it still answers at once: counts are exact up to 10,000 results; above that, the count and the numbers beside the filters are estimated from a fixed random sample of about 5,000 articles and shown as “about …” and “≈”. Relevance then orders the 1,000 newest matching articles; add words, a phrase in quotes or a filter to reach older ones, or sort by date, which always reaches every result.": "Tìm một từ rất phổ biến như “công an” sẽ khớp với phần lớn kho lưu trữ. Để vẫn trả lời ngay: số kết quả được đếm chính xác đến 10.000; vượt quá mức đó, tổng số và các con số bên cạnh bộ lọc được ước tính từ một mẫu ngẫu nhiên cố định khoảng 5.000 bài và hiển thị là “khoảng …” và “≈”. Khi đó, thứ tự liên quan chỉ xếp 1.000 bài khớp mới nhất; hãy thêm từ, một cụm từ trong ngoặc kép hoặc một bộ lọc để tới các bài cũ hơn, hoặc sắp xếp theo ngày, cách này luôn tới được mọi kết quả.",
    "Queries are at most 300 characters and 32 words. A query with no letters or digits, or one that only leaves things out, gets a message instead of results.": "Mỗi truy vấn tối đa 300 ký tự và 32 từ. Truy vấn không có chữ hay số, hoặc chỉ có phần loại trừ, sẽ nhận một thông báo thay cho kết quả.",
    "Atom feed of this search": "Nguồn tin Atom của lần tìm này",
    'Words or "a phrase"; diacritics optional': 'Từ hoặc "một cụm từ"; dấu là tùy ý',
    "Published from": "Đăng từ",
    "until": "đến",
    "How to search: phrases, OR, exclusions": "Cách tìm: cụm từ, OR, loại trừ",
    "Remove this filter": "Bỏ bộ lọc này",
    "Named in your search": "Được nêu trong từ khóa của bạn",
    "only articles that mention it": "chỉ các bài nhắc đến",
    "%(ms)s ms": "%(ms)s ms",
    "So many articles match that relevance ranks the %(n)s newest of them. Add words or filters to reach the others, or sort by date.": "Có quá nhiều bài khớp nên thứ tự liên quan chỉ xếp %(n)s bài mới nhất. Hãy thêm từ hoặc bộ lọc để tới các bài khác, hoặc sắp xếp theo ngày.",
    "Nothing matches. Try fewer words, or leave out the diacritics.": "Không có kết quả. Hãy thử bớt từ, hoặc bỏ dấu.",
    "Narrow the results": "Thu hẹp kết quả",
    "relevance": "liên quan",
    "newest": "mới nhất",
    "oldest": "cũ nhất",
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
