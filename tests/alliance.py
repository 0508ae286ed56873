"""An alliance of three partner organisations for the governance tests (reviews,
sign-off, reporting): Nordic (the lead, Anna), Delft (Marco, Marta), Baltic (Elif, a
community manager, and an observer)."""

from types import SimpleNamespace

from tests.factories import OrganisationFactory, add_member, make_workspace
from workspaces.roles import Role


def build_alliance():
    nordic, delft, baltic = (OrganisationFactory(name=n) for n in ("Nordic", "Delft", "Baltic"))
    workspace, lead = make_workspace("Review Alliance", organisation=nordic)
    people = SimpleNamespace(workspace=workspace, lead=lead, nordic=nordic, delft=delft)
    people.baltic = baltic
    people.anna = add_member(workspace, Role.MEMBER, organisation=nordic)
    people.marco = add_member(workspace, Role.MEMBER, organisation=delft)
    people.marta = add_member(workspace, Role.MEMBER, organisation=delft)
    people.elif_ = add_member(workspace, Role.COMMUNITY_MANAGER, organisation=baltic)
    people.observer = add_member(workspace, Role.OBSERVER, organisation=baltic)
    return people
