"""The one small interface content apps use to tell the workspace what happened.

Content apps call ``record_activity``, ``notify``, ``watch``/``unwatch`` and
``watcher_ids``; they never reach into each other. Targets are any model
instance with ``get_absolute_url()`` and ``__str__``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, cast

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, Model, OuterRef, QuerySet

from jobs.services import job_queue

from . import access
from .models import Activity, Notification, Watch
from .notifications import deliver, notification_fields

if TYPE_CHECKING:
    from alliance_hub.types import Linkable, User
    from jobs.models import Job

    from .access import Container, Viewer

FAN_OUT_CHUNK = 1000


def record_activity(
    *, actor: User | None, verb: str, target: Linkable, container: Container, url: str | None = None
) -> Activity:
    """Add a line to the container's stream. Call inside the writing service's transaction.

    ``url`` overrides ``target.get_absolute_url()`` (e.g. for a person joining)."""
    return Activity.objects.create(
        workspace=container.workspace,
        group=container.group,
        actor=actor,
        verb=verb,
        target_type=_type_of(target),
        target_id=target.pk,
        target_label=str(target)[:300],
        target_url=url or target.get_absolute_url(),
    )


def _type_of(target: Linkable | type[Model]) -> ContentType:
    return ContentType.objects.get_for_model(cast(Model, target))


def _activity_of(target: Linkable) -> QuerySet[Activity]:
    target_type = _type_of(target)
    return Activity.objects.filter(target_type=target_type, target_id=target.pk)


def relabel_activity(target: Linkable) -> None:
    """The stream's lines about ``target`` show its new ``str()`` (after an edit)."""
    _activity_of(target).update(target_label=str(target)[:300])


def forget_activity(target: Linkable) -> None:
    """Take a removed or hidden ``target`` out of the stream (its label is a snapshot)."""
    _activity_of(target).delete()


def notify(
    *,
    recipients: Iterable[User | int],
    kind: str,
    actor: User | None,
    text: str,
    target: Linkable,
    container: Container,
) -> list[Notification]:
    """Notify those of ``recipients`` who may view ``container`` (never the actor).

    Anyone else - outsiders, removed members, non-members of a private group -
    is silently skipped, so a notification never reveals what its reader may not see.
    Up to NOTIFY_INLINE_MAX recipients are notified at once (returns the notifications);
    more are notified by a "notifications" job once the transaction commits (returns
    []), which checks who may view the container when it runs.
    """
    if not Notification.is_known_kind(kind):
        raise ValueError(f"Unknown notification kind {kind!r}: register it first.")
    ids: set[int] = {r if isinstance(r, int) else r.pk for r in recipients}
    ids.discard(getattr(actor, "pk", None))
    if not ids:
        return []
    fields = notification_fields(kind=kind, actor=actor, text=text, target=target)
    if len(ids) > settings.NOTIFY_INLINE_MAX:
        params = {"recipient_ids": sorted(ids), "fields": fields}
        job_queue(kind="notifications", container=container, requested_by=actor, params=params)
        return []
    return deliver(sorted(ids), fields, container)


def notifications_run(job: Job, progress: Callable[[float], Any]) -> None:
    """The "notifications" job: a fan-out to many people, delivered in chunks."""
    ids = job.params["recipient_ids"]
    for start in range(0, len(ids), FAN_OUT_CHUNK):
        chunk = ids[start : start + FAN_OUT_CHUNK]
        deliver(chunk, job.params["fields"], job.container, again=True)
        progress(100 * (start + FAN_OUT_CHUNK) / len(ids))


def _watches_of(target: Linkable) -> QuerySet[Watch]:
    return Watch.objects.filter(target_type=_type_of(target), target_id=target.pk)


def watch(*, user: User, target: Linkable, container: Container) -> None:
    Watch.objects.get_or_create(
        user=user,
        target_type=_type_of(target),
        target_id=target.pk,
        defaults={"workspace": container.workspace},
    )


def unwatch(*, user: User | int, target: Linkable) -> None:
    _watches_of(target).filter(user=user).delete()


def is_watching(*, user: User, target: Linkable) -> bool:
    """For one object; lists and pages annotate ``watched_by`` instead."""
    return _watches_of(target).filter(user=user).exists()


def watched_by(user: User, model: type[Model]) -> Exists:
    """An ``Exists`` expression: does ``user`` watch the row (of ``model``)?"""
    target_type = _type_of(model)
    watches = Watch.objects.filter(user=user, target_type=target_type, target_id=OuterRef("pk"))
    return Exists(watches)


def watched_by_sql(user: User, model: type[Model], id_column: str) -> tuple[str, list[Any]]:
    """``watched_by`` as SQL text, ``(condition, params)``: does ``user`` watch the
    ``model`` row whose id is ``id_column``? For the few queries written in SQL."""
    watch = Watch._meta.db_table
    sql = (
        f"EXISTS (SELECT 1 FROM {watch} w WHERE w.user_id = %s"  # noqa: S608
        f" AND w.target_type_id = %s AND w.target_id = {id_column})"
    )
    return sql, [user.pk, _type_of(model).pk]


def watcher_ids(target: Linkable) -> set[int]:
    return set(_watches_of(target).values_list("user_id", flat=True))


def stream_for(*, user: Viewer, container: Container | None = None) -> QuerySet[Activity]:
    """The activity a user may see, newest first: a whole workspace's (with the
    groups the user may see) or one group's. Paginate with ``id__lt`` cursors."""
    rows = Activity.objects.select_related("actor__profile")
    if container is None:
        return rows.filter(access.contained_visible_q(user))
    return rows.filter(access.visible_in(user, container))
