"""Role groups: one auth Group per container and role holding that role's guardian
permissions, and the staff flag of those who manage a workspace."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.contrib.auth.models import Group as AuthGroup
from django.contrib.auth.models import Permission
from django.db.models import Q, QuerySet
from guardian.shortcuts import assign_perm

from alliance_hub import hooks

from ..models import Group, Membership, RoleGroup
from ..roles import ROLE_ACTIONS, STAFF_ROLES, Role, codename

if TYPE_CHECKING:
    from alliance_hub.types import User

    from ..access import Container
    from ..models import Workspace

ADMIN_GROUP_NAME = "Community managers (admin)"
ADMIN_MODEL_PERMS = [
    "workspaces.view_membership",
    "workspaces.change_membership",
    "workspaces.delete_membership",
    "workspaces.view_invitation",
    "workspaces.add_invitation",
    "workspaces.view_group",
    "workspaces.change_group",
    "workspaces.add_group",
    "workspaces.view_organisation",
    "workspaces.view_membershipevent",
    "workspaces.view_groupmembership",
    "workspaces.add_groupmembership",
    "workspaces.delete_groupmembership",
]


def create_role_groups(container: Container) -> None:
    """One auth Group per role holding that role's guardian permissions on ``container``."""
    kind = "group" if container.is_group else "ws"
    for role in Role:
        auth_group = AuthGroup.objects.create(name=f"{kind}:{container.pk}:{role}")
        RoleGroup.objects.create(
            auth_group=auth_group,
            role=role,
            workspace=None if container.is_group else container.workspace,
            group=container.group,
        )
        _assign_role_perms(auth_group, role, container)


def _assign_role_perms(auth_group: AuthGroup, role: Role, container: Container) -> None:
    for action in ROLE_ACTIONS[role]:
        assign_perm(codename(action, container), auth_group, container)


def _role_group(container: Container, role: Role) -> AuthGroup:
    lookup = {"group": container} if container.is_group else {"workspace": container}
    return AuthGroup.objects.get(role__role=role, **{f"role__{k}": v for k, v in lookup.items()})


def grant_open_group_to_workspace_roles(group: Group) -> None:
    for role in Role:
        _assign_role_perms(_role_group(group.workspace, role), role, group)


def _user_private_groups(user: User, workspace: Workspace) -> QuerySet[Group]:
    return Group.objects.filter(workspace=workspace, is_private=True, group_memberships__user=user)


def place_in_role_groups(user: User, workspace: Workspace, role: str | None) -> None:
    """Put ``user`` in exactly the role groups of ``role`` for the workspace and its
    private groups they belong to, out of every other role group there."""
    private_groups = list(_user_private_groups(user, workspace))
    in_scope = RoleGroup.objects.filter(workspace=workspace) | RoleGroup.objects.filter(
        group__in=private_groups
    )
    user.groups.remove(*AuthGroup.objects.filter(role__in=in_scope))
    if role is not None:
        user.groups.add(*AuthGroup.objects.filter(role__in=in_scope.filter(role=role)))


def sync_staff(user: User) -> None:
    """Leads and community managers are staff with the limited admin rights of ADMIN_GROUP_NAME."""
    admin_group = admin_auth_group()
    manages = Membership.objects.filter(user=user, role__in=STAFF_ROLES).exists()
    if manages:
        user.groups.add(admin_group)
    else:
        user.groups.remove(admin_group)
    staff = manages or user.is_superuser
    if user.is_staff != staff:
        user.is_staff = staff
        user.save(update_fields=["is_staff"])


def admin_auth_group() -> AuthGroup:
    """The auth group of leads and community managers, holding ADMIN_MODEL_PERMS and
    those content apps registered (the admin_permission hook); a
    permission registered since the group was made is added on the next call."""
    group, _ = AuthGroup.objects.get_or_create(name=ADMIN_GROUP_NAME)
    wanted = dict.fromkeys([*ADMIN_MODEL_PERMS, *hooks.get_hooks(hooks.ADMIN_PERMISSION)])
    if group.permissions.count() != len(wanted):
        group.permissions.set(_permissions(wanted))
    return group


def _permissions(labels: Iterable[str]) -> QuerySet[Permission]:
    match = Q(pk__in=[])
    for label in labels:
        app_label, codename = label.split(".")
        match |= Q(content_type__app_label=app_label, codename=codename)
    return Permission.objects.filter(match)


def role_of(user: User, workspace: Workspace) -> str | None:
    return (
        Membership.objects.filter(workspace=workspace, user=user)
        .values_list("role", flat=True)
        .first()
    )
