"""Settings of a workspace and the signal sent when one is created."""

from django.db import transaction
from django.dispatch import Signal

from ..access import require_action
from ..roles import Action

# Sent inside the creating transaction; other apps (the wiki) add starter content.
workspace_created = Signal()  # kwargs: workspace, actor


@transaction.atomic
def workspace_describe(*, actor, workspace, description):
    """Change the description (leads)."""
    require_action(actor, workspace, Action.LEAD)
    workspace.description = description
    workspace.save(update_fields=["description"])


@transaction.atomic
def workspace_two_factor_set(*, actor, workspace, required):
    """A lead turns "members must use two-factor" on or off. From everyone's next
    request, members without two-factor get the set-up page (workspaces.two_factor).
    Raises PermissionDenied for anyone but a lead of ``workspace``."""
    require_action(actor, workspace, Action.LEAD)
    workspace.require_two_factor = required
    workspace.save(update_fields=["require_two_factor"])
