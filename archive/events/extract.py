"""Cooperation events in an article's text: trigger phrases, participants, place, dates, counts.

Pure functions, no database: `events_find(article, names)` takes the article's text and a
`names` callable that says which countries, organisations and people a piece of text names
(the service passes the ingest's entity matcher). Rules, in order:

- A paragraph holds an event of a kind when it holds one of the kind's trigger phrases
  (`TRIGGERS`). "Strong" kinds (a signing, a hand-over, an operation...) count wherever they
  stand; the "weak" ones (a conference, a visit, an exchange of information) only in the title
  or the first paragraph, and only the first of them, since a delegation attending a conference
  is not a visit too.
- A sentence dated two or more years before the article is background, not news: skipped;
  so is a strong kind told only past the first paragraph in a sentence without a date.
- Participants: the countries and organisations named in the trigger paragraphs, in the
  paragraphs that carry on the story (`FOLLOW_UPS`: arrests after an operation, "flew home" after
  a repatriation) and in the title; an organisation brings its country. Vietnamese units the
  curated file does not know ("Công an tỉnh Lạng Sơn", "Bộ đội Biên phòng") stand for Viet Nam.
  A bilateral kind with fewer than two countries is domestic news: dropped.
- Date: the first date written in the trigger sentence, its paragraph or the title (a day and
  month without a year take the article's year, the year before when that would be after the
  article); "on Sunday" is the last Sunday up to the article's date; without any, the article's
  year and month. Nothing is invented: no article date and no date in the text, no date.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

from archive.ingest.dates import MONTHS_EN
from archive.text import nfc

# What a piece of text names: (country codes, {organisation id: its country code or None},
# {person id: their country code or None}).
Named = tuple[list[str], dict[int, str | None], dict[int, str | None]]
NamesFinder = Callable[[str], Named]

_I = re.IGNORECASE

# Kinds whose participants are at least two countries (else the report is domestic).
BILATERAL = {
    "extradition",
    "handover",
    "repatriation",
    "joint_operation",
    "legal_assistance",
    "information_exchange",
    "training",
    "equipment",
    "visit",
}
WEAK = ["conference", "visit", "information_exchange"]  # in this order of precedence

_NUM = (
    r"(?:(?:hơn|gần|khoảng|more than|over|about|nearly|some)\s+)?(?:\d[\d.,]*|hai|ba|bốn|"
    r"năm|two|three|four|five|six|seven|eight|nine|ten|dozens of|hundreds of)\s+"
)
_TO = r"(?:cho\s+[^,.;]{0,60}?\s+)?"
_W = r"(?:[\w'’-]+\s+)"

TRIGGERS: dict[str, re.Pattern] = {
    kind: re.compile(pattern, _I)
    for kind, pattern in {
        "agreement": r"\b(?:ký kết|ký|lễ ký|mở ký)\s+(?:\S+\s+){0,3}?(?:bản ghi nhớ|"
        r"biên bản ghi nhớ|thỏa thuận|thoả thuận|hiệp định|hiệp ước|công ước|kế hoạch hợp tác|"
        r"văn kiện|bản cam kết)"
        r"|\bsign(?:ed|s|ing)?\s+" + _W + r"{0,5}(?:memorandum|mou|agreement|treaty|convention|"
        r"accord|protocol|deal)\b|\bsigning ceremony\b"
        r"|\b(?:memorandum|mou|agreement|treaty|convention)\s+" + _W + r"{0,4}(?:was|were) signed",
        "extradition": r"\bdẫn độ\b|\bextradit(?:ed|es|e|ing|ion)\b",
        "handover": r"\b(?:bàn giao|trao trả|trục xuất)\s+" + _TO + "(?:" + _NUM + r")?(?:các\s+)?"
        r"(?:đối tượng|nghi phạm|nghi can|bị can|phạm nhân|tội phạm|người bị truy nã)"
        r"|\b(?:hand(?:ed|s|ing)?)\s+(?:over\s+)?" + _W + r"{0,4}(?:suspects?|fugitives?)\b"
        r"|\b(?:suspects?|fugitives?)\s+" + _W + r"{0,6}(?:handed over|deported)"
        r"|\bdeport(?:ed|s|ing)?\s+" + _W + r"{0,5}(?:suspect(?:s|ed)?|fugitives?)\b",
        "repatriation": r"\b(?:trao trả|tiếp nhận|bàn giao|đón|đưa)\s+" + _TO + "(?:" + _NUM + r")?"
        r"(?:công dân|nạn nhân|phụ nữ|người lao động)"
        r"|\bhồi hương\b|\brepatriat(?:ed|es|e|ing|ion)\b"
        r"|\b(?:returned|handed|flew|flying|brought)\s+" + _W + r"{0,4}(?:nationals|citizens|"
        r"victims|workers)\s+(?:back|home)",
        "joint_operation": r"\bphối hợp\s+(?:với\s+[^,.;]{0,80}?\s+)?(?:triệt phá|bắt giữ|bắt|"
        r"truy bắt|khám xét)"
        r"|\bchiến dịch\b|\bjoint (?:operation|investigation|action|raids?)\b"
        r"|\bcoordinated (?:operation|action|crackdown|raids?)\b|\bcodenamed\b"
        r"|\boperation [A-Z]\w+",
        "legal_assistance": r"\btương trợ tư pháp\b|\bủy thác tư pháp\b|\buỷ thác tư pháp\b"
        r"|\bmutual legal assistance\b|\bMLA request",
        "training": r"\btập huấn\b|\bkhóa (?:đào tạo|huấn luyện|học)\b"
        r"|\blớp (?:đào tạo|bồi dưỡng)\b|\bcapacity[- ]building\b"
        r"|\btraining (?:course|programme|program|workshop|session)s?\b",
        "equipment": r"\b(?:trao tặng|tặng|bàn giao|tài trợ|viện trợ)\s+(?:\S+\s+){0,8}?"
        r"(?:trang thiết bị|thiết bị|phương tiện)"
        r"|\bdonat(?:ed|es|e|ing|ion)\s+" + _W + r"{0,6}(?:equipment|devices|vehicles|computers)"
        r"|\b(?:equipment|devices|vehicles)\s+" + _W + r"{0,3}(?:donated|handed over)",
        "conference": r"\bhội nghị\b|\bhội thảo\b|\bdiễn đàn\b|\bđại hội đồng\b"
        r"|\bconference\b|\bsummit\b|\bforum\b|\bgeneral assembly\b|\bsymposium\b",
        "visit": r"\bthăm (?:chính thức|và làm việc|làm việc)\b|\btiếp (?:xã giao\s+)?đoàn\b"
        r"|\bđoàn (?:đại biểu|công tác)\b|\bofficial visit\b|\bworking visit\b"
        r"|\b(?:received|receives|receiving|welcomed)\s+(?:a|the)\s+(?:visiting\s+)?"
        + _W
        + r"{0,4}delegation\b|\bpaid (?:a|an)\s+(?:\w+\s+)?visit\b|\bvisiting delegation\b",
        "information_exchange": r"\bđường dây nóng\b|\bhotline\b",
    }.items()
}

# Words each kind's triggers contain (lower case): a sentence without any of a kind's words
# is not searched with its pattern, which spares most sentences most patterns.
ANCHORS: dict[str, tuple[str, ...]] = {
    "agreement": ("ký", "sign", "memorandum", "mou", "agreement", "treaty", "convention"),
    "extradition": ("dẫn độ", "extradit"),
    "handover": ("bàn giao", "trao trả", "trục xuất", "hand", "deport"),
    "repatriation": (
        "trao trả",
        "tiếp nhận",
        "bàn giao",
        "đón",
        "đưa",
        "hồi hương",
        "repatriat",
        "returned",
        "handed",
        "flew",
        "flying",
        "brought",
    ),
    "joint_operation": ("phối hợp", "chiến dịch", "joint", "coordinated", "codenamed", "operation"),
    "legal_assistance": ("tương trợ", "thác tư pháp", "legal assistance", "mla"),
    "training": ("tập huấn", "khóa", "lớp", "training", "capacity"),
    "equipment": ("thiết bị", "phương tiện", "donat", "equipment", "devices", "vehicles"),
    "conference": (
        "hội nghị",
        "hội thảo",
        "diễn đàn",
        "đại hội đồng",
        "conference",
        "summit",
        "forum",
        "general assembly",
        "symposium",
    ),
    "visit": ("thăm", "tiếp", "đoàn", "visit", "delegation"),
    "information_exchange": ("đường dây nóng", "hotline"),
}
_ALL_ANCHORS = tuple({a for anchors in ANCHORS.values() for a in anchors})

# Words that carry a story on in a later paragraph: the countries named there take part.
FOLLOW_UPS: dict[str, re.Pattern] = {
    "joint_operation": re.compile(
        r"\bbắt giữ\b|\bbị bắt\b|\bthu giữ\b|\barrest(?:ed|s)?\b|\bseized?\b|\btaken down\b", _I
    ),
    "repatriation": re.compile(r"\bvề nước\b|\bhồi hương\b|\bflying home\b|\bflew home\b", _I),
    "handover": re.compile(r"\bbàn giao\b|\bhanded over\b", _I),
    "extradition": re.compile(r"\bdẫn độ\b|\bextradit", _I),
}

# Vietnamese units the curated file may not know, which stand for Viet Nam.
_VIETNAMESE_UNITS = re.compile(
    r"\b(?:Công an (?:tỉnh|thành phố|TP\.?|huyện|quận)|Công an Việt Nam|Bộ đội Biên phòng|"
    r"Biên phòng tỉnh|Đồn Biên phòng|Viện Kiểm sát nhân dân|Tòa án nhân dân|Bộ Ngoại giao|"
    r"Cục A05|Cục C02|Vietnamese (?:police|authorities|border guards)|Vietnam's)"
)
DEMONYMS = {
    "Japanese": "JP",
    "Chinese": "CN",
    "Cambodian": "KH",
    "Thai": "TH",
    "Korean": "KR",
    "South Korean": "KR",
    "Australian": "AU",
    "American": "US",
    "Russian": "RU",
    "Filipino": "PH",
    "Philippine": "PH",
    "Singaporean": "SG",
    "Laotian": "LA",
    "British": "GB",
    "Indonesian": "ID",
    "Malaysian": "MY",
    "Indian": "IN",
}
_DEMONYM = re.compile(r"\b(" + "|".join(sorted(DEMONYMS, key=len, reverse=True)) + r")\b")

CITIES = {
    "Hà Nội": "VN",
    "Hanoi": "VN",
    "TP Hồ Chí Minh": "VN",
    "Ho Chi Minh City": "VN",
    "Đà Nẵng": "VN",
    "London": "GB",
    "Glasgow": "GB",
    "Tokyo": "JP",
    "Phnom Penh": "KH",
    "Bangkok": "TH",
    "Mae Sot": "TH",
    "Phuket": "TH",
    "Seoul": "KR",
    "Manila": "PH",
    "Vientiane": "LA",
    "Viêng Chăn": "LA",
    "Bắc Kinh": "CN",
    "Beijing": "CN",
    "Canberra": "AU",
    "Lyon": "FR",
    "Vienna": "AT",
    "Singapore": "SG",
}
_CITY = re.compile(
    r"\b(" + "|".join(sorted(map(re.escape, CITIES), key=len, reverse=True)) + r")\b"
)
_BORDER_GATE = re.compile(
    r"\bcửa khẩu (?:quốc tế |chính |phụ )?((?:[A-ZĐ][\wà-ỹ]*)(?: [A-ZĐ][\wà-ỹ]*)*)"
    r"|\b((?:[A-Z][\w]*)(?: [A-Z][\w]*)*) (?:international )?border gate"
)

CRIMES = [
    (re.compile(r"mã độc tống tiền|ransomware", _I), "ransomware"),
    (re.compile(r"mua bán người|human trafficking|trafficking", _I), "human trafficking"),
    (re.compile(r"rửa tiền|money laundering", _I), "money laundering"),
    (re.compile(r"tiền mã hóa|cryptocurrency", _I), "cryptocurrency fraud"),
    (re.compile(r"lừa đảo|scams?\b|fraud", _I), "online fraud"),
    (re.compile(r"đánh bạc|sòng bạc|casino|gambling", _I), "gambling"),
    (re.compile(r"ma túy|drug", _I), "drugs"),
    (re.compile(r"di cư trái phép|people-smuggling|immigration crime", _I), "people smuggling"),
    (re.compile(r"tội phạm mạng|cybercrime|botnet|malware|hacking", _I), "cybercrime"),
]

_NUMBER_WORDS = {
    "hai": 2,
    "ba": 3,
    "bốn": 4,
    "năm": 5,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
}
_COUNTED = re.compile(
    r"(?:(?:hơn|gần|khoảng|more than|over|about|nearly)\s+)?(\d[\d.,]*|"
    + "|".join(_NUMBER_WORDS)
    + r")\s+(?:[\w-]+\s+){0,2}?(?:đối tượng|công dân|nạn nhân|phụ nữ|nghi phạm|bị can|người|"
    r"suspects?|nationals|citizens|victims|fugitives|men|women|people)\b",
    _I,
)
_ARRESTS = re.compile(
    r"\bbắt giữ\s+(?:hơn\s+)?(\d[\d.,]*)|\b(\d[\d.,]*|"
    + "|".join(_NUMBER_WORDS)
    + r")\s+(?:\w+\s+){0,2}(?:were|have been)?\s*arrested|\barrested\s+(\d[\d.,]*)",
    _I,
)

MONTHS = MONTHS_EN  # English month names and abbreviations, as dates are read
_MONTH = "(" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_YEAR = r"((?:19|20)\d\d)"
DATE_PATTERNS = [
    # "từ ngày 4 đến 7/11", "ngày 7 và 8/2": a range in one month
    (
        "vi-range",
        re.compile(
            r"\b(\d{1,2})\s*(?:đến|-|–|và)\s*(?:ngày\s+)?(\d{1,2})/(\d{1,2})(?:/" + _YEAR + r")?\b"
        ),
    ),
    ("vi", re.compile(r"\b(\d{1,2})/(\d{1,2})(?:/" + _YEAR + r")?\b")),
    (
        "vi-words",
        re.compile(r"\bngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})(?:\s+năm\s+" + _YEAR + ")?", _I),
    ),
    (
        "en-range-dm",
        re.compile(
            r"\b(?:between|from)\s+(\d{1,2})\s+(?:and|to)\s+(\d{1,2})\s+"
            + _MONTH
            + r"(?:,?\s+"
            + _YEAR
            + ")?",
            _I,
        ),
    ),
    (
        "en-range-md",
        re.compile(
            r"\b(?:between|from)\s+"
            + _MONTH
            + r"\s+(\d{1,2})\s+(?:and|to)\s+(\d{1,2})(?:,?\s+"
            + _YEAR
            + ")?",
            _I,
        ),
    ),
    (
        "en-dm",
        re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH + r"(?:,?\s+" + _YEAR + ")?", _I),
    ),
    (
        "en-md",
        re.compile(r"\b" + _MONTH + r"\s+(\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s+" + _YEAR + ")?", _I),
    ),
]
WEEKDAYS = {
    "monday": 0,
    "tuesday": 1,
    "wednesday": 2,
    "thursday": 3,
    "friday": 4,
    "saturday": 5,
    "sunday": 6,
    "thứ hai": 0,
    "thứ ba": 1,
    "thứ tư": 2,
    "thứ năm": 3,
    "thứ sáu": 4,
    "thứ bảy": 5,
    "chủ nhật": 6,
}
_WEEKDAY = re.compile(r"\b(?:on|hôm|ngày)\s+(" + "|".join(WEEKDAYS) + r")\b", _I)
_TODAY = re.compile(r"\b(?:hôm nay|sáng nay|chiều nay|tối nay|today|this morning)\b", _I)
_OLD_YEAR = re.compile(r"\b(?:năm|in|since|từ năm)\s+((?:19|20)\d\d)\b", _I)
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-ZĐÀ-Ỹ\"“])")


@dataclass
class ArticleText:
    title: str
    paragraphs: list[str]
    language: str = "vi"
    published_on: date | None = None


@dataclass
class PartialDate:
    year: int | None = None
    month: int | None = None
    day: int | None = None

    def key(self) -> tuple[int, int, int]:
        return (self.year or 0, self.month or 0, self.day or 0)


@dataclass
class FoundEvent:
    kind: str
    countries: dict[str, str] = field(default_factory=dict)  # ISO code -> role
    organisations: dict[int, str] = field(default_factory=dict)  # id -> role
    people: list[int] = field(default_factory=list)
    start: PartialDate = field(default_factory=PartialDate)
    end: PartialDate = field(default_factory=PartialDate)
    city: str = ""
    border_gate: str = ""
    people_count: int | None = None
    arrests: int | None = None
    crime: str = ""
    evidence: str = ""  # the sentence with the trigger


def sentences(paragraph: str) -> list[str]:
    return [s for s in _SENTENCE.split(paragraph) if s.strip()]


def _number(text: str) -> int | None:
    text = text.lower()
    if text in _NUMBER_WORDS:
        return _NUMBER_WORDS[text]
    digits = re.sub(r"[.,]", "", text)
    return int(digits) if digits.isdigit() else None


def _year_for(day: int, month: int, published: date | None) -> int | None:
    """The year of a day and month written without one, from the article's date."""
    if published is None:
        return None
    try:
        candidate = date(published.year, month, day)
    except ValueError:
        return None
    return published.year - 1 if candidate > published + timedelta(days=2) else published.year


def _valid(year, month, day) -> bool:
    try:
        date(year or 2000, month, day)
    except (ValueError, TypeError):
        return False
    return True


def dates_in(text: str, published: date | None) -> tuple[PartialDate, PartialDate] | None:
    """The first date (or range) written in `text`."""
    found = []
    for name, pattern in DATE_PATTERNS:
        for match in pattern.finditer(text):
            found.append((match.start(), name, match))
    for match in _WEEKDAY.finditer(text):
        found.append((match.start(), "weekday", match))
    for match in _TODAY.finditer(text):
        found.append((match.start(), "today", match))
    for _start, name, match in sorted(found, key=lambda f: (f[0], -len(f[2].group(0)))):
        g = match.groups()
        if name == "vi-range":
            d1, d2, month, year = int(g[0]), int(g[1]), int(g[2]), g[3]
            start_day, end_day = (d1, month), (d2, month)
        elif name in ("vi", "vi-words"):
            d1, month, year = int(g[0]), int(g[1]), g[2]
            start_day = end_day = (d1, month)
        elif name == "en-range-dm":
            month = MONTHS[g[2].lower()]
            start_day, end_day, year = (int(g[0]), month), (int(g[1]), month), g[3]
        elif name == "en-range-md":
            month = MONTHS[g[0].lower()]
            start_day, end_day, year = (int(g[1]), month), (int(g[2]), month), g[3]
        elif name == "en-dm":
            month = MONTHS[g[1].lower()]
            start_day = end_day = (int(g[0]), month)
            year = g[2]
        elif name == "en-md":
            month = MONTHS[g[0].lower()]
            start_day = end_day = (int(g[1]), month)
            year = g[2]
        elif name == "weekday":
            if published is None:
                continue
            back = (published.weekday() - WEEKDAYS[g[0].lower()]) % 7
            day = published - timedelta(days=back)
            whole = PartialDate(day.year, day.month, day.day)
            return whole, PartialDate()
        else:  # today
            if published is None:
                continue
            whole = PartialDate(published.year, published.month, published.day)
            return whole, PartialDate()
        if not (1 <= start_day[1] <= 12 and 1 <= end_day[1] <= 12):
            continue
        year = int(year) if year else _year_for(*start_day, published)
        if not (_valid(year, start_day[1], start_day[0]) and _valid(year, end_day[1], end_day[0])):
            continue
        begin = PartialDate(year, start_day[1], start_day[0])
        end = PartialDate(year, end_day[1], end_day[0]) if end_day != start_day else PartialDate()
        return begin, end
    return None


def _countries_of(text: str, names: NamesFinder, language: str) -> tuple[list[str], dict]:
    countries, organisations, people = names(text)
    codes = list(countries)
    for country in [*organisations.values(), *people.values()]:
        if country and country not in codes:
            codes.append(country)
    for match in _DEMONYM.finditer(text):
        if DEMONYMS[match.group(1)] not in codes:
            codes.append(DEMONYMS[match.group(1)])
    if "VN" not in codes and _VIETNAMESE_UNITS.search(text):
        codes.append("VN")
    return codes, organisations


def _roles(kind: str, sentence: str, trigger: re.Match, codes: list[str], names) -> dict[str, str]:
    """Each country's role, from where it stands around the trigger in its sentence."""
    default = {
        "agreement": "signatory",
        "joint_operation": "participant",
        "conference": "participant",
        "information_exchange": "participant",
    }.get(kind)
    if default:
        roles = dict.fromkeys(codes, default)
        if kind == "conference":
            host = re.search(
                r"(?:do|hosted by|tổ chức tại|held in)\s+(.{0,60})"
                r"|(.{0,40})\s+(?:chủ trì|hosted|là nước chủ nhà|as host)",
                sentence,
                _I,
            )
            if host:
                hosted = [c for c in names(host.group(0))[0] if c in roles]
                for code in hosted[:1]:
                    roles[code] = "host"
        return roles
    before, _ = _countries_of(sentence[: trigger.start()], names, "")
    receiving = re.match(r"tiếp nhận|đón|received", trigger.group(0), _I)
    first, other = {
        "extradition": ("sender", "receiver"),
        "handover": ("sender", "receiver"),
        "repatriation": ("sender", "receiver"),
        "legal_assistance": ("requester", "receiver"),
        "training": ("provider", "recipient"),
        "equipment": ("provider", "recipient"),
        "visit": ("host", "visitor"),
    }.get(kind, ("participant", "participant"))
    if receiving:
        first, other = other, first
    roles = {}
    for code in codes:
        roles[code] = first if code in before[:1] else other
    if kind in ("training", "equipment") and "VN" in roles and len(roles) > 1:
        roles = {code: "recipient" if code == "VN" else "provider" for code in roles}
    if re.search(r"tài trợ|funded by|sponsored by", sentence, _I):
        for code in roles:
            if roles[code] == "provider":
                roles[code] = "funder"
    return roles


def _memo(names: NamesFinder) -> NamesFinder:
    """`names` remembered per text: an event's scope reads the same paragraphs often."""
    seen: dict[str, Named] = {}

    def find(text: str) -> Named:
        if text not in seen:
            seen[text] = names(text)
        return seen[text]

    return find


def events_find(article: ArticleText, names: NamesFinder) -> list[FoundEvent]:
    """The cooperation events the article reports, one per kind."""
    title = nfc(article.title or "")
    paragraphs = [nfc(p) for p in article.paragraphs if p.strip()]
    blocks = [title, *paragraphs]  # block 0 is the title, block 1 the first paragraph
    published = article.published_on
    hits: dict[str, list[tuple[int, str, re.Match]]] = {}
    for index, block in enumerate(blocks):
        lower = block.lower()
        if not any(anchor in lower for anchor in _ALL_ANCHORS):
            continue
        for sentence in sentences(block):
            lower = sentence.lower()
            kinds = [k for k, anchors in ANCHORS.items() if any(a in lower for a in anchors)]
            if not kinds:
                continue
            old = [int(y) for y in _OLD_YEAR.findall(sentence)]
            if published and old and max(old) <= published.year - 2:
                continue  # background: "in 2019 the two sides signed..."
            for kind in kinds:
                if match := TRIGGERS[kind].search(sentence):
                    hits.setdefault(kind, []).append((index, sentence, match))
    if not hits:
        return []
    names = _memo(names)
    if "extradition" in hits:
        hits.pop("handover", None)
    # "ký hiệp định tương trợ tư pháp": the treaty is signed, no request is made
    if (
        "agreement" in hits
        and "legal_assistance" in hits
        and any(TRIGGERS["legal_assistance"].search(s) for _, s, _ in hits["agreement"])
    ):
        hits.pop("legal_assistance")
    for kind in [k for k in hits if k not in WEAK]:
        # Deep in the body, an undated sign-off or hand-over is background ("C50 has received
        # equipment from...") unless the title or the first paragraph tells of it too.
        hits[kind] = [
            (index, sentence, match)
            for index, sentence, match in hits[kind]
            if index <= 1 or dates_in(sentence, None) or any(i <= 1 for i, _, _ in hits[kind])
        ]
        if not hits[kind]:
            del hits[kind]
    strong = [k for k in hits if k not in WEAK]
    weak = [k for k in WEAK if any(index <= 1 for index, _, _ in hits.get(k, []))]
    if set(strong) & {"agreement", "handover", "extradition", "repatriation"}:
        weak = []  # the setting of a signing or a hand-over is not an event of its own
    elif strong:
        weak = [k for k in weak if k == "conference"]
    kinds = strong + weak[:1]
    events = []
    for kind in kinds:
        event = _event(kind, hits[kind], blocks, names, article)
        if event is not None:
            events.append(event)
    return events


def _event(kind, hits, blocks, names, article) -> FoundEvent | None:
    published = article.published_on
    if kind in WEAK:
        hits = [h for h in hits if h[0] <= 1] or hits
    index, sentence, match = next((h for h in hits if h[0] > 0), hits[0])
    scope = {0} | {i for i, _, _ in hits}
    if follow := FOLLOW_UPS.get(kind):
        scope |= {i for i, block in enumerate(blocks) if follow.search(block)}
    codes: list[str] = []
    organisations: dict[int, str | None] = {}
    for i in sorted(scope):
        found, orgs = _countries_of(blocks[i], names, article.language)
        codes += [c for c in found if c not in codes]
        for org, country in orgs.items():
            organisations.setdefault(org, country)
    if kind in BILATERAL and len(codes) < 2:
        return None
    if not codes and not organisations:
        return None
    roles = _roles(kind, sentence, match, codes, lambda text: names(text))
    event = FoundEvent(kind=kind, countries=roles, evidence=sentence.strip()[:1000])
    event.organisations = {
        org: roles.get(country or "", "participant") for org, country in organisations.items()
    }
    event.people = list(dict.fromkeys(p for i in sorted(scope) for p in names(blocks[i])[2]))
    found = (
        dates_in(sentence, published)
        or dates_in(blocks[index], published)
        or dates_in(blocks[0], published)
    )
    if found:
        event.start, event.end = found
    elif published:
        event.start = PartialDate(published.year, published.month, None)
    text = " ".join(blocks[i] for i in sorted(scope))
    if gate := _BORDER_GATE.search(text):
        event.border_gate = (gate.group(1) or gate.group(2) or "").strip()
    if city := (_CITY.search(sentence) or _CITY.search(blocks[index]) or _CITY.search(text)):
        event.city = city.group(1)
    counted = _COUNTED.search(sentence) or _COUNTED.search(blocks[index])
    if kind in ("handover", "extradition", "repatriation") and counted:
        event.people_count = _number(counted.group(1))
    if kind == "joint_operation" and (arrests := _ARRESTS.search(text)):
        event.arrests = _number(next(g for g in arrests.groups() if g))
    for pattern, crime in CRIMES:
        if pattern.search(text):
            event.crime = crime
            break
    return event
