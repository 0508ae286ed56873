"""Joining, changing role and leaving a workspace."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from alliance_hub.reversing import reverse
from alliance_hub.sessions import end_sessions

from ..access import require_action
from ..activity import record_activity
from ..models import (
    Group,
    GroupMembership,
    Invitation,
    Membership,
    MembershipEvent,
    Notification,
    Organisation,
    Workspace,
)
from ..roles import Action, Role
from .events import record_event
from .groups import require_group_manager
from .partners import saved_organisation
from .role_groups import place_in_role_groups, sync_staff

if TYPE_CHECKING:
    from alliance_hub.types import User


@transaction.atomic
def member_add(
    *,
    actor: User | None,
    workspace: Workspace,
    user: User,
    role: str,
    organisation: Organisation,
    groups: Iterable[Group] = (),
    check: bool = True,
) -> Membership:
    """Make ``user`` a member (managers; only leads grant the lead role; ``groups`` only
    those the actor manages). ``check=False``: the caller decided (an accepted
    invitation, whose sender may be gone)."""
    if check:
        if actor is None:
            raise PermissionDenied("Only a manager may add members.")
        require_action(actor, workspace, Action.LEAD if role == Role.LEAD else Action.MANAGE)
        require_group_manager(actor, groups)
    organisation = saved_organisation(organisation)
    membership, created = Membership.objects.get_or_create(
        workspace=workspace, user=user, defaults={"role": role, "organisation": organisation}
    )
    if not created:
        raise ValidationError(f"{user.email} is already a member of {workspace}.")
    workspace.partners.add(organisation)
    for group in groups:
        GroupMembership.objects.get_or_create(group=group, user=user)
    place_in_role_groups(user, workspace, role)
    sync_staff(user)
    record_event(
        workspace,
        MembershipEvent.Kind.JOINED,
        actor=actor,
        subject=user,
        detail=f"as {Role(role).label} of {organisation}",
    )
    record_activity(
        actor=user,
        verb="joined",
        target=user,
        container=workspace,
        url=reverse("workspaces:member_list", args=[workspace]),
    )
    return membership


@transaction.atomic
def member_change_role(*, actor: User, membership: Membership, role: str) -> Membership:
    """Change a member's role (managers; only leads grant or take away the lead role)."""
    workspace = membership.workspace
    needs_lead = Role.LEAD in (role, membership.role)
    require_action(actor, workspace, Action.LEAD if needs_lead else Action.MANAGE)
    if membership.role == role:
        return membership
    _keep_a_lead(membership, new_role=role)
    old = membership.get_role_display()
    membership.role = role
    # Permissions first: saving the membership tells other apps (open reviews are
    # re-evaluated), and they ask the access layer who may do what now.
    place_in_role_groups(membership.user, workspace, role)
    membership.save(update_fields=["role"])
    sync_staff(membership.user)
    record_event(
        workspace,
        MembershipEvent.Kind.ROLE_CHANGED,
        actor=actor,
        subject=membership.user,
        detail=f"{old} → {membership.get_role_display()}",
    )
    return membership


def _keep_a_lead(membership: Membership, new_role: str | None = None) -> None:
    if membership.role != Role.LEAD or new_role == Role.LEAD:
        return
    other_leads = Membership.objects.filter(workspace=membership.workspace, role=Role.LEAD)
    if not other_leads.exclude(pk=membership.pk).exists():
        raise ValidationError("A workspace needs at least one lead.")


@transaction.atomic
def member_remove(*, actor: User, membership: Membership, detail: str = "") -> None:
    """Remove a member: access ends on their next request; their content stays theirs."""
    workspace, user = membership.workspace, membership.user
    require_action(actor, workspace, Action.LEAD if membership.role == Role.LEAD else Action.MANAGE)
    _keep_a_lead(membership)
    place_in_role_groups(user, workspace, None)
    GroupMembership.objects.filter(group__workspace=workspace, user=user).delete()
    Notification.objects.filter(workspace=workspace, recipient=user).delete()
    membership.delete()
    sync_staff(user)
    if not Membership.objects.filter(user=user).exists():
        end_sessions(user)  # out of the last workspace: signed out everywhere at once
    record_event(workspace, MembershipEvent.Kind.REMOVED, actor=actor, subject=user, detail=detail)


@transaction.atomic
def organisation_remove(*, actor: User, workspace: Workspace, organisation: Organisation) -> int:
    """Remove a partner organisation and every member who belongs to it."""
    require_action(actor, workspace, Action.MANAGE)
    memberships = list(
        Membership.objects.filter(workspace=workspace, organisation=organisation).select_related(
            "user", "workspace"
        )
    )
    for membership in memberships:
        member_remove(actor=actor, membership=membership, detail=f"with {organisation}")
    workspace.partners.remove(organisation)
    Invitation.objects.pending().filter(workspace=workspace, organisation=organisation).update(
        revoked_at=timezone.now()
    )
    record_event(
        workspace,
        MembershipEvent.Kind.ORGANISATION_REMOVED,
        actor=actor,
        detail=f"{organisation} ({len(memberships)} members)",
    )
    return len(memberships)


def account_exists(email: str) -> bool:
    return get_user_model().objects.filter(email__iexact=email).exists()
