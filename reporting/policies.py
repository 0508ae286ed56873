"""Who may define report series and submit reports: yes/no checks beside the querysets
of people they describe."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import QuerySet

from workspaces.access import Container, ContainerAccess, container_access, users_with
from workspaces.models import Membership
from workspaces.roles import ROLE_ACTIONS, Action

if TYPE_CHECKING:
    from profiles.models import User

    from .models import ReportItem

MANAGE_ACTION = Action.LEAD
SUBMIT_ACTION = Action.CONTRIBUTE
SUBMITTING_ROLES = sorted(
    role for role, actions in ROLE_ACTIONS.items() if SUBMIT_ACTION in actions
)


def may_manage_series(access: ContainerAccess) -> bool:
    return access.can(MANAGE_ACTION)


def may_submit(user: User, item: ReportItem, container: Container) -> bool:
    """Members of the item's organisation who may contribute in the series' container."""
    if item.organisation_id is None or not container_access(user, container).can(SUBMIT_ACTION):
        return False
    return Membership.objects.filter(
        workspace=container.workspace, user=user, organisation_id=item.organisation_id
    ).exists()


def submitters(container: Container, organisation_id: int) -> QuerySet[User]:
    """The people who may submit for ``organisation_id`` (twin of may_submit)."""
    return users_with(container, SUBMIT_ACTION).filter(
        memberships__workspace=container.workspace,
        memberships__organisation_id=organisation_id,
    )
