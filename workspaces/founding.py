"""Starting an alliance: who may create a workspace (the platform's setting), creating
one as its lead, and the operator creating one for someone else."""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.text import slugify

from alliance_hub.db import refuse_duplicate
from alliance_hub.hooks import WORKSPACE_CREATED, get_hooks

from .actions.invitations import invitations_send
from .actions.membership import member_add
from .actions.role_groups import create_role_groups
from .models import Workspace
from .roles import Role

SLUG_MAX = 80


def user_may_create_workspace(user):
    """The one rule, decided by ``settings.ALLIANCE_CREATION``: superusers always;
    anyone signed in when it is "anyone"; staff granted ``workspaces.add_workspace``."""
    if not (user.is_authenticated and user.is_active):
        return False
    return (
        user.is_superuser
        or settings.ALLIANCE_CREATION == "anyone"
        or user.has_perm("workspaces.add_workspace")
    )


def unique_slug(name):
    """The workspace's address from its name: "North Sea" -> "north-sea", then
    "north-sea-2"... when taken. Names without latin letters get "alliance"."""
    base = slugify(name)[: SLUG_MAX - 4].strip("-") or "alliance"
    taken = set(Workspace.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    slug, n = base, 1
    while slug in taken:
        n += 1
        slug = f"{base}-{n}"
    return slug


def _new_workspace(*, actor, name, slug, description):
    """The workspace row and its role groups, nobody in it yet."""
    if not user_may_create_workspace(actor):
        raise PermissionDenied("You may not create workspaces.")
    name = name.strip()
    if Workspace.objects.filter(name__iexact=name).exists():
        raise ValidationError({"name": f"A workspace called “{name}” exists: choose another name."})
    slug = slug or unique_slug(name)
    taken = {"slug": "A workspace with this address already exists."}
    if Workspace.objects.filter(slug=slug).exists():
        raise ValidationError(taken)
    with refuse_duplicate(taken):  # the same form submitted twice at once
        workspace = Workspace.objects.create(
            name=name, slug=slug, description=description, created_by=actor
        )
    create_role_groups(workspace)
    return workspace


@transaction.atomic
def workspace_create(*, actor, name, organisation, slug="", description=""):
    """Create a workspace with ``actor`` as its lead, from ``organisation`` (whoever
    ``user_may_create_workspace``). The address is made from the name unless given.
    Raises PermissionDenied, ValidationError (name or address taken). Atomic."""
    workspace = _new_workspace(actor=actor, name=name, slug=slug, description=description)
    member_add(
        actor=actor,
        workspace=workspace,
        user=actor,
        role=Role.LEAD,
        organisation=organisation,
        check=False,
    )
    _created(workspace, actor)
    return workspace


@transaction.atomic
def workspace_create_for(*, actor, name, lead_email, lead_organisation, description="", message=""):
    """The operator (a superuser) creates a workspace for someone else: ``lead_email``
    gets a lead invitation from ``lead_organisation``; the operator is not made a member.
    Raises PermissionDenied (not a superuser), ValidationError. Atomic; the e-mail
    goes out from a job once it commits."""
    if not actor.is_superuser:
        raise PermissionDenied("Only the platform's operator creates workspaces for others.")
    workspace = _new_workspace(actor=actor, name=name, slug="", description=description)
    _created(workspace, actor)
    invitations_send(
        actor=actor,
        workspace=workspace,
        emails=[lead_email],
        role=Role.LEAD,
        organisation=lead_organisation,
        new_partner=True,
        message=message,
    )
    return workspace


def _created(workspace, actor):
    """Let other apps add their starter content (the workspace_created hook), inside
    the creating transaction."""
    for created in get_hooks(WORKSPACE_CREATED):
        created(workspace=workspace, actor=actor)
