"""A person's face as HTML: their photo, or their initials on a colour (the ``avatar``
and ``photo_url`` tags of ``{% load people %}``, and the rows built in Python).

Load people with ``select_related("profile")`` (or ``"author__profile"``) so that
``avatar`` runs no query per row.
"""

import functools
from html import escape
from urllib.parse import urlencode

from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

from alliance_hub import sqlrows
from alliance_hub.reversing import reverse

from . import photos
from .models import Profile, User

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
    name is next to it. Needs ``profile`` selected with the person (no query per row).
    Built with f-strings over escaped values: lists call it for every row."""
    if person is None:
        return ""
    edge, photo_size = DISPLAY_SIZE.get(size, DISPLAY_SIZE["small"])
    size, alt = conditional_escape(size), conditional_escape(alt)
    profile = _profile(person)
    if profile is not None and profile.has_photo:
        return mark_safe(  # noqa: S308 - every value is escaped
            f'<img class="avatar avatar-{size}" src="{escape(photo_url(person, photo_size))}" '
            f'alt="{alt}" width="{edge}" height="{edge}" loading="lazy">'
        )
    colour, letters = _initials_look(person.display_name or person.email)
    label = f' role="img" aria-label="{alt}"' if alt else HIDDEN
    return mark_safe(  # noqa: S308 - every value is escaped
        f'<span class="avatar avatar-{size} avatar-initials avatar-c{colour}"{label}>'
        f"{letters}</span>"
    )


@functools.lru_cache(maxsize=4096)
def _initials_look(name):
    """(colour index, escaped initials) of a name: a hash and a split per row otherwise."""
    return photos.avatar_colour_index(name), escape(photos.initials(name))


class People:
    """People with what their face needs, made from the values of a query written in
    SQL (id, e-mail, name, then their profile's user_id, photo_files and photo_version):
    one instance per person, shared by their rows, and a missing profile known missing
    as ``select_related`` would know it, so no face runs a query. ``convert=False`` for
    values the ORM converted already (``values_list``)."""

    def __init__(self, *, convert: bool = True):
        self._person = sqlrows.builder(User, ["id", "email", "display_name"], convert=convert)
        face_fields = ["user_id", "photo_files", "photo_version"]
        self._face = sqlrows.builder(Profile, face_fields, convert=convert)
        self._known: dict[int, User] = {}

    def get(self, user_id, email, name, *face):
        if user_id is None:
            return None
        if user_id not in self._known:
            person = self._known[user_id] = self._person([user_id, email, name])
            profile = self._face(face) if face[0] is not None else None
            User.profile.related.set_cached_value(person, profile)
        return self._known[user_id]
