"""Plain-text capture -> clean article fields. No database here.

A capture is page text as it came off the page: site header, navigation, the headline, a date,
the article, photo captions, credits, share widgets, tags. The rules below are generic (no rule
per site): chrome is recognised by what it looks like, the headline is the last heading-like
line before the article text starts, and only a date line with a year is a publication date.
"""

import functools
import re
import unicodedata
from dataclasses import dataclass, field

from archive.ingest.dates import (
    DATE_PATTERNS,
    FoundDate,
    find_date,
    find_dateline,
    is_date_line,
)
from archive.ingest.language import detect_language
from archive.ingest.reflow import reflow
from archive.text import clean_text, fold, nfc, squeeze_lines


class ExtractError(ValueError):
    """The capture cannot become an article; the message says why."""


# Whole lines that are page chrome (compared accent- and case-insensitively).
CHROME_LINES = {
    fold(line)
    for line in (
        "Sign In",
        "Sign Up",
        "Log in",
        "Login",
        "Đăng nhập",
        "Đăng ký",
        "Gửi cho bạn bè",
        "Gửi bài viết",
        "In bài",
        "In bài viết",
        "Print",
        "Chia sẻ",
        "Share",
        "Bình luận",
        "Comments",
        "Xem thêm",
        "Xem tiếp",
        "Bài cùng chuyên mục",
        "Tin cùng chuyên mục",
        "Tin liên quan",
        "Bài liên quan",
        "Related news",
        "Related articles",
        "Read more",
        "File đính kèm",
        "Trở về đầu trang",
        "Về đầu trang",
        "Back to top",
        "Trang chủ",
        "Home",
        "Facebook",
        "Twitter",
        "Zalo",
        "Email",
        "Lượt xem",
        "Theo dõi chúng tôi trên",
        # Forum and social buttons, print links.
        "Trích dẫn",
        "Trả lời",
        "Phản hồi",
        "Báo cáo",
        "Thích",
        "Reply",
        "Quote",
        "Like",
        "Report",
        "Print this page",
        "In trang",
        "Gửi email",
        "* * *",
        # A live report's badge.
        "Trực tiếp",
        "Live",
        "Live updates",
        # A press release's label above its text.
        "For Immediate Release",
        "For Release",
        # A social network's link under a post or a comment in another language.
        "Xem bản dịch",
        "See translation",
    )
}
# Lines that are chrome by how they start: "Xem bài gốc tại cand.com.vn", "Media contact: ...".
CHROME_START = re.compile(
    r"^(?:xem bai goc tai|read (?:the )?full story|for more information|media (?:contact|enquiries)"
    r"|share (?:this page|on)|share:|chia se bai viet|lien he quang cao"
    # A newsroom's team in place of an author: "Nhóm PV Pháp luật", "Nhóm phóng viên".
    r"|nhom (?:pv|phong vien)"
    # A wire's and a site's footer: "Our Standards: ...", "(c) Agency 2025. All rights
    # reserved.", "Powered by vBulletin", "Read the Vietnamese version of this story".
    r"|our standards|(?:\(c\)|©|copyright)\s|powered by|read (?:the|this (?:story|article) in)"
    r" (?:[^\W\d_]+ )?(?:version|english|vietnamese))\b"
    # A forum signature is labelled ("Chữ ký: ..."); "Chữ ký số ..." (digital signatures) is news.
    r"|^(?:chu ky|signature)\s*(?::|$)"
    # A release's contact lines: "Contact: International Affairs Division ...", "Tel: +81 ...".
    r"|^(?:contacts?|press contact|tel|phone|fax|lien he|dien thoai)\s*:"
    r"|^for immediate release\b"
    # A forum thread's starter line: "Thread starter X · Start date ...", "Started by X".
    r"|^(?:thread starter|started by|nguoi tao chu de|nguoi khoi tao)\b"
    # The same line in XenForo's wording: "Thảo luận trong 'Thời sự' bắt đầu bởi X, 3/12/26".
    r"|^(?:thao luan trong|discussion in)\s+['‘\"“]"
    # "For further information please contact:": a release's contacts.
    r"|^for further information,? (?:please )?contact\b"
    # A release's attachments listed below it: "Attachment: Photos of ...", "Tệp đính kèm:".
    r"|^(?:attachments?|enclosures?|(?:tep |file )?dinh kem)\s*:"
)
# A link to another article set inside the text after its label: "Đọc thêm: <headline>",
# "Xem thêm: ...", "Read more: ...", "See also: ...".
RELATED_LINK = re.compile(
    r"^(?:doc them|xem them|tin lien quan|bai lien quan|read more|see also|related)\s*:\s*\S"
)
# A state letterhead's motto, alone or beside its office in the other column when a PDF's text
# sets both columns on one line ("CỤC ĐỐI NGOẠI Độc lập - Tự do - Hạnh phúc").
# The state's name above it is set so too ("BỘ CÔNG AN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM").
MOTTO = re.compile(
    r"(?:độc\s+lập\s*[-–]\s*tự\s+do\s*[-–]\s*hạnh\s+phúc"
    r"|cộng\s+hòa\s+xã\s+hội\s+chủ\s+nghĩa\s+việt\s+nam)$",
    re.IGNORECASE,
)
# "an_b, le_c and 57 others", "Lan, Hùng và 12 người khác": who reacted to a post.
REACTED = re.compile(r"(?:^|,|\s)(?:and|va)\s+[\d.,]+\s*[kn]?\s+(?:others?|nguoi khac)$")
# "This English version is a provisional translation of the Japanese original ... the Japanese
# original shall prevail": a translation's disclaimer, in any of its wordings.
DISCLAIMER = re.compile(
    r"\b(?:provisional|unofficial|courtesy) translation\b.*\b(?:prevail|authoritative|binding)\b"
)
# "AFP Media: (02) 5126 9297", "Hotline: 0912 345 678", "Email: press@x.org": a contact line
# (a phone number opens with +, ( or 0; "Thiệt hại: 1.200.000.000" is an amount, not one).
CONTACT = re.compile(
    r"^[^\W\d][^:]{0,40}:\s*(?:(?:\+|\(|0)[\d\s().-]{6,}\d|[\w.+-]+@[\w-]+(?:\.[\w-]+)+)$"
)
# "Trang 1 của 2", "Page 2 of 5": a thread's or a listing's pager.
PAGER = re.compile(r"^(?:trang|page)\s+\d+\s+(?:cua|of|/)\s+\d+\b")
# "... | Lên trên | Powered by vBulletin": a footer of links ends in its software or rights.
FOOTER_END = re.compile(r"(?:(?:^|\|\s*)powered by [^|]{1,30}|all rights reserved\.?)$")
# "(Reporting by X; Editing by Y)": a wire story's credits below its text.
WIRE_CREDIT = re.compile(
    r"^\((?:additional )?(?:reporting|writing)\s+by\s+(?P<who>[^;)]+)"
    r"(?:;\s*(?:additional reporting|writing|editing)\s+by\s+(?P<editors>[^)]+))?\)$"
)
# "ASEANAPOL Secretariat | www.aseanapol.org": a site's or an office's address line, the
# address last (a headline quoting an address in its text is no such line).
WEB_ADDRESS = re.compile(r"(?:https?://|www\.)\S+$")
# "👁 3,4K   đã chỉnh sửa   09:12": a post's views and "edited" mark.
EDITED = re.compile(r"(?:^|\s)(?:da chinh sua|edited)(?!\s+by)(?:\s|$)")  # "Edited by" credits
# "Bình luận (27)", "Comments (4)", "3,4K lượt xem": a counter with its label.
LABELLED_COUNT = re.compile(
    r"^(?:binh luan|comments?|luot xem|views?)\s*\(\s*[\d.,]+\s*[kn]?\s*\)$"
)
# Where a Vietnamese official document's text ends: its recipients ("Nơi nhận:"), the
# signer's capacity in capitals ("KT. GIÁM ĐỐC", "TM. ỦY BAN NHÂN DÂN", "TL. BỘ TRƯỞNG"; an
# address's "Q. Bình Thạnh" is no such line) and "(đã ký)".
SIGNATURE_START = re.compile(r"^(?:noi nhan\s*:|\((?:da ky|ky ten[^)]*|signed)\)$)")
SIGNER_CAPACITY = re.compile(r"^(?:kt|tm|tl|ktl|q)\.\s*[^\W\d]")


def is_signature_start(line: str, marker: str) -> bool:
    if SIGNATURE_START.match(marker):
        return True
    return bool(SIGNER_CAPACITY.match(marker)) and line.isupper() and words(line) <= 8


# Lines after which the page lists other articles: the article has ended.
END_MARKERS = {
    fold(line)
    for line in (
        "Xem thêm",
        "Bài cùng chuyên mục",
        "Tin cùng chuyên mục",
        "Tin liên quan",
        "Bài liên quan",
        "Tin khác",
        "Related news",
        "Related articles",
        "Read more",
        "More news",
        "Related stories",
        "Related",
        "Cùng chủ đề",
        "Các tin khác",
        "Tin mới nhất",
        "Đọc nhiều",
        "Tất cả cảm xúc",
        "Xem thêm bình luận",
        "Nơi nhận",
        "Để lại một bình luận",
        # A portal's list of its earlier items below the article.
        "Các tin đã đưa",
        "Tin đã đưa",
        "Các tin cũ hơn",
        "Older news",
        # A press release's end mark ("-ENDS-", "###"): its contacts and downloads follow.
        "ENDS",
        "END",
        "###",
    )
}
# A release's contacts below its text, after its end mark or none ("*** Contacts: KNPA
# Spokesperson's Office +82 ...", "Media enquiries:"): the release has ended.
RELEASE_CONTACTS = re.compile(
    r"^(?:(?:\*\s?){3}|#{3}|-+\s*ends?\s*-+)?\s*"
    r"(?:media (?:contacts?|enquiries|inquiries)|press contacts?|contacts?"
    r"|for (?:further|more) information,? (?:please )?contact)\s*:"
)
# Boxes of links set inside an article ("Tin liên quan" between two paragraphs): the article
# goes on below them, so they end a run of links, not the body.
INLINE_BOXES = {
    fold(line)
    for line in ("Tin liên quan", "Bài liên quan", "Đọc thêm", "Related news", "Related articles")
}
# "415 bình luận", "1,1K lượt chia sẻ", "12 comments": a post's counters, its comments below.
# "👍❤️ 1,2K   84 bình luận   156 lượt chia sẻ": the reactions' count may lead a row of them.
COUNTERS = re.compile(
    r"^(?:[\d.,]+\s*[kn]?\s+)?(?:[\d.,]+\s*[kn]?\s*"
    r"(?:binh luan|luot chia se|luot thich|comments?|shares?)(?:\s+|$))+$"
)
# "Tuổi Trẻ · 2 giờ trước", "The Straits Times · 3 hours ago": an aggregator's source line.
SOURCE_AGO = re.compile(
    r"\d+\s*(?:gio|phut|ngay|tuan|hours?|minutes?|days?|weeks?)\s*(?:truoc|ago)$"
)
HASHTAGS = re.compile(r"^#[^\W_][\w]*(?:\s+#[^\W_][\w]*)*$")
# Lines that stand for an image in the page text: the next line is its caption.
IMAGE_MARKERS = {fold(line) for line in ("left center right del", "[image]", "image", "ảnh")}
TAG_LINE = re.compile(r"^(tag|tags|tu khoa|chu de)\s*:\s*(?P<tags>.*)$")
# "(Ảnh: ...)", "Photo: ...", or a credit closing a caption's sentence ("Participants at the
# meeting. Photo: UNODC").
CAPTION_HINT = re.compile(
    r"\((?:anh|photo|nguon anh)\s*:|^(?:anh|photo)\s*:|[.!]\s+(?:anh|photo)\s*:\s*[^.:]{1,40}$",
    re.IGNORECASE,
)
SOURCE_LINE = re.compile(r"^(?:trich\s+nguon|nguon|source)\s*:\s*(?P<who>.+)$")
THEO_LINE = re.compile(r"^(?:theo|according to)\s+(?P<who>.+)$")
EDITOR_LINE = re.compile(r"^(?:bien\s+tap|bien\s+tap\s+vien|editor|edited\s+by)\s*:\s*(?P<who>.+)$")
AUTHOR_LINE = re.compile(
    r"^(?:tac\s+gia|bai(?:\s*(?:va|,)\s*anh)?|by|author|story|text|pv|phong\s+vien)\s*:\s*"
    r"(?P<who>.+)$"
)
# "Minh Anh (tổng hợp)", "Hoàng Long (theo Reuters)": a byline with how the text was made.
COMPILED_BY = re.compile(
    r"^(?P<who>[^()]{3,60}?)\s*\((?:tong hop|bien dich|luoc dich|theo [^)]+|compiled)\)$"
)
# "Hoàng Dung - Phòng Tham mưu": an author and the police unit (a room, a team, a station)
# that wrote the text, below it.
UNIT_BYLINE = re.compile(
    r"^(?P<who>[^-–—]{3,40}?)\s+[-–—]\s+(?:phong|doi|ban|cong an|trung tam|van phong|don|cuc"
    r"|bo chi huy|bao|dai)\s+[^\W\d_]"
)
NAV_SEPARATORS = re.compile(r"\s(?:\||>|»|›)\s")
# "Phong Hà/VOV", "Minh Châu/TTXVN": an author and an agency on a line of their own.
SLASH_CREDIT = re.compile(r"^(?P<who>[^/]{3,40})/(?P<agency>[^/\s][^/]{0,30})$")
SENTENCE_END = re.compile(r"[.!?…”\"]$")
# "(Dân trí) - ", "VOV.VN - ", "TPO - ", "QĐND Online - ": an agency's or a site's mark before
# a lede: a name in brackets, a web name, or an initialism in capitals (with "Online" after it).
LEDE_MARK = re.compile(
    r"^(?:\([^()]{2,25}\)\s*[-–—]\s*|[A-Z][\w]*\.[A-Za-z]{2,3}\s*[-–—]\s*"
    r"|(?P<initials>[^\W\d_]{2,8})(?: Online)? [-–] )"
)


def _is_initialism(word: str) -> bool:
    """Capitals with at most one vowel ("TPO", "QĐND"); a dateline's "HANOI", "PARIS" has more."""
    return word.isupper() and sum(ch in "aeiouy" for ch in fold(word)) <= 1


def strip_lede_mark(text: str) -> str:
    """A lede without the agency's mark at its very start ("TPO - Bộ Công an vừa ...")."""
    mark = LEDE_MARK.match(text)
    initials = mark["initials"] if mark else None
    if mark is None or (initials and not _is_initialism(initials)):
        return text
    rest = text[mark.end() :]
    return rest if words(rest) >= 8 and rest[:1].isupper() else text


@dataclass
class Extracted:
    title: str
    paragraphs: list[str]
    captions: list[dict] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)
    editors: list[str] = field(default_factory=list)
    source_note: str = ""
    source_names: list[str] = field(default_factory=list)
    header: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    published: FoundDate | None = None
    captured: FoundDate | None = None
    language: str = "vi"
    url: str | None = None

    @property
    def lede(self) -> str:
        return self.paragraphs[0] if self.paragraphs else ""

    @property
    def body(self) -> str:
        return "\n\n".join(self.paragraphs[1:])

    def note_source(self, line: str) -> None:
        """Keep a credit line ("Theo TTXVN", "(Reporting by ...)") in the source note."""
        self.source_note = " · ".join(filter(None, [self.source_note, line]))


_ALNUM = re.compile(r"[^\W_]")  # a letter or digit
_LETTER = re.compile(r"[^\W\d_]")


@functools.lru_cache(maxsize=4096)  # a line is tested by several rules, and its neighbours too
def words(line: str) -> int:
    """Tokens (split at white space) holding at least one letter or digit."""
    return sum(1 for token in line.split() if token.isalnum() or _ALNUM.search(token))


def _symbols_stripped(folded: str) -> str:
    """A line without the emoji or symbols before it ("💬 Bình luận (27)")."""
    start = 0
    while start < len(folded) and (
        unicodedata.category(folded[start]) in ("So", "Sk", "Mn", "Cf") or folded[start] == " "
    ):
        start += 1
    return folded[start:]


# A link to another page set as a line of its own, alone or after a label: "Find out more
# about EFECC", "Europol's financial intelligence: Learn more about the centre".
MORE_LINK = re.compile(
    r"(?:^|:\s+)(?:find out more|learn more|read more|discover more|more information)"
    r"(?:\s+(?:about|on)\b[^.!?:]*)?$"
)


@functools.lru_cache(maxsize=4096)
def is_chrome(line: str) -> bool:
    folded = fold(line).strip(" :.-–—|")
    if folded[:1] and not folded[:1].isascii():
        folded = _symbols_stripped(folded)
    if folded in CHROME_LINES or folded in IMAGE_MARKERS:
        return True
    if folded.endswith(("truoc", "ago")) and SOURCE_AGO.search(folded):
        return True
    if CHROME_START.match(folded) and words(line) <= 15:
        return True
    if words(line) <= 12 and MORE_LINK.search(folded):
        return True
    if RELATED_LINK.match(folded) and words(line) <= 30 and not line.rstrip().endswith("."):
        return True
    if folded.endswith(("phuc", "viet nam")) and (motto := MOTTO.search(line.strip(" :.-–—|"))):
        office = motto.string[: motto.start()].strip()
        if not office or (office.isupper() and words(office) <= 8):
            return True
    if "translation" in folded and words(line) <= 60 and DISCLAIMER.search(folded):
        return True
    if not _LETTER.search(line) and not is_date_line(line):
        return True  # counters, symbols, a time of day: no word of text
    if folded[:1] in "tp" and PAGER.match(folded):
        return True
    if words(line) <= 25 and FOOTER_END.search(folded.rstrip(" .")):
        return True
    if len(line) <= 80:  # contact lines, counters and "edited" marks are short
        if "(" in folded and LABELLED_COUNT.match(folded):
            return True
        if ":" in line and CONTACT.match(line):
            return True
        if words(line) <= 6 and EDITED.search(folded):
            return True
        if words(line) <= 15 and REACTED.search(folded) and not SENTENCE_END.search(line):
            return True
    if "www." in folded or "://" in folded:
        address = WEB_ADDRESS.search(line.strip())
        rest = line.strip()[: address.start()] if address else ""
        if address and words(rest) <= 6 and not SENTENCE_END.search(rest.strip()):
            return not SOURCE_LINE.match(folded) and not THEO_LINE.match(folded)
    return is_slogan(line) or is_navigation(line)


def is_slogan(line: str) -> bool:
    """A motto in capitals, usually quoted: “ĐOÀN KẾT – DÂN CHỦ - KỶ CƯƠNG …”."""
    quoted = line.strip()[:1] in "“\"'«" and line.strip()[-1:] in "”\"'»"
    if not (quoted or "–" in line or " - " in line):
        return False
    letters = [ch for ch in line if ch.isalpha()]
    if len(letters) < 8:
        return False
    return sum(ch.isupper() for ch in letters) / len(letters) > 0.9


def is_navigation(line: str) -> bool:
    """Menus and breadcrumbs: short items separated by |, >, » or ›."""
    parts = NAV_SEPARATORS.split(line)
    return len(parts) >= 3 and all(words(part) <= 5 for part in parts)


def is_paragraph(line: str) -> bool:
    """Running text: long, or a full sentence of some length."""
    if is_chrome(line):
        return False
    count = words(line)
    return count >= 25 or (count >= 12 and bool(SENTENCE_END.search(line)))


def is_person_name(text: str) -> bool:
    """Two to five words in title case, as Vietnamese and English names are written."""
    parts = text.split()
    return 2 <= len(parts) <= 5 and all(
        part[:1].isupper() and part[1:].islower() and part.isalpha() for part in parts
    )


def split_people(text: str) -> list[str]:
    """'Mai Loan, Trung tâm TTKH&TLGK' -> ['Mai Loan']: names only, units and agencies left out."""
    parts = re.split(r"\s*(?:,|;|&|\bvà\b|\band\b|/)\s*", text)
    return [part.strip(" .()") for part in parts if is_person_name(part.strip(" .()"))]


def extract_text(text: str) -> Extracted:
    """Clean fields out of a plain-text capture; raises ExtractError when there is no article."""
    text = nfc(text).replace("\r\n", "\n").replace("\r", "\n")
    if "\x00" in text:
        raise ExtractError("binary content (NUL bytes), not a text capture")
    text = clean_text(text)  # control characters (\x0b, \x1e, ...): the raw capture keeps them
    text = rss_item_text(text)
    flowed = reflow(text)
    printed = flowed is not text  # a PDF's pages or printed lines, turned into paragraphs
    text = flowed
    lines = [line for line in squeeze_lines(text) if line]
    if not lines:
        raise ExtractError("empty capture: no text")

    first_paragraph = next(
        (i for i, line in enumerate(lines) if is_paragraph(line) and not _is_subject(lines, i)),
        None,
    )
    if first_paragraph is None:
        raise ExtractError("no article text found (no paragraph of running text)")

    # The headline: the last heading-like line before the text starts; prefer 5+ words.
    recipients = _recipient_lines(lines[:first_paragraph])
    heading_like = [
        i
        for i in range(first_paragraph)
        if i not in recipients
        and not is_chrome(lines[i])
        and not is_date_line(lines[i])
        and not find_dateline(lines[i])
        and len(lines[i]) >= 8
    ]
    if not heading_like:
        raise ExtractError("no headline found before the article text")
    long_enough = [i for i in heading_like if words(lines[i]) >= 5]
    # An official letter's subject ("V/v: cảnh báo thủ đoạn ...") is its title.
    subject = [i for i in heading_like if SUBJECT_LINE.match(fold(lines[i]))]
    title_at = (subject or long_enough or heading_like)[-1]
    title = lines[title_at]
    # A headline in capitals printed on two lines: the first ends in a word that cannot end one.
    if title_at and title_at - 1 in heading_like and _continues(lines[title_at - 1], title):
        title = f"{lines[title_at - 1]} {title}"
    # Or cut anywhere: its shorter rest in capitals stands alone right above the text.
    elif title_at + 2 == first_paragraph and _wraps_onto(title, lines[title_at + 1]):
        title = f"{title} {lines[title_at + 1]}"
        title_at += 1
    if printed:  # a report's numbered heading ("3.4 Technical assistance ...")
        title = SECTION_NUMBER.sub("", title)
    result = Extracted(title=_title_text(title), paragraphs=[])
    result.header = [line for line in lines[:title_at] if not is_date_line(line)]

    # A date line before the headline is the site's "today" header: the capture day, unless
    # it stands right above the headline with a time of day, as some sites date articles.
    # A date line after the headline (before the text) is the publication date.
    for at, line in enumerate(lines[:title_at]):
        if is_date_line(line):
            found = find_date(line)
            if at == title_at - 1 and found and found.at:
                result.published = found
            else:
                result.captured = found
    for line in lines[title_at + 1 : first_paragraph]:
        if is_date_line(line) and result.published is None:
            result.published = find_date(line)
        elif result.published is None:
            result.published = find_dateline(line)
    # A letterhead's "Hà Nội, ngày 26 tháng 10 năm 2025", or a dateline opening the text.
    for line in [*lines[:title_at], lines[first_paragraph]]:
        if result.published is None and not is_date_line(line):
            result.published = find_dateline(line)

    # A printed document's letterhead may date it on a line of its own above the title.
    if result.published is None and printed and result.captured is not None:
        result.published, result.captured = result.captured, None
    # A printed release's letterhead: its date first, the issuing office after it on the
    # same line ("October 2, 2025 National Police Agency ...").
    if result.published is None and printed:
        result.published = next(filter(None, map(_opening_date, lines[:title_at])), None)

    # A release's label dates it: "For immediate release - 2 July 2025".
    # Or, in a printed release's two columns, on the line below it ("FOR IMMEDIATE RELEASE
    # Contact: ..." then "Thursday, December 10, 2026 Public Affairs Officer").
    for at, line in enumerate(lines[:title_at]):
        label = RELEASE_LABEL.match(fold(line))
        if result.published is None and label:
            result.published = find_date(line[label.end() :])
            if result.published is None and at + 1 < title_at:
                result.published = _leading_date(WEEKDAY_FIRST.sub("", lines[at + 1]))

    # A printed release's letterhead labels its date: "Date: 24 November 2026 Contact: ...".
    for line in lines[:title_at]:
        if result.published is None and (label := DATE_LABEL.match(fold(line))):
            result.published = _leading_date(line[label.end() :])

    # A dateline with text after it ("Hà Nội, 12/03/2025 — Đại diện ...") opens the article.
    opening = next((i for i in range(title_at + 1, first_paragraph) if _opens_text(lines[i])), None)
    fill_body(result, lines, first_paragraph if opening is None else opening)
    if not result.paragraphs:
        raise ExtractError("no article text left once page chrome was removed")
    result.language = detect_language(" ".join([result.title, *result.paragraphs]))
    return result


# "Embargoed until 00:01, Thursday 22 October 2026": the embargo's end dates a release too.
RELEASE_LABEL = re.compile(r"^(?:for (?:immediate )?release|embargoed (?:until|till))\b[\s:,–—-]*")
# "Date: 24 November 2026", "Release date: ...": a printed letterhead's label.
DATE_LABEL = re.compile(r"^(?:(?:release|issue|publication)\s+)?dated?\s*:\s*(?=\S)")
WEEKDAY_FIRST = re.compile(
    r"^(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday),?\s+", re.IGNORECASE
)
# "V/v: ..." (về việc): an official letter's subject line.
SUBJECT_LINE = re.compile(r"^v/v\s*:?\s+\w")
# "Kính gửi:" and the list of recipients below it ("- UBND các xã ...").
RECIPIENTS = re.compile(r"^kinh gui\s*:")
# "3.4 ", "2.1.3. ": a section's number before a report's heading ("2.000 người" is no such).
SECTION_NUMBER = re.compile(r"^\d{1,2}(?:\.\d{1,2})+\.?\s+(?=[^\W\d_])")


# An official document's kind in capitals above its subject line: "THÔNG BÁO", "THÔNG CÁO BÁO
# CHÍ", "QUYẾT ĐỊNH", "BÁO CÁO", "KẾ HOẠCH".
DOCUMENT_KIND = re.compile(
    r"^(?:thong bao|thong cao(?: bao chi)?|quyet dinh|bao cao|ke hoach|cong van|to trinh"
    r"|chi thi|giay moi|huong dan)$"
)


def _is_subject(lines: list[str], at: int) -> bool:
    """An official document's subject below its kind: long, yet its title, not its text."""
    above = lines[at - 1] if at else ""
    return (
        above.isupper()
        and DOCUMENT_KIND.match(fold(above).strip(" :."))
        and not SENTENCE_END.search(lines[at])
        and at + 1 < len(lines)
        and is_paragraph(lines[at + 1])
    ) is True


def _recipient_lines(lines: list[str]) -> set[int]:
    """Where a letter's "Kính gửi:" and its list of recipients stand: never its title."""
    found: set[int] = set()
    for at, line in enumerate(lines):
        if RECIPIENTS.match(fold(line)):
            found.add(at)
            for after in range(at + 1, len(lines)):
                if not lines[after].lstrip().startswith(("-", "+", "•", "–")):
                    break
                found.add(after)
    return found


# An RSS item copied as text: "title: ...", "link: ...", "pubDate: ...", "description: ...".
RSS_FIELD = re.compile(
    r"^(?P<key>title|link|guid|category|pubdate|dc:creator|author|description|enclosure"
    r"|content:encoded|comments|source)\s*:(?P<value>.*)$",
    re.IGNORECASE,
)


def rss_item_text(text: str) -> str:
    """An RSS item's fields laid out as an article: its title, date, description, content.

    Text that does not open with a title field and at least two other feed fields is returned
    as it is.
    """
    if not text.lstrip()[:6].lower().startswith("title:"):
        return text
    lines = text.lstrip().split("\n")
    fields: dict[str, str] = {}
    at = 0
    while at < len(lines):
        field_match = RSS_FIELD.match(lines[at].strip())
        if field_match is None and lines[at].strip():
            break
        if field_match is not None:
            fields.setdefault(field_match["key"].lower(), field_match["value"].strip())
            if field_match["key"].lower() == "content:encoded":
                at += 1
                break
        at += 1
    if len(fields) < 3 or not fields.get("title"):
        return text
    found = find_date(fields.get("pubdate", ""))  # "Tue, 16 Sep 2025 08:30:00 +0700"
    day = ""
    if found is not None:
        day = f"{found.day:%d/%m/%Y} {found.at:%H:%M}" if found.at else f"{found.day:%d/%m/%Y}"
    head = [fields["title"], day, fields.get("description", "")]
    return "\n\n".join([*filter(None, head), "\n".join(lines[at:])])


def is_heading(line: str) -> bool:
    """A headline set in capitals ("CẢNH BÁO THỦ ĐOẠN ..."), as social posts open."""
    letters = [ch for ch in line if ch.isalpha()]
    return words(line) >= 4 and sum(ch.isupper() for ch in letters) > 0.8 * len(letters)


# Words a headline cannot end in: the line after it goes on with the same headline.
OPEN_ENDINGS = {
    fold(word)
    for word in (
        "of", "on", "and", "the", "for", "to", "in", "between", "with", "by", "at", "from",
        "về", "của", "và", "với", "trong", "tại", "cho", "giữa", "trên", "đối", "năm",
    )
}  # fmt: skip


def _continues(line: str, after: str) -> bool:
    """`line` is the first part of a headline in capitals that goes on in `after`."""
    last = line.split()[-1] if line.split() else ""
    return line.isupper() and after.isupper() and fold(last) in OPEN_ENDINGS


def _wraps_onto(line: str, after: str) -> bool:
    """`after`, a shorter line in capitals, ends the headline in capitals `line` began."""
    return (
        line.isupper()
        and after.isupper()
        and len(after) < len(line)
        and not SENTENCE_END.search(line)
        and not line.rstrip().endswith(":")
        and 2 <= words(after) < 5
        and not is_chrome(after)
        and not is_date_line(after)
        and not find_dateline(after)
    )


def _opening_date(line: str) -> FoundDate | None:
    """The full date a line opens with, when words in capitals (a name) follow it."""
    folded = fold(line)
    for pattern in DATE_PATTERNS:
        found = pattern.match(folded)
        if found and line[found.end() :].strip()[:1].isupper():
            return find_date(folded[: found.end()])
    return None


def _leading_date(text: str) -> FoundDate | None:
    """The date `text` opens with (a name after it), or its date when it is a date line."""
    return _opening_date(text) or (find_date(text) if is_date_line(text) else None)


def _opens_text(line: str) -> bool:
    return words(line) >= 8 and not is_date_line(line) and find_dateline(line) is not None


def _title_text(line: str) -> str:
    """A headline without quotes around it or emoji before it ("‼️ CẢNH GIÁC ...")."""
    stripped = line.strip()
    line = stripped.strip(' "“”')
    # A quotation closing the headline keeps its mark: ... LỪA ĐẢO "ĐƯA NGƯỜI ĐI ..."
    if (
        stripped[-1:] in '"”'
        and stripped[:1] not in '"“'
        and (line.count('"') % 2 or line.count("“") > line.count("”"))
    ):
        line += stripped[-1]
    while line and (unicodedata.category(line[0]) in ("So", "Sk", "Mn", "Cf") or line[0] in "‼⁉"):
        line = line[1:].lstrip()
    return line


def fill_body(result: Extracted, lines: list[str], first_paragraph: int) -> None:
    """Paragraphs from `lines[first_paragraph:]`, with captions, tags, credits and chrome apart."""
    caption_next = False
    ended = inline_box = False
    for index in range(first_paragraph, len(lines)):
        line = lines[index]
        folded = fold(line)
        marker = folded.strip(" :.-–—|")
        if (
            marker in END_MARKERS
            or marker in INLINE_BOXES
            or COUNTERS.match(_symbols_stripped(marker))
            or is_signature_start(line, marker)
            or line in ("--", "-- ")  # a mail's or a feed's signature below its text
            or (result.paragraphs and RELEASE_CONTACTS.match(folded))
        ):
            ended, inline_box = True, marker in INLINE_BOXES
        elif inline_box and is_paragraph(line):  # the article goes on below the box
            ended = inline_box = False
        if ended:  # only tags and credit lines still count below a list of other articles
            if TAG_LINE.match(folded):
                raw_tags = line.split(":", 1)[1]
                result.tags += [t.strip() for t in re.split(r"[,;|]", raw_tags) if t.strip()]
            elif not is_paragraph(line) and not is_chrome(line):
                credit_line(result, line, folded)
            continue
        if folded.strip(" :.-") in IMAGE_MARKERS:
            caption_next = True
            continue
        if caption_next or CAPTION_HINT.search(folded) or looks_like_caption(lines, index):
            caption_next = False
            result.captions.append({"after": len(result.paragraphs), "text": line})
            continue
        if TAG_LINE.match(folded):
            raw_tags = line.split(":", 1)[1]
            result.tags += [t.strip() for t in re.split(r"[,;|]", raw_tags) if t.strip()]
            continue
        if HASHTAGS.match(line):
            result.tags += [tag.lstrip("#") for tag in line.split()]
            continue
        if is_chrome(line) or (result.paragraphs and _signs_off(lines, index)):
            continue
        # A date line is short and has a year: no other line is tested.
        short = len(line) <= 80 and _YEAR.search(line) is not None and words(line) <= 12
        if short and is_date_line(line) and (index > first_paragraph or result.published):
            # A line that is only a date ("Thứ Sáu, 29/11/2024, 15:02 (GMT+7)") is no text.
            result.published = result.published or find_date(line)
            continue
        if short and _DATELINE_ONLY.search(line) and find_dateline(line):
            result.published = result.published or find_dateline(line)
            continue  # a letterhead's "Lào Cai, ngày 18 tháng 7 năm 2024" on its own
        if credit_line(result, line, folded):
            continue
        if result.paragraphs and index >= len(lines) - 3 and is_caps_byline(line):
            result.authors.append(line.title())  # "NGỌC ÁNH" below the text
            continue
        if result.paragraphs and is_agency_line(line):
            result.note_source(line)
            result.source_names.append(line)
            continue
        if (
            result.paragraphs
            and line[:1].islower()
            and not SENTENCE_END.search(result.paragraphs[-1])
        ):
            result.paragraphs[-1] += f" {line}"  # a paragraph wrapped onto the next line
            continue
        result.paragraphs.append(line)


_YEAR = re.compile(r"(?:19|20)\d\d")
_DATELINE_ONLY = re.compile(r"(?:(?:19|20)\d\d|\d{1,2}:\d\d)\W*$")  # ends with its date


def _is_office_line(line: str) -> bool:
    """A line of an issuing office's name in capitals: "PUBLIC AFFAIRS DEPARTMENT"."""
    return line.isupper() and 1 <= words(line) <= 6 and not re.search(r"[\d.!?:]", line)


def _signs_off(lines: list[str], index: int) -> bool:
    """An issuing office in capitals on one to three lines, a date line right below them: a
    release's sign-off below its text ("PUBLIC AFFAIRS DEPARTMENT", "27 November 2026")."""
    if not _is_office_line(lines[index]):
        return False
    for after in lines[index + 1 : index + 4]:
        if is_date_line(after):
            return True
        if not _is_office_line(after):
            return False
    return False


def is_caps_byline(line: str) -> bool:
    """An author's name in capitals on a line of its own: "NGỌC ÁNH", "TIẾN LONG"."""
    return line.isupper() and 2 <= len(line.split()) <= 4 and is_person_name(line.title())


def is_agency_line(line: str) -> bool:
    """A news agency's acronym alone on a line below the text: "VNA", "TTXVN", "AFP"."""
    return 2 <= len(line) <= 12 and line.isupper() and line.replace(".", "").isalpha()


def looks_like_caption(lines: list[str], index: int) -> bool:
    """A short one-sentence line between two paragraphs, such as a photo caption."""
    line = lines[index]
    if words(line) > 12 or index + 1 >= len(lines) or index == 0:
        return False
    if not SENTENCE_END.search(line) or any(ch in line for ch in ':“”"'):
        return False
    return is_paragraph(lines[index - 1]) and is_paragraph(lines[index + 1])


def credit_line(result: Extracted, line: str, folded: str) -> bool:
    """Move source, author and editor lines into the credited fields."""
    value = line.split(":", 1)[1].strip() if ":" in line else ""
    if folded[:1] == "(" and (wire := WIRE_CREDIT.match(folded)):
        result.authors += split_people(line[wire.start("who") : wire.end("who")])
        if wire["editors"]:
            result.editors += split_people(line[wire.start("editors") : wire.end("editors")])
        result.note_source(line)
        return True
    if SOURCE_LINE.match(folded):
        result.note_source(line)
        result.source_names.append(value)
        return True
    if EDITOR_LINE.match(folded):
        result.editors += split_people(value)
        result.note_source(line)
        return True
    if AUTHOR_LINE.match(folded) and words(line) <= 10:
        result.authors += split_people(value)
        return True
    if (compiled := COMPILED_BY.match(folded)) and is_person_name(line[: compiled.end("who")]):
        result.authors.append(line[: compiled.end("who")].strip())
        result.note_source(line)
        return True
    if (theo := THEO_LINE.match(folded)) and words(line) <= 8 and not SENTENCE_END.search(line):
        who = line[len(line) - len(theo["who"]) :]
        result.note_source(line)
        result.authors += split_people(who)
        result.source_names += [part.strip() for part in re.split(r"[/,]", who) if part.strip()]
        return True
    if (unit := UNIT_BYLINE.match(folded)) and words(line) <= 10 and not SENTENCE_END.search(line):
        named = line[unit.end("who") :].lstrip(" -–—")[:1].isupper()  # a unit's proper name
        if named and is_person_name(line[: unit.end("who")]):
            result.authors.append(line[: unit.end("who")].strip())
            result.note_source(line)
            return True
    if (slash := SLASH_CREDIT.match(line)) and words(line) <= 6 and not SENTENCE_END.search(line):
        result.authors += split_people(slash["who"])
        result.source_names.append(slash["agency"].strip())
        result.note_source(line)
        return True
    return False
