"""Who may do what with documents: reviews and the check-out lock. Each yes/no check
sits next to the queryset of users it describes where there is one (the two agree:
both come from the access layer, so observers never review). Services enforce these,
views hand the answers to templates as booleans."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import QuerySet

from workspaces.access import Container, ContainerAccess, Viewer, container_access, users_with
from workspaces.roles import Action

if TYPE_CHECKING:
    from profiles.models import User

    from .models import Document, Review

REVIEW_ACTION = Action.CONTRIBUTE


def may_send_for_review(access: ContainerAccess) -> bool:
    """``access``: the actor's ContainerAccess on the document's container."""
    return access.can(Action.CONTRIBUTE)


def may_review(user: Viewer, container: Container) -> bool:
    """Whether ``user``'s vote on a document of ``container`` counts right now."""
    return container_access(user, container).can(REVIEW_ACTION)


def users_who_may_review(container: Container) -> QuerySet[User]:
    """The people whose votes count in ``container`` (the queryset twin of may_review)."""
    return users_with(container, REVIEW_ACTION)


def may_withdraw_review(user: Viewer, access: ContainerAccess, review: Review) -> bool:
    """Whether ``user`` may withdraw ``review``: a contributor who requested it, or a
    moderator."""
    if not access.can(Action.CONTRIBUTE):
        return False
    return review.requested_by_id == user.pk or access.can(Action.MODERATE)


def holds_lock(user: Viewer, document: Document) -> bool:
    """Whether ``user`` holds the document's active check-out lock."""
    return document.lock_is_active and document.locked_by_id == user.pk


def may_release_lock(user: Viewer, access: ContainerAccess, document: Document) -> bool:
    """Whether ``user`` (with ``access`` to the document's container) may release its
    lock: a contributor, when the lock is theirs, has lapsed, or they moderate."""
    if not access.can(Action.CONTRIBUTE):
        return False
    return not document.locked_against(user) or access.can(Action.MODERATE)
