"""The "being edited" mark on a document: who holds it, taking and releasing it."""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from workspaces.access import require_action
from workspaces.roles import Action

from .. import policies
from ..models import Document


def locked_document(document):
    """The document's row, locked until the transaction ends: version numbers are
    assigned one uploader at a time."""
    locked = Document.objects.select_for_update().filter(pk=document.pk).first()
    if locked is not None:
        # Same container objects as the caller's (no outer join: PostgreSQL cannot
        # lock the nullable side of one).
        locked.workspace, locked.group = document.workspace, document.group
    return locked


def check_writable(document, actor):
    if document is None or document.is_trashed:
        raise ValidationError("This document is in the trash.")
    if document.locked_against(actor):
        until = timezone.localtime(document.locked_until).strftime("%H:%M")
        raise ValidationError(
            f"{document.locked_by} is editing this document (locked until {until}); "
            "a new version can be added once the lock is released."
        )


def clear_lock(document):
    document.locked_by = None
    document.locked_until = None
    document.save(update_fields=["locked_by", "locked_until"])


@transaction.atomic
def document_lock(*, actor, document):
    """Mark the document as being edited by ``actor`` for DOCUMENT_LOCK_MINUTES
    (contributors; the holder may extend it). Raises ValidationError if someone
    else holds it."""
    require_action(actor, document.container, Action.CONTRIBUTE)
    document = locked_document(document)
    if document is None or document.is_trashed:
        raise ValidationError("This document is in the trash.")
    if document.locked_against(actor):
        raise ValidationError(f"{document.locked_by} is already editing this document.")
    document.locked_by = actor
    document.locked_until = timezone.now() + timedelta(minutes=settings.DOCUMENT_LOCK_MINUTES)
    document.save(update_fields=["locked_by", "locked_until"])
    return document


@transaction.atomic
def document_unlock(*, actor, document):
    """Release the lock: its holder, or a moderator (lead, community manager).
    Raises PermissionDenied for anyone else while the lock is active."""
    access = require_action(actor, document.container, Action.CONTRIBUTE)
    if not policies.may_release_lock(actor, access, document):
        raise PermissionDenied(
            f"Only {document.locked_by}, a lead or a community manager can release this lock."
        )
    clear_lock(document)
    return document


def locks_release_expired(*, now=None):
    """Clear the "being edited" marks whose time is up (they no longer hold anyone
    back; this keeps the rows tidy). Returns how many."""
    return Document.objects.filter(locked_until__lte=now or timezone.now()).update(
        locked_by=None, locked_until=None
    )
