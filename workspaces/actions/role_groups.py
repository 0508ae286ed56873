"""Role groups: one auth Group per container and role holding that role's guardian
permissions, and the staff flag of those who manage a workspace."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.contrib.auth.models import Group as AuthGroup
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Q, QuerySet
from guardian.utils import get_group_obj_perms_model

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
    auth_groups = AuthGroup.objects.bulk_create(
        AuthGroup(name=f"{kind}:{container.pk}:{role}") for role in Role
    )
    RoleGroup.objects.bulk_create(
        RoleGroup(
            auth_group=auth_group,
            role=role,
            workspace=None if container.is_group else container.workspace,
            group=container.group,
        )
        for auth_group, role in zip(auth_groups, Role, strict=True)
    )
    _grant_roles(dict(zip(auth_groups, Role, strict=True)), container)


def _grant_roles(grants: dict[AuthGroup, str], container: Container) -> None:
    """Give each auth group its role's permissions on ``container``, in one write (the
    groups hold none on it yet)."""
    content_type = ContentType.objects.get_for_model(container)
    permissions = {p.codename: p for p in Permission.objects.filter(content_type=content_type)}
    model = get_group_obj_perms_model(container)
    model._default_manager.bulk_create(
        model(
            group=auth_group,
            permission=permissions[codename(action, container)],
            content_object=container,
        )
        for auth_group, role in grants.items()
        for action in ROLE_ACTIONS[Role(role)]
    )


def grant_open_group_to_workspace_roles(group: Group) -> None:
    role_groups = AuthGroup.objects.filter(role__workspace=group.workspace).values_list(
        "pk", "role__role"
    )
    _grant_roles({AuthGroup(pk=pk): role for pk, role in role_groups}, group)


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
    wanted = dict.fromkeys([*ADMIN_MODEL_PERMS, *hooks.get_hooks(hooks.ADMIN_PERMISSION)])
    found = (
        AuthGroup.objects.filter(name=ADMIN_GROUP_NAME).annotate(held=Count("permissions")).first()
    )
    if found is None:
        group, held = AuthGroup.objects.get_or_create(name=ADMIN_GROUP_NAME)[0], 0
    else:
        group, held = found, found.held
    if held != len(wanted):
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
