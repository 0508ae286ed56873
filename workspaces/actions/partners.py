"""Partner organisations of a workspace."""

from django.db import transaction

from ..access import require_action
from ..models import Organisation
from ..roles import Action


def saved_organisation(organisation):
    """Forms may hand over a new, unsaved partner organisation."""
    return organisation if organisation.pk else organisation_named(organisation.name)


def organisation_named(name):
    """The organisation called ``name`` (any case), created if there is none yet; two
    requests naming the same new organisation at once get the same one."""
    organisation, _ = Organisation.objects.get_or_create(name__iexact=name, defaults={"name": name})
    return organisation


@transaction.atomic
def partners_add(*, actor, workspace, names):
    """Add partner organisations by name, creating unknown ones (managers)."""
    require_action(actor, workspace, Action.MANAGE)
    organisations = []
    for name in names:
        organisations.append(organisation_named(name))
    workspace.partners.add(*organisations)
    return organisations
