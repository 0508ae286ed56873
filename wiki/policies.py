"""Who may ask for and give sign-off of wiki pages: each yes/no check beside the
queryset of people it describes (both from the workspace's signatory roles)."""

from workspaces.access import container_access, users_who_may_view
from workspaces.models import Membership
from workspaces.roles import Action, Role

from .models import SignatoryRoles

# Roles a workspace may allow to sign (observers never sign).
SIGNING_ROLE_CHOICES = [
    (r.value, r.label) for r in (Role.LEAD, Role.COMMUNITY_MANAGER, Role.MEMBER)
]
DEFAULT_SIGNATORY_ROLES = [Role.LEAD, Role.COMMUNITY_MANAGER]
REQUEST_ACTION = Action.LEAD


def signatory_roles(workspace):
    row = SignatoryRoles.objects.filter(workspace=workspace).first()
    return row.role_list if row else list(DEFAULT_SIGNATORY_ROLES)


def may_request_signoff(access):
    return access.can(REQUEST_ACTION)


def signing_membership(user, container):
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


def signatories(container, organisations):
    """The people who may sign pages of ``container`` for ``organisations`` (the queryset
    twin of signing_membership)."""
    return users_who_may_view(container).filter(
        memberships__workspace=container.workspace,
        memberships__organisation__in=organisations,
        memberships__role__in=signatory_roles(container.workspace),
    )
