"""A person's own notifications: the reads and writes their pages, the header badge and
the digests share. "Unread" is defined here once.

Every read starts from ``recipient=user`` and keeps only containers the user may still
view (leaving a group hides what its notifications quoted), so someone else's
notification answers 404 just like a missing one. ``deliver`` writes them; whom to
notify is decided by ``activity.notify`` (and by jobs, for the person who asked).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from alliance_hub import sqlrows
from alliance_hub.pagination import page_of

from .access import Container, contained_visible_q, users_who_may_view, visible_ids_sql
from .models import Group, Notification, Workspace

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


def menu_workspaces_for(user: User) -> list[Workspace]:
    """The header's "my workspaces" menu (the workspaces ``user`` may view, by name),
    each row carrying ``unread``: the user's unread notifications, the badge, as in
    ``unread_of``. One query, written in SQL: it runs on every page, and built with the
    ORM it took about 4 ms to compile against 0.4 ms to run. tests/workspaces/
    test_header_menu.py compares it with ``workspaces_visible_to`` and ``unread_of``."""
    workspace_ids, workspace_params = visible_ids_sql(user, Workspace)
    group_ids, group_params = visible_ids_sql(user, Group)
    notification = Notification._meta.db_table
    workspace = Workspace._meta.db_table
    sql = (
        f"SELECT w.id, w.name, w.slug, (SELECT COUNT(*) FROM {notification} n"  # noqa: S608
        " WHERE n.recipient_id = %s AND n.read_at IS NULL"
        f" AND ((n.group_id IS NULL AND n.workspace_id IN ({workspace_ids}))"
        f" OR n.group_id IN ({group_ids}))) AS unread"
        f" FROM {workspace} w WHERE w.id IN ({workspace_ids}) ORDER BY w.name"
    )
    params = [user.pk, *workspace_params, *group_params, *workspace_params]
    return sqlrows.fetch(Workspace, sql, params)


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


def notification_fields(*, kind: str, actor: User | None, text: str, target: Any) -> dict[str, Any]:
    """What a notification of ``target`` says, as JSON-ready values (a fan-out job
    carries them in its parameters)."""
    return {
        "kind": kind,
        "actor_id": getattr(actor, "pk", None),
        "text": text[:300],
        "target_url": target.get_absolute_url(),
        "created_at": timezone.now().isoformat(),
    }


def deliver(
    recipient_ids: Iterable[int],
    fields: dict[str, Any],
    container: Container,
    *,
    again: bool = False,
) -> list[Notification]:
    """Create the notifications of ``fields`` for those of ``recipient_ids`` who may view
    ``container``. ``again``: a delivery that may have run before skips those who have
    it already (so delivering twice changes nothing)."""
    recipient_ids = list(recipient_ids)
    fields = {**fields, "created_at": datetime.fromisoformat(fields["created_at"])}
    may_view = users_who_may_view(container).filter(pk__in=recipient_ids)
    if again:
        delivered = Notification.objects.filter(recipient_id__in=recipient_ids, **fields)
        may_view = may_view.exclude(pk__in=delivered.values("recipient_id"))
    return Notification.objects.bulk_create(
        (
            Notification(
                recipient_id=user_id,
                workspace=container.workspace,
                group=container.group,
                **fields,
            )
            for user_id in may_view.values_list("pk", flat=True)
        ),
        batch_size=500,
    )
