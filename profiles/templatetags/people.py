"""``{% load people %}``: photos and avatars of people.

Load people with ``select_related("profile")`` (or ``"author__profile"``) so that
``{% avatar %}`` runs no query per row.
"""

from html import escape
from urllib.parse import urlsplit

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from profiles.avatars import avatar, photo_url
from profiles.rows import directory_rows as build_directory_rows

register = template.Library()
register.simple_tag(avatar, name="avatar")
register.simple_tag(photo_url, name="photo_url")


@register.filter
def link_label(url):
    """``https://www.example.org/team/`` -> ``example.org/team``: shorter, still honest."""
    parts = urlsplit(url)
    host = parts.netloc.removeprefix("www.")
    return f"{host}{parts.path}".rstrip("/") or url


@register.simple_tag
def choice_select(field):
    """The <select> of a bound choice field, built here: Django's widget templates render
    every <option> through a template, which was the directory's costliest part, and
    ``format_html`` per option still cost the search page 1 ms (its lazy-string checks
    run per argument), so the options are escaped with the standard library's escape."""
    current = "" if field.value() is None else str(field.value())
    options = "".join(
        f'<option value="{escape(str(value))}"{" selected" if str(value) == current else ""}>'
        f"{escape(str(label))}</option>"
        for value, label in field.field.choices
    )
    return format_html(
        '<select name="{}" id="{}">{}</select>',
        field.html_name,
        field.auto_id,
        mark_safe(options),  # noqa: S308 - every value and label is escaped above
    )


@register.simple_tag
def directory_rows(rows, directory_url, show_completeness):
    """The directory table's rows (profiles/rows.py builds them without a template per
    cell)."""
    return build_directory_rows(
        rows, directory_url=directory_url, show_completeness=show_completeness
    )
