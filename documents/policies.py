"""Who may do what with document reviews: each yes/no check next to the queryset of
users it describes (the two must agree; both come from the roles in
workspaces/roles.py, so observers never review)."""

from django.contrib.auth import get_user_model

from workspaces.access import container_access
from workspaces.roles import ROLE_ACTIONS, Action

REVIEW_ACTION = Action.CONTRIBUTE
REVIEWING_ROLES = sorted(role for role, actions in ROLE_ACTIONS.items() if REVIEW_ACTION in actions)


def may_send_for_review(access):
    """``access``: the actor's ContainerAccess on the document's container."""
    return access.can(Action.CONTRIBUTE)


def may_review(user, container):
    """Whether ``user``'s vote on a document of ``container`` counts right now."""
    return container_access(user, container).can(REVIEW_ACTION)


def users_who_may_review(container):
    """The people whose votes count in ``container`` (the queryset twin of may_review)."""
    users = get_user_model().objects.filter(
        is_active=True,
        memberships__workspace=container.workspace,
        memberships__role__in=REVIEWING_ROLES,
    )
    if container.is_group and container.is_private:
        users = users.filter(group_memberships__group=container)
    return users


def may_withdraw_review(user, access, review):
    return review.requested_by_id == user.pk or access.can(Action.MODERATE)
