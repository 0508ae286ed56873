"""The one small interface content apps use to tell the workspace what happened.

Content apps call ``record_activity``, ``notify``, ``watch``/``unwatch`` and
``watcher_ids``; they never reach into each other. Targets are any model
instance with ``get_absolute_url()`` and ``__str__``.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, OuterRef

from . import access
from .models import Activity, Notification, Watch


def record_activity(*, actor, verb, target, container, url=None):
    """Add a line to the container's stream. Call inside the writing service's transaction.

    ``url`` overrides ``target.get_absolute_url()`` (e.g. for a person joining)."""
    return Activity.objects.create(
        workspace=container.workspace,
        group=container.group,
        actor=actor,
        verb=verb,
        target_type=ContentType.objects.get_for_model(target),
        target_id=target.pk,
        target_label=str(target)[:300],
        target_url=url or target.get_absolute_url(),
    )


def notify(*, recipients, kind, actor, text, target, container):
    """Notify those of ``recipients`` who may view ``container`` (never the actor).

    Anyone else - outsiders, removed members, non-members of a private group -
    is silently skipped, so a notification never reveals what its reader may not see.
    Returns the notifications created.
    """
    from django.contrib.auth import get_user_model

    ids = {getattr(r, "pk", r) for r in recipients} - {getattr(actor, "pk", None)}
    if not ids:
        return []
    may_view = get_user_model().objects.filter(pk__in=ids, is_active=True)
    if container.is_group and container.is_private:
        may_view = may_view.filter(group_memberships__group=container)
    may_view = may_view.filter(memberships__workspace=container.workspace)
    url = target.get_absolute_url()
    return Notification.objects.bulk_create(
        Notification(
            recipient_id=user_id,
            workspace=container.workspace,
            group=container.group,
            kind=kind,
            actor=actor,
            text=text[:300],
            target_url=url,
        )
        for user_id in may_view.values_list("pk", flat=True)
    )


def _watches_of(target):
    return Watch.objects.filter(
        target_type=ContentType.objects.get_for_model(target), target_id=target.pk
    )


def watch(*, user, target, container):
    Watch.objects.get_or_create(
        user=user,
        target_type=ContentType.objects.get_for_model(target),
        target_id=target.pk,
        defaults={"workspace": container.workspace},
    )


def unwatch(*, user, target):
    _watches_of(target).filter(user=user).delete()


def is_watching(*, user, target):
    """For one object; lists and pages annotate ``watched_by`` instead."""
    return _watches_of(target).filter(user=user).exists()


def watched_by(user, model):
    """An ``Exists`` expression: does ``user`` watch the row (of ``model``)?"""
    target_type = ContentType.objects.get_for_model(model)
    watches = Watch.objects.filter(user=user, target_type=target_type, target_id=OuterRef("pk"))
    return Exists(watches)


def watcher_ids(target):
    return set(_watches_of(target).values_list("user_id", flat=True))


def stream_for(*, user, container=None):
    """The activity a user may see, newest first: a whole workspace's (with the
    groups the user may see) or one group's. Paginate with ``id__lt`` cursors."""
    rows = Activity.objects.select_related("actor")
    if container is None:
        return rows.visible_to(user)
    if container.is_group:
        return rows.filter(group=container)
    return rows.filter(workspace=container).filter(access.contained_visible_q(user))
