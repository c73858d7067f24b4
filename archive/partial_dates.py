"""Dates as people read them, including dates the captures give only in part."""

import calendar
import re
from datetime import datetime

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

# Month names as they read inside a date ("29 October" / "ngày 29 tháng 10").
MONTHS_IN_DATE = {
    1: pgettext_lazy("in a date", "January"),
    2: pgettext_lazy("in a date", "February"),
    3: pgettext_lazy("in a date", "March"),
    4: pgettext_lazy("in a date", "April"),
    5: pgettext_lazy("in a date", "May"),
    6: pgettext_lazy("in a date", "June"),
    7: pgettext_lazy("in a date", "July"),
    8: pgettext_lazy("in a date", "August"),
    9: pgettext_lazy("in a date", "September"),
    10: pgettext_lazy("in a date", "October"),
    11: pgettext_lazy("in a date", "November"),
    12: pgettext_lazy("in a date", "December"),
}


def partial_date_label(year: int | None, month: int | None, day: int | None) -> str:
    """'29 October 2025', '29 October, year unknown', 'October 2025', '2025', 'date unknown'.

    In Vietnamese: 'ngày 29 tháng 10 năm 2025', 'ngày 29 tháng 10 (không rõ năm)', ...
    """
    parts = {"day": day, "month_name": MONTHS_IN_DATE.get(month, ""), "year": year}
    if year and month and day:
        return _("%(day)s %(month_name)s %(year)s") % parts
    if month and day:
        return _("%(day)s %(month_name)s, year unknown") % parts
    if year and month:
        return _("%(month_name)s %(year)s") % parts
    if month:
        return _("%(month_name)s, year unknown") % parts
    if year:
        return _("in %(year)s") % parts
    return _("date unknown")


def date_label(value) -> str:
    """A full date, the same way: '1 April 2025' / 'ngày 1 tháng 4 năm 2025'."""
    if not value:
        return _("date unknown")
    if isinstance(value, datetime):
        value = timezone.localtime(value)
    return partial_date_label(value.year, value.month, value.day)


PARTIAL_DATE_PATTERN = r"^(\d{4}|XXXX)(-(\d{2}|XX)(-\d{2})?)?$"
_PARTIAL_DATE = re.compile(PARTIAL_DATE_PATTERN)


def partial_date_parse(text: str) -> tuple[int | None, int | None, int | None]:
    """'2025-03-31', 'XXXX-10-29', '2018-05', '2018', 'XXXX-XX-05' -> (year, month, day).

    The inverse of `models.format_partial_date` (EDTF-style, X for an unknown part); raises
    ValueError for anything else or for a day the month cannot have (29 February is allowed
    when the year is unknown).
    """
    match = _PARTIAL_DATE.match(text or "")
    if not match:
        raise ValueError("expected a date like 2025-03-31, XXXX-10-29, 2018-05 or 2018")
    parts = text.split("-")
    year, month, day = (None if p.startswith("X") else int(p) for p in [*parts, "XX", "XX"][:3])
    if year == 0:
        raise ValueError("there is no year 0000")
    if month is not None and not 1 <= month <= 12:
        raise ValueError(f"no month {month:02d}")
    if day is not None:
        last = calendar.monthrange(year or 2000, month)[1] if month else 31
        if not 1 <= day <= last:
            raise ValueError(f"no day {day:02d} in that month")
    if year is None and month is None and day is None:
        raise ValueError("give at least one of year, month or day")
    return year, month, day
