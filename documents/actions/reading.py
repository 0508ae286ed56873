"""What readers do: a download is recorded; watching and unwatching a document."""

from workspaces.access import require_action
from workspaces.activity import unwatch, watch
from workspaces.roles import Action

from ..models import Download


def download_record(*, user, version):
    """Record that ``user`` downloaded ``version`` (the caller checked view access)."""
    return Download.objects.create(document_id=version.document_id, version=version, user=user)


def document_watch(*, actor, document):
    """Watch a document: be notified of its new versions (anyone who may view it)."""
    require_action(actor, document.container, Action.VIEW)
    watch(user=actor, target=document, container=document.container)


def document_unwatch(*, actor, document):
    require_action(actor, document.container, Action.VIEW)
    unwatch(user=actor, target=document)
