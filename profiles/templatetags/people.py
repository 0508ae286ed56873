"""``{% load people %}``: photos and avatars of people.

Load people with ``select_related("profile")`` (or ``"author__profile"``) so that
``{% avatar %}`` runs no query per row.
"""

from urllib.parse import urlsplit

from django import template

from alliance_hub.fragments import select_html
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


register.simple_tag(select_html, name="choice_select")


@register.simple_tag
def directory_rows(rows, directory_url, show_completeness):
    """The directory table's rows (profiles/rows.py builds them without a template per
    cell)."""
    return build_directory_rows(
        rows, directory_url=directory_url, show_completeness=show_completeness
    )
