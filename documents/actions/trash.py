"""The trash: moving a document there, restoring it, purging it for good."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from alliance_hub.hooks import search_changed
from alliance_hub.reversing import reverse
from workspaces.access import require_action
from workspaces.activity import record_activity, unwatch, watcher_ids
from workspaces.pins import unpin_target
from workspaces.roles import Action

from .. import files
from ..models import Document
from .locks import check_writable, locked_document

if TYPE_CHECKING:
    from profiles.models import User


@transaction.atomic
def document_trash(*, actor: User, document: Document) -> Document:
    """Move a document to the trash (contributors). Raises ValidationError if it is
    locked by someone else."""
    require_action(actor, document.container, Action.CONTRIBUTE)
    document = check_writable(locked_document(document), actor)
    document.deleted_at = timezone.now()
    document.deleted_by = actor
    document.locked_by = None
    document.locked_until = None
    document.save(update_fields=["deleted_at", "deleted_by", "locked_by", "locked_until"])
    unpin_target(document)
    record_activity(
        actor=actor, verb="moved to the trash", target=document, container=document.container
    )
    search_changed("document", document.pk)
    return document


@transaction.atomic
def document_untrash(*, actor: User, document: Document) -> Document:
    """Bring a document back from the trash (moderators: leads, community managers)."""
    require_action(actor, document.container, Action.MODERATE)
    if not document.is_trashed:
        raise ValidationError("This document is not in the trash.")
    document.deleted_at = None
    document.deleted_by = None
    document.save(update_fields=["deleted_at", "deleted_by"])
    record_activity(
        actor=actor, verb="restored from the trash", target=document, container=document.container
    )
    search_changed("document", document.pk)
    return document


@transaction.atomic
def document_purge(*, actor: User, document: Document) -> None:
    """Delete a trashed document for good, with its versions and files (moderators).

    The files are deleted after the transaction commits."""
    container = document.container
    require_action(actor, container, Action.MODERATE)
    if not document.is_trashed:
        raise ValidationError("Only documents in the trash can be deleted for good.")
    record_activity(
        actor=actor,
        verb="deleted for good",
        target=document,
        container=container,
        url=reverse("documents:trash_list", args=[container]),
    )
    _delete_for_good(document)


def _delete_for_good(document: Document) -> None:
    names = set(document.versions.values_list("file", flat=True))
    for user_id in watcher_ids(document):
        unwatch(user=user_id, target=document)
    document_id = document.pk
    document.delete()
    search_changed("document", document_id)
    transaction.on_commit(lambda: files.delete_quietly(names))


def trash_purge_expired(*, now: datetime | None = None) -> int:
    """Delete for good the documents in the trash for more than TRASH_RETENTION_DAYS
    (the periodic purge; no actor). Each in its own transaction. Returns how many."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.TRASH_RETENTION_DAYS)
    purged = 0
    for document in Document.objects.filter(deleted_at__lte=cutoff):
        with transaction.atomic():
            _delete_for_good(document)
        purged += 1
    return purged
