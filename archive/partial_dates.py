"""Dates as people read them, including dates the captures give only in part."""

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
