"""``{% load people %}``: photos and avatars of people.

Load people with ``select_related("profile")`` (or ``"author__profile"``) so that
``{% avatar %}`` runs no query per row.
"""

from html import escape
from urllib.parse import urlencode, urlsplit

from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from profiles import photos
from profiles.models import Profile

register = template.Library()
HIDDEN = mark_safe(' aria-hidden="true"')  # noqa: S308 - a constant

# Shown size in CSS pixels -> the stored photo size that covers it.
DISPLAY_SIZE = {"tiny": (28, "small"), "small": (40, "small"), "medium": (160, "medium")}
DISPLAY_SIZE["large"] = (256, "large")


def _profile(person):
    try:
        return person.profile
    except Profile.DoesNotExist:
        return None


@register.simple_tag
def photo_url(person, size="small"):
    """The person's photo at ``size``, or their initials avatar when they have none."""
    profile = _profile(person)
    if profile is not None and profile.has_photo:
        url = reverse("profiles:photo", args=[person.pk, size])
        return f"{url}?v={profile.photo_version}"
    url = reverse("profiles:avatar", args=[person.pk])
    return f"{url}?{urlencode({'v': photos.initials(person.display_name or person.email)})}"


@register.simple_tag
def avatar(person, size="small", alt=""):
    """The person's face: their photo, or their initials on a colour derived from their
    name (drawn by CSS, so no image request per row). ``alt`` stays empty where the
    name is next to it. Needs ``profile`` selected with the person (no query per row)."""
    if person is None:
        return ""
    edge, photo_size = DISPLAY_SIZE.get(size, DISPLAY_SIZE["small"])
    profile = _profile(person)
    if profile is not None and profile.has_photo:
        return format_html(
            '<img class="avatar avatar-{}" src="{}" alt="{}" width="{}" height="{}" '
            'loading="lazy">',
            size,
            photo_url(person, photo_size),
            alt,
            edge,
            edge,
        )
    name = person.display_name or person.email
    label = format_html(' role="img" aria-label="{}"', alt) if alt else HIDDEN
    return format_html(
        '<span class="avatar avatar-{} avatar-initials avatar-c{}"{}>{}</span>',
        size,
        photos.avatar_colour_index(name),
        label,
        photos.initials(name),
    )


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
    from profiles.rows import directory_rows as build  # noqa: PLC0415 - it imports avatar

    return build(rows, directory_url=directory_url, show_completeness=show_completeness)
