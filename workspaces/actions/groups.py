"""Groups inside a workspace and who is in them."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.contrib.auth.models import Group as AuthGroup
from django.core.exceptions import ValidationError
from django.db import transaction

from alliance_hub.db import refuse_duplicate

from ..access import require_action
from ..models import Group, GroupMembership, Membership, MembershipEvent, RoleGroup
from ..roles import Action
from .events import record_event
from .role_groups import (
    create_role_groups,
    grant_open_group_to_workspace_roles,
    place_in_role_groups,
    role_of,
)

if TYPE_CHECKING:
    from alliance_hub.types import User

    from ..models import Workspace


@transaction.atomic
def group_create(
    *,
    actor: User,
    workspace: Workspace,
    name: str,
    slug: str,
    description: str = "",
    is_private: bool = False,
) -> Group:
    """Create a group (managers of the workspace). A private group starts with the actor in it."""
    require_action(actor, workspace, Action.MANAGE)
    taken = {"slug": "This workspace already has a group with this address."}
    if Group.objects.filter(workspace=workspace, slug=slug).exists():
        raise ValidationError(taken)
    with refuse_duplicate(taken):  # the same form submitted twice at once
        group = Group.objects.create(
            workspace=workspace,
            name=name,
            slug=slug,
            description=description,
            is_private=is_private,
        )
    if is_private:
        create_role_groups(group)
        if Membership.objects.filter(workspace=workspace, user=actor).exists():
            _group_member_add(actor=actor, group=group, user=actor)  # its creator
    else:
        grant_open_group_to_workspace_roles(group)
    return group


@transaction.atomic
def group_set_private(*, actor: User, group: Group, is_private: bool) -> Group:
    """Switch a group between open and private, rewriting its guardian rows (those who
    manage the group: opening a private group is decided on the group)."""
    require_action(actor, group, Action.MANAGE)
    if group.is_private == is_private:
        return group
    group.groupgroupobjectpermission_set.all().delete()
    RoleGroup.objects.filter(group=group).delete()
    AuthGroup.objects.filter(name__startswith=f"group:{group.pk}:").delete()
    group.is_private = is_private
    group.save(update_fields=["is_private"])
    if is_private:
        create_role_groups(group)
        for gm in group.group_memberships.select_related("user"):
            place_in_role_groups(gm.user, group.workspace, role_of(gm.user, group.workspace))
    else:
        grant_open_group_to_workspace_roles(group)
    return group


def require_group_manager(actor: User, groups: Iterable[Group]) -> None:
    """The one rule for adding people to groups: the actor manages each *group* (a
    manager of the workspace outside a private group does not). PermissionDenied."""
    for group in groups:
        require_action(actor, group, Action.MANAGE)


@transaction.atomic
def group_member_add(*, actor: User, group: Group, user: User) -> None:
    """Add a workspace member to a group (see ``group_member_check``)."""
    group_member_check(actor=actor, group=group, user=user)
    _group_member_add(actor=actor, group=group, user=user)


def group_member_check(*, actor: User, group: Group, user: User) -> None:
    """May ``actor`` add ``user`` to ``group``? Those who manage the group add members
    of its workspace (forms call it to show errors). Raises PermissionDenied,
    ValidationError."""
    require_group_manager(actor, [group])
    if role_of(user, group.workspace) is None:
        raise ValidationError(f"{user} is not a member of {group.workspace}.")


def _group_member_add(*, actor: User, group: Group, user: User) -> None:
    role = role_of(user, group.workspace)
    _, created = GroupMembership.objects.get_or_create(group=group, user=user)
    if created:
        place_in_role_groups(user, group.workspace, role)
        record_event(
            group.workspace,
            MembershipEvent.Kind.GROUP_ADDED,
            actor=actor,
            subject=user,
            detail=str(group),
            group=group,
        )


@transaction.atomic
def group_member_remove(*, actor: User, group: Group, user: User) -> None:
    """Take ``user`` out of ``group`` (those who manage the group); what the group's
    notifications quoted is hidden from them on their next request."""
    require_group_manager(actor, [group])
    deleted, _ = GroupMembership.objects.filter(group=group, user=user).delete()
    if deleted:
        if group.is_private:
            user.groups.remove(*AuthGroup.objects.filter(role__group=group))
        record_event(
            group.workspace,
            MembershipEvent.Kind.GROUP_REMOVED,
            actor=actor,
            subject=user,
            detail=str(group),
            group=group,
        )
