"""Who may do what with wiki pages: edit (protected pages: moderators only), protect,
ask for and give sign-off. Each yes/no check sits beside the queryset of people it
describes where there is one. Services enforce these; views hand templates booleans."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.db.models import QuerySet

from workspaces.access import (
    Container,
    ContainerAccess,
    container_access,
    users_who_may_view,
)
from workspaces.models import Membership
from workspaces.roles import Action, Role

from .models import Page, SignatoryRoles

if TYPE_CHECKING:
    from profiles.models import User
    from workspaces.models import Organisation, Workspace

# Roles a workspace may allow to sign (observers never sign).
SIGNING_ROLE_CHOICES = [
    (r.value, r.label) for r in (Role.LEAD, Role.COMMUNITY_MANAGER, Role.MEMBER)
]
DEFAULT_SIGNATORY_ROLES = [Role.LEAD, Role.COMMUNITY_MANAGER]
REQUEST_ACTION = Action.LEAD
PROTECT_ACTION = Action.LEAD


def edit_action_for(page: Page) -> str:
    """The container action editing ``page`` needs (protected pages: moderators only)."""
    return Action.MODERATE if page.is_protected else Action.CONTRIBUTE


def create_action_for(*, is_protected: bool) -> str:
    """The action creating a page needs: a protected one is created by leads only."""
    return PROTECT_ACTION if is_protected else Action.CONTRIBUTE


def may_edit_page(access: ContainerAccess, page: Page) -> bool:
    """``access``: the viewer's ContainerAccess on the page's container."""
    return access.can(edit_action_for(page))


def may_protect(access: ContainerAccess) -> bool:
    return access.can(PROTECT_ACTION)


def signatory_roles(workspace: Workspace) -> list[str]:
    row = SignatoryRoles.objects.filter(workspace=workspace).first()
    return row.role_list if row else list(DEFAULT_SIGNATORY_ROLES)


def may_request_signoff(access: ContainerAccess) -> bool:
    return access.can(REQUEST_ACTION)


def signing_membership(user: User, container: Container) -> Membership | None:
    """``user``'s membership if they may sign pages of ``container`` for their
    organisation now (their role is a signatory role and they may view it); else None."""
    if not container_access(user, container).can(Action.VIEW):
        return None
    return (
        Membership.objects.filter(
            workspace=container.workspace,
            user=user,
            role__in=signatory_roles(container.workspace),
        )
        .select_related("organisation")
        .first()
    )


def signatories(
    container: Container, organisations: Iterable[Organisation] | QuerySet[Organisation]
) -> QuerySet[User]:
    """The people who may sign pages of ``container`` for ``organisations`` (the queryset
    twin of signing_membership)."""
    return users_who_may_view(container).filter(
        memberships__workspace=container.workspace,
        memberships__organisation__in=organisations,
        memberships__role__in=signatory_roles(container.workspace),
    )
