"""A person's own notifications: the reads and writes their pages, the header badge and
the digests share. "Unread" is defined here once.

Every read starts from ``recipient=user`` and keeps only containers the user may still
view (leaving a group hides what its notifications quoted), so someone else's
notification answers 404 just like a missing one. Delivery lives in ``activity.py``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from alliance_hub.pagination import page_of

from .access import contained_visible_q
from .models import Notification

if TYPE_CHECKING:
    from alliance_hub.types import User

PAGE_SIZE = 30


def notifications_of(user: User) -> QuerySet[Notification]:
    """The notifications ``user`` may read: their own, from containers they may view."""
    return Notification.objects.filter(recipient=user).filter(contained_visible_q(user))


def unread_of(user: User) -> QuerySet[Notification]:
    """The notifications ``user`` has not read yet (the badge, the digest, "read all")."""
    return notifications_of(user).filter(read_at__isnull=True)


def unread_count_for(user: User) -> int:
    return unread_of(user).count()


def notification_list_for(
    *, user: User, before: int | None = None
) -> tuple[list[Notification], bool]:
    """The user's notifications, newest first, as ``(notifications, has_more)``;
    ``before`` is an id cursor. Any signed-in user may call it, for themselves."""
    rows = notifications_of(user).select_related("actor__profile", "workspace").order_by("-id")
    if before:
        rows = rows.filter(id__lt=before)
    return page_of(rows, PAGE_SIZE)


def notification_get_for(*, user: User, pk: int) -> Notification:
    """One of the user's own notifications; Http404 for anyone else's and missing ones."""
    notification = (
        notifications_of(user).filter(pk=pk).select_related("actor__profile", "workspace").first()
    )
    if notification is None:
        raise Http404("No such notification.")
    return notification


def notification_mark_read(*, notification: Notification) -> Notification:
    """Mark one notification (already read through ``notification_get_for``) as read."""
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification


def notifications_mark_all_read(*, user: User) -> int:
    """Mark every unread notification of ``user`` as read; returns how many."""
    return unread_of(user).update(read_at=timezone.now())
