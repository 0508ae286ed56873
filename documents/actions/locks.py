"""The "being edited" mark on a document: who holds it, taking and releasing it."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from workspaces.access import require_action
from workspaces.roles import Action

from .. import policies
from ..models import Document

if TYPE_CHECKING:
    from profiles.models import User


def locked_document(document: Document) -> Document | None:
    """The document's row, locked until the transaction ends: version numbers are
    assigned one uploader at a time."""
    locked = Document.objects.select_for_update().filter(pk=document.pk).first()
    if locked is not None:
        # Same container objects as the caller's (no outer join: PostgreSQL cannot
        # lock the nullable side of one).
        document.share_container(locked)
    return locked


def check_writable(document: Document | None, actor: User) -> Document:
    if document is None or document.is_trashed:
        raise ValidationError("This document is in the trash.")
    if document.locked_against(actor):
        until = timezone.localtime(document.locked_until).strftime("%H:%M")
        raise ValidationError(
            f"{document.locked_by} is editing this document (locked until {until}); "
            "a new version can be added once the lock is released."
        )
    return document


def clear_lock(document: Document) -> None:
    document.locked_by = None
    document.locked_until = None
    document.save(update_fields=["locked_by", "locked_until"])


@transaction.atomic
def document_lock(*, actor: User, document: Document) -> Document:
    """Mark the document as being edited by ``actor`` for DOCUMENT_LOCK_MINUTES
    (contributors; the holder may extend it). Raises ValidationError if someone
    else holds it."""
    require_action(actor, document.container, Action.CONTRIBUTE)
    current = locked_document(document)
    if current is None or current.is_trashed:
        raise ValidationError("This document is in the trash.")
    document = current
    if document.locked_against(actor):
        raise ValidationError(f"{document.locked_by} is already editing this document.")
    document.locked_by = actor
    document.locked_until = timezone.now() + timedelta(minutes=settings.DOCUMENT_LOCK_MINUTES)
    document.save(update_fields=["locked_by", "locked_until"])
    return document


@transaction.atomic
def document_unlock(*, actor: User, document: Document) -> Document:
    """Release the lock: its holder, or a moderator (lead, community manager).
    Raises PermissionDenied for anyone else while the lock is active."""
    access = require_action(actor, document.container, Action.CONTRIBUTE)
    if not policies.may_release_lock(actor, access, document):
        raise PermissionDenied(
            f"Only {document.locked_by}, a lead or a community manager can release this lock."
        )
    clear_lock(document)
    return document


def locks_release_expired(*, now: datetime | None = None) -> int:
    """Clear the "being edited" marks whose time is up (they no longer hold anyone
    back; this keeps the rows tidy). Returns how many."""
    return Document.objects.filter(locked_until__lte=now or timezone.now()).update(
        locked_by=None, locked_until=None
    )
