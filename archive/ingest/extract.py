"""Plain-text capture -> clean article fields. No database here.

A capture is page text as it came off the page: site header, navigation, the headline, a date,
the article, photo captions, credits, share widgets, tags. The rules below are generic (no rule
per site): chrome is recognised by what it looks like, the headline is the last heading-like
line before the article text starts, and only a date line with a year is a publication date.
"""

import functools
import re
from dataclasses import dataclass, field

from archive.ingest.dates import FoundDate, find_date, is_date_line
from archive.ingest.language import detect_language
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
    )
}
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
    )
}
# Lines that stand for an image in the page text: the next line is its caption.
IMAGE_MARKERS = {fold(line) for line in ("left center right del", "[image]", "image", "ảnh")}
TAG_LINE = re.compile(r"^(tag|tags|tu khoa|chu de)\s*:\s*(?P<tags>.*)$")
CAPTION_HINT = re.compile(r"\((?:anh|photo|nguon anh)\s*:|^(?:anh|photo)\s*:", re.IGNORECASE)
SOURCE_LINE = re.compile(r"^(?:trich\s+nguon|nguon|source)\s*:\s*(?P<who>.+)$")
THEO_LINE = re.compile(r"^(?:theo|according to)\s+(?P<who>.+)$")
EDITOR_LINE = re.compile(r"^(?:bien\s+tap|bien\s+tap\s+vien|editor|edited\s+by)\s*:\s*(?P<who>.+)$")
AUTHOR_LINE = re.compile(
    r"^(?:tac\s+gia|bai(?:\s*(?:va|,)\s*anh)?|by|author|pv|phong\s+vien)\s*:\s*(?P<who>.+)$"
)
# "Minh Anh (tổng hợp)", "Hoàng Long (theo Reuters)": a byline with how the text was made.
COMPILED_BY = re.compile(
    r"^(?P<who>[^()]{3,60}?)\s*\((?:tong hop|bien dich|luoc dich|theo [^)]+|compiled)\)$"
)
NAV_SEPARATORS = re.compile(r"\s(?:\||>|»|›)\s")
# "Phong Hà/VOV", "Minh Châu/TTXVN": an author and an agency on a line of their own.
SLASH_CREDIT = re.compile(r"^(?P<who>[^/]{3,40})/(?P<agency>[^/\s][^/]{0,30})$")
SENTENCE_END = re.compile(r"[.!?…”\"]$")


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


_ALNUM = re.compile(r"[^\W_]")  # a letter or digit


@functools.lru_cache(maxsize=4096)  # a line is tested by several rules, and its neighbours too
def words(line: str) -> int:
    """Tokens (split at white space) holding at least one letter or digit."""
    return sum(1 for token in line.split() if token.isalnum() or _ALNUM.search(token))


@functools.lru_cache(maxsize=4096)
def is_chrome(line: str) -> bool:
    folded = fold(line).strip(" :.-–—|")
    if folded in CHROME_LINES or folded in IMAGE_MARKERS:
        return True
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
    lines = [line for line in squeeze_lines(text) if line]
    if not lines:
        raise ExtractError("empty capture: no text")

    first_paragraph = next((i for i, line in enumerate(lines) if is_paragraph(line)), None)
    if first_paragraph is None:
        raise ExtractError("no article text found (no paragraph of running text)")

    # The headline: the last heading-like line before the text starts; prefer 5+ words.
    heading_like = [
        i
        for i in range(first_paragraph)
        if not is_chrome(lines[i]) and not is_date_line(lines[i]) and len(lines[i]) >= 8
    ]
    if not heading_like:
        raise ExtractError("no headline found before the article text")
    long_enough = [i for i in heading_like if words(lines[i]) >= 5]
    title_at = (long_enough or heading_like)[-1]
    result = Extracted(title=lines[title_at].strip(' "“”'), paragraphs=[])
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

    fill_body(result, lines, first_paragraph)
    if not result.paragraphs:
        raise ExtractError("no article text left once page chrome was removed")
    result.language = detect_language(" ".join([result.title, *result.paragraphs]))
    return result


def fill_body(result: Extracted, lines: list[str], first_paragraph: int) -> None:
    """Paragraphs from `lines[first_paragraph:]`, with captions, tags, credits and chrome apart."""
    caption_next = False
    ended = False
    for index in range(first_paragraph, len(lines)):
        line = lines[index]
        folded = fold(line)
        if folded.strip(" :.-–—|") in END_MARKERS:
            ended = True
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
        if is_chrome(line):
            continue
        if result.published is None and is_date_line(line) and index > first_paragraph:
            result.published = find_date(line)
            continue
        if credit_line(result, line, folded):
            continue
        if result.paragraphs and is_agency_line(line):
            result.source_note = " · ".join(filter(None, [result.source_note, line]))
            result.source_names.append(line)
            continue
        result.paragraphs.append(line)


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
    if SOURCE_LINE.match(folded):
        result.source_note = " · ".join(filter(None, [result.source_note, line]))
        result.source_names.append(value)
        return True
    if EDITOR_LINE.match(folded):
        result.editors += split_people(value)
        result.source_note = " · ".join(filter(None, [result.source_note, line]))
        return True
    if AUTHOR_LINE.match(folded) and words(line) <= 10:
        result.authors += split_people(value)
        return True
    if (compiled := COMPILED_BY.match(folded)) and is_person_name(line[: compiled.end("who")]):
        result.authors.append(line[: compiled.end("who")].strip())
        result.source_note = " · ".join(filter(None, [result.source_note, line]))
        return True
    if (theo := THEO_LINE.match(folded)) and words(line) <= 8 and not SENTENCE_END.search(line):
        who = line[len(line) - len(theo["who"]) :]
        result.source_note = " · ".join(filter(None, [result.source_note, line]))
        result.authors += split_people(who)
        result.source_names += [part.strip() for part in re.split(r"[/,]", who) if part.strip()]
        return True
    if (slash := SLASH_CREDIT.match(line)) and words(line) <= 6 and not SENTENCE_END.search(line):
        result.authors += split_people(slash["who"])
        result.source_names.append(slash["agency"].strip())
        result.source_note = " · ".join(filter(None, [result.source_note, line]))
        return True
    return False
