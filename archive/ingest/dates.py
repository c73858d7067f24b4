"""Dates as Vietnamese and English news print them.

Only a date with a year is a publication date: "Ngày 29/10" or "on 5 May" never becomes one.
"""

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, time

from archive.text import fold

MONTHS_EN = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_MONTH_EN = "|".join(sorted(MONTHS_EN, key=len, reverse=True))

_TIME = r"(?P<hh>[01]?\d|2[0-3])[:h](?P<mi>[0-5]\d)(?::[0-5]\d)?"
_DMY = r"(?P<d>[0-3]?\d)\s*[/.-]\s*(?P<m>[01]?\d)\s*[/.-]\s*(?P<y>(?:19|20)\d\d)"
_YMD = r"(?P<y>(?:19|20)\d\d)-(?P<m>[01]?\d)-(?P<d>[0-3]?\d)"
_VI_WORDS = r"ngay\s+(?P<d>[0-3]?\d)\s+thang\s+(?P<m>[01]?\d)\s+nam\s+(?P<y>(?:19|20)\d\d)"
_EN_MDY = rf"(?P<mon>{_MONTH_EN})\.?\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)?,?\s+(?P<y>(?:19|20)\d\d)"
_EN_DMY = rf"(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\s+(?P<mon>{_MONTH_EN})\.?,?\s+(?P<y>(?:19|20)\d\d)"

# "13 tháng 1, 2025 lúc 09:00": a social network's Vietnamese time stamp.
_VI_SOCIAL = r"(?<!\d)(?P<d>[0-3]?\d)\s+thang\s+(?P<m>[01]?\d),?\s+(?P<y>(?:19|20)\d\d)"

DATE_PATTERNS = [re.compile(p) for p in (_DMY, _YMD, _VI_WORDS, _EN_MDY, _EN_DMY, _VI_SOCIAL)]
TIME_PATTERN = re.compile(rf"(?<!\d){_TIME}(?!\d)")

# Words allowed on a line that is "just a date": weekdays, labels, time zones.
_FILLER = re.compile(
    r"\b(thu\s+(hai|ba|tu|nam|sau|bay)|chu\s+nhat|cn|t[2-7]|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
    r"mon|tue|wed|thu|fri|sat|sun|"
    r"ngay|dang|dang\s+ngay|cap\s+nhat|cap\s+nhat\s+luc|xuat\s+ban|luc|gio|"
    r"published|updated|posted|last|on|at|am|pm|"
    r"gmt|utc|ict|[+-]\s*\d{1,2}(:?00)?)\b"
)


# "Updated 2 hours ago", "Cập nhật 5 phút trước": a wire's age of its last update beside the date.
_AGE = re.compile(
    r"(?:updated|cap\s+nhat)\s+\d+\s*(?:hours?|minutes?|mins?|days?|gio|phut|ngay)\s+(?:ago|truoc)"
)


@dataclass(frozen=True)
class FoundDate:
    day: date
    at: time | None

    def as_datetime(self, tz) -> datetime | None:
        if self.at is None:
            return None
        return datetime.combine(self.day, self.at, tzinfo=tz)


def find_date(text: str) -> FoundDate | None:
    """The first full date (with a year) in `text`, with its time when one stands beside it."""
    folded = fold(text)
    for pattern in DATE_PATTERNS:
        match = pattern.search(folded)
        if not match:
            continue
        parts = match.groupdict()
        month = MONTHS_EN[parts["mon"]] if parts.get("mon") else int(parts["m"])
        try:
            day = date(int(parts["y"]), month, int(parts["d"]))
        except ValueError:
            continue
        rest = folded[: match.start()] + " " + folded[match.end() :]
        clock = TIME_PATTERN.search(rest)
        at = time(int(clock["hh"]), int(clock["mi"])) if clock else None
        return FoundDate(day, at)
    return None


def is_date_line(line: str) -> bool:
    """True when a line holds a date and nothing else but weekday, labels, time and zone."""
    folded = fold(line)
    if not any(p.search(folded) for p in DATE_PATTERNS):
        return False
    rest = folded
    for pattern in (*DATE_PATTERNS, TIME_PATTERN):
        rest = pattern.sub(" ", rest)
    if "ago" in rest or "truoc" in rest:
        rest = _AGE.sub(" ", rest)
    rest = _FILLER.sub(" ", rest)
    # A social post's "· 🌏" (who sees it) beside its time stamp is no word.
    rest = "".join(ch for ch in rest if unicodedata.category(ch) not in ("So", "Sk", "Mn", "Cf"))
    return not re.sub(r"[\s,.:;|()\-–—/·•@]+", "", rest)


# "Hà Nội, ngày 26 tháng 10 năm 2025" (a letterhead), "LYON, France, 3 July 2024 –" and
# "Bangkok (Thailand), 21 April 2025 -" (datelines): a place, a comma, then a full date.
_PLACE = re.compile(r"^[^\W\d_][^,\n]{0,40}?(?:,\s*[^\W\d_][^,\n]{0,25}?)?,\s*")
_ONE_PLACE = re.compile(r"^[^\W\d_][^,\n]{0,40}?,\s*")  # "BANGKOK, March 4, 2025 —"
_DATELINE_END = re.compile(r"\s*(?:[-–—:]|$)")
_VI_LONG = re.compile(_VI_WORDS)


def find_dateline(line: str) -> FoundDate | None:
    """The date of a dateline or a letterhead's place and date; None for any other line."""
    folded = fold(line)
    if match := _VI_LONG.search(folded):
        return find_date(match.group(0))
    place = _PLACE.match(folded)
    if not place:
        return None
    found = _date_after(folded[place.end() : place.end() + 40])
    if found is None and (one := _ONE_PLACE.match(folded)) and one.end() < place.end():
        found = _date_after(folded[one.end() : one.end() + 40])  # "March 4, 2025": no place
    return found


def _date_after(rest: str) -> FoundDate | None:
    for pattern in DATE_PATTERNS:
        date_match = pattern.match(rest)
        if date_match and _DATELINE_END.match(rest, date_match.end()):
            return find_date(rest[: date_match.end()])
    return None
