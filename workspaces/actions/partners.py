"""Partner organisations of a workspace."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.db import transaction

from ..access import require_action
from ..models import Organisation, Workspace
from ..roles import Action

if TYPE_CHECKING:
    from alliance_hub.types import User


def saved_organisation(organisation: Organisation) -> Organisation:
    """Forms may hand over a new, unsaved partner organisation."""
    return organisation if organisation.pk else organisation_named(organisation.name)


def organisation_named(name: str) -> Organisation:
    """The organisation called ``name`` (any case), created if there is none yet; two
    requests naming the same new organisation at once get the same one."""
    organisation, _ = Organisation.objects.get_or_create(name__iexact=name, defaults={"name": name})
    return organisation


@transaction.atomic
def partners_add(*, actor: User, workspace: Workspace, names: Iterable[str]) -> list[Organisation]:
    """Add partner organisations by name, creating unknown ones (managers)."""
    require_action(actor, workspace, Action.MANAGE)
    organisations = []
    for name in names:
        organisations.append(organisation_named(name))
    workspace.partners.add(*organisations)
    return organisations
