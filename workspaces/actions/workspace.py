"""Settings of a workspace."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction

from ..access import require_action
from ..roles import Action

if TYPE_CHECKING:
    from alliance_hub.types import User

    from ..models import Workspace


@transaction.atomic
def workspace_describe(*, actor: User, workspace: Workspace, description: str) -> None:
    """Change the description (leads)."""
    require_action(actor, workspace, Action.LEAD)
    workspace.description = description
    workspace.save(update_fields=["description"])


@transaction.atomic
def workspace_two_factor_set(*, actor: User, workspace: Workspace, required: bool) -> None:
    """A lead turns "members must use two-factor" on or off. From everyone's next
    request, members without two-factor get the set-up page (workspaces.two_factor).
    Raises PermissionDenied for anyone but a lead of ``workspace``."""
    require_action(actor, workspace, Action.LEAD)
    workspace.require_two_factor = required
    workspace.save(update_fields=["require_two_factor"])
