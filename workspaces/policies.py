"""Who may do what in a workspace beyond a view's declared action: pin to the start
page, change or remove a membership as the members page offers it.

The services enforce the same rules (``member_remove`` and ``member_change_role``
require ``lead`` for a lead's membership, ``manage`` otherwise, and keep a lead);
these add what a page should not offer although a service would allow it: removing
yourself from the members list, or the last lead.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from .access import ContainerAccess
from .models import Membership
from .roles import Action, Role

if TYPE_CHECKING:
    from alliance_hub.types import User

PIN_ACTION = Action.LEAD


def may_pin(access: ContainerAccess | None) -> bool:
    """Whether the viewer may pin to the start page from ``access``'s container: leads,
    and only from a workspace (groups have no start page)."""
    return access is not None and access.can(PIN_ACTION) and not access.container.is_group


def action_on_membership(membership: Membership) -> str:
    """The action a change to ``membership`` needs: leads alone touch a lead."""
    return Action.LEAD if membership.role == Role.LEAD else Action.MANAGE


def mark_member_actions(
    memberships: Sequence[Membership], *, access: ContainerAccess, viewer: User
) -> Sequence[Membership]:
    """Set ``may_remove`` and ``may_change_role`` on each of ``memberships`` (a list,
    already read) for ``viewer`` with ``access`` to the container: no query per row."""
    leads = sum(1 for m in memberships if m.role == Role.LEAD)
    group = access.group
    for membership in memberships:
        allowed = access.can(action_on_membership(membership))
        last_lead = membership.role == Role.LEAD and leads <= 1
        if group is not None:  # a private group's own members; open groups have none
            allowed = access.can_manage and group.is_private
            last_lead = False
        membership.may_change_role = allowed and group is None and not last_lead
        membership.may_remove = allowed and not last_lead and membership.user_id != viewer.pk
    return memberships
