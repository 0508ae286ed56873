"""The directory's filter options are one SQL query; they must be the organisations and
tags the ORM rule finds among the container's members, in the same order."""

import pytest

from profiles.models import Tag
from profiles.selectors import directory_filter_options
from tests.factories import OrganisationFactory, add_member
from tests.profiles.test_directory import fill
from workspaces.models import Organisation
from workspaces.roles import Role
from workspaces.selectors import member_list_for

pytestmark = pytest.mark.django_db


def orm_options(container):
    """The rule as it was written with the ORM (two queries)."""
    members = member_list_for(container=container)
    organisations = Organisation.objects.filter(pk__in=members.values("organisation_id"))
    tags = list(
        Tag.objects.filter(profiles__pk__in=members.values("user_id")).distinct().order_by("name")
    )
    return {
        "organisations": [(o.pk, o.name, "") for o in organisations.order_by("name")],
        "skills": [(t.pk, t.name, t.slug) for t in tags if t.kind == Tag.Kind.SKILL],
        "interests": [(t.pk, t.name, t.slug) for t in tags if t.kind == Tag.Kind.INTEREST],
    }


@pytest.fixture
def tagged(world):
    ws = world.workspace
    fill(world.member, "Mia", ["Regulatory affairs", "GIS"], ["Sailing"])
    fill(world.observer, "Otto", ["GIS"], ["Jazz", "Apnoea"])
    fill(world.lead, "Lena", ["Offshore wind"], ["Jazz"])
    fill(world.outsider, "Oscar", ["Outsider skill"], ["Outsider hobby"])
    fill(world.removed, "Rem", ["Removed skill"])
    add_member(ws, Role.MEMBER, organisation=OrganisationFactory(name="Aardvark Ltd"))
    return world


@pytest.mark.parametrize(
    "container", ["workspace", "open_group", "private_group", "other_workspace"]
)
def test_filter_options_are_those_of_the_orm_rule(container, tagged):
    chosen = getattr(tagged, container)
    options = directory_filter_options(container=chosen)
    found = {key: [(o.pk, o.name, o.slug) for o in rows] for key, rows in options.items()}
    assert found == orm_options(chosen)
    assert found["organisations"]
