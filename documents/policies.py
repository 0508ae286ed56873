"""Who may do what with documents: reviews and the check-out lock. Each yes/no check
sits next to the queryset of users it describes where there is one (the two agree:
both come from the access layer, so observers never review). Services enforce these,
views hand the answers to templates as booleans."""

from workspaces.access import container_access, users_with
from workspaces.roles import Action

REVIEW_ACTION = Action.CONTRIBUTE


def may_send_for_review(access):
    """``access``: the actor's ContainerAccess on the document's container."""
    return access.can(Action.CONTRIBUTE)


def may_review(user, container):
    """Whether ``user``'s vote on a document of ``container`` counts right now."""
    return container_access(user, container).can(REVIEW_ACTION)


def users_who_may_review(container):
    """The people whose votes count in ``container`` (the queryset twin of may_review)."""
    return users_with(container, REVIEW_ACTION)


def may_withdraw_review(user, access, review):
    """Whether ``user`` may withdraw ``review``: a contributor who requested it, or a
    moderator."""
    if not access.can(Action.CONTRIBUTE):
        return False
    return review.requested_by_id == user.pk or access.can(Action.MODERATE)


def holds_lock(user, document):
    """Whether ``user`` holds the document's active check-out lock."""
    return document.lock_is_active and document.locked_by_id == user.pk


def may_release_lock(user, access, document):
    """Whether ``user`` (with ``access`` to the document's container) may release its
    lock: a contributor, when the lock is theirs, has lapsed, or they moderate."""
    if not access.can(Action.CONTRIBUTE):
        return False
    return not document.locked_against(user) or access.can(Action.MODERATE)
