"""Plain text for the index, and safe HTML for the snippets it gives back."""

import re

from django.utils.html import escape
from django.utils.safestring import mark_safe

from .extract import html_to_text

# Private-use characters mark the matches in snippets; they never reach the index.
MARK_START, MARK_END = "\ue000", "\ue001"
_UNWANTED = re.compile(f"[\x00{MARK_START}{MARK_END}]")


def clean(text):
    """Text as the index stores it: no NUL (PostgreSQL refuses it), no snippet markers."""
    return _UNWANTED.sub(" ", text or "")


def plain_from_html(markup):
    return clean(html_to_text(markup or ""))


def highlighted(snippet):
    """Escape ``snippet`` and turn the database's match markers into <mark>."""
    escaped = escape(" ".join((snippet or "").split()))
    return mark_safe(  # noqa: S308 - everything but our own two tags is escaped
        escaped.replace(MARK_START, "<mark>").replace(MARK_END, "</mark>")
    )
