"""What readers do: a download is recorded; watching and unwatching a document."""

from __future__ import annotations

from typing import TYPE_CHECKING

from workspaces.access import require_action
from workspaces.activity import unwatch, watch
from workspaces.roles import Action

from ..models import Document, Download, Version

if TYPE_CHECKING:
    from profiles.models import User


def download_record(*, user: User, version: Version) -> Download:
    """Record that ``user`` downloaded ``version`` (the caller checked view access)."""
    return Download.objects.create(document_id=version.document_id, version=version, user=user)


def document_watch(*, actor: User, document: Document) -> None:
    """Watch a document: be notified of its new versions (anyone who may view it)."""
    require_action(actor, document.container, Action.VIEW)
    watch(user=actor, target=document, container=document.container)


def document_unwatch(*, actor: User, document: Document) -> None:
    require_action(actor, document.container, Action.VIEW)
    unwatch(user=actor, target=document)
