"""Helpers for rows built in Python (documents/rows.py, wiki/rows.py): the template
``date`` filter's formats the rows use, without Django's general date formatter
(about 90 µs a call, two calls a row)."""

from django.utils.timezone import template_localtime

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def local(when):
    """``when`` in the current time zone, as the template engine shows it."""
    return template_localtime(when)


def iso(when):
    """``{{ when|date:"c" }}``."""
    return when.isoformat()


def day_and_time(when, separator=" "):
    """``{{ when|date:"j M Y H:i" }}`` (``separator=", "``: ``"j M Y, H:i"``)."""
    return f"{when.day} {MONTHS[when.month - 1]} {when.year}{separator}{when:%H:%M}"
