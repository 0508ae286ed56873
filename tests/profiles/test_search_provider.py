"""People in the site search: found by name, job title and skill, where they can be seen."""

import pytest

from profiles import services
from tests.search.helpers import search

pytestmark = pytest.mark.django_db


@pytest.fixture
def skilled(world):
    for user, name in [(world.member, "Mia Member"), (world.non_group_member, "Nils Nongroup")]:
        services.profile_save(
            actor=user,
            user=user,
            changes={
                "display_name": name,
                "job_title": "Policy officer",
                "skills": ["Regulatory affairs"],
            },
        )
    services.profile_save(
        actor=world.outsider,
        user=world.outsider,
        changes={"display_name": "Olga Outside", "skills": ["Regulatory affairs"]},
    )
    return world


def people(client, q, **params):
    return [(title, url) for kind, title, url in search(client, q, kind="person", **params)]


def test_finds_members_of_the_workspace_by_skill(skilled, client_for):
    found = search(client_for(skilled.lead), "regulatory affairs", kind="person")
    assert sorted(found.titles) == ["Mia Member", "Nils Nongroup"]
    mia = found.titles.index("Mia Member")
    assert found[mia][0] == "person" and found[mia][2] == skilled.member.get_absolute_url()


def test_finds_by_name_and_job_title(skilled, client_for):
    client = client_for(skilled.observer)
    assert people(client, "nils") == [
        ("Nils Nongroup", skilled.non_group_member.get_absolute_url())
    ]
    assert len(people(client, "policy officer")) == 2


def test_a_private_group_finds_only_its_members(skilled, client_for):
    found = people(
        client_for(skilled.member), "regulatory", **{"in": skilled.private_group.container_path}
    )
    assert [title for title, _ in found] == ["Mia Member"]


def test_nothing_for_someone_who_may_not_see_them(skilled, client_for):
    assert [t for t, _ in people(client_for(skilled.outsider), "regulatory")] == ["Olga Outside"]
    assert people(client_for(skilled.removed), "mia") == []


def test_a_person_who_leaves_is_not_found_there_any_more(skilled, client_for):
    from workspaces import services as workspace_services

    membership = skilled.workspace.memberships.get(user=skilled.non_group_member)
    workspace_services.member_remove(actor=skilled.lead, membership=membership)
    assert people(client_for(skilled.lead), "nils") == []
