"""A person's face as HTML: their photo, or their initials on a colour (the ``avatar``
and ``photo_url`` tags of ``{% load people %}``, and the rows built in Python).

Load people with ``select_related("profile")`` (or ``"author__profile"``) so that
``avatar`` runs no query per row.
"""

from urllib.parse import urlencode

from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from . import photos
from .models import Profile

HIDDEN = mark_safe(' aria-hidden="true"')  # noqa: S308 - a constant

# Shown size in CSS pixels -> the stored photo size that covers it.
DISPLAY_SIZE = {"tiny": (28, "small"), "small": (40, "small"), "medium": (160, "medium")}
DISPLAY_SIZE["large"] = (256, "large")


def _profile(person):
    try:
        return person.profile
    except Profile.DoesNotExist:
        return None


def photo_url(person, size="small"):
    """The person's photo at ``size``, or their initials avatar when they have none."""
    profile = _profile(person)
    if profile is not None and profile.has_photo:
        url = reverse("profiles:photo", args=[person.pk, size])
        return f"{url}?v={profile.photo_version}"
    url = reverse("profiles:avatar", args=[person.pk])
    return f"{url}?{urlencode({'v': photos.initials(person.display_name or person.email)})}"


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
