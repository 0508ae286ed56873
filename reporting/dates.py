"""Due dates: counted from the series' first due date, so month ends stay month ends
(31 January + 1 month = 28 or 29 February, + 2 months = 31 March), and "today" is the
date in the project's time zone (settings.TIME_ZONE), not UTC's."""

import calendar
from datetime import date

from django.utils import timezone


def add_months(start: date, months: int) -> date:
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    last_day = calendar.monthrange(year, month)[1]
    # A first due date on the last day of its month keeps to month ends.
    if start.day == calendar.monthrange(start.year, start.month)[1]:
        return date(year, month, last_day)
    return date(year, month, min(start.day, last_day))


def due_date(first_due, every_months, number):
    """The due date of period ``number`` (1-based)."""
    return add_months(first_due, every_months * (number - 1))


def today(now=None):
    return timezone.localdate(now)
