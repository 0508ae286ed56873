"""The people search provider that the workspace search asks."""

import pytest

from alliance_hub.hooks import SEARCH_PROVIDERS
from profiles import services
from profiles.search import people_search


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
        changes={"skills": ["Regulatory affairs"]},
    )
    return world


def test_people_search_is_registered():
    assert people_search in SEARCH_PROVIDERS


def test_finds_members_of_the_workspace_by_skill(skilled):
    results = people_search(skilled.lead, skilled.workspace, "regulatory affairs")
    assert {r["label"] for r in results} == {"Mia Member", "Nils Nongroup"}
    mia = next(r for r in results if r["label"] == "Mia Member")
    assert mia["kind"] == "Person"
    assert mia["url"] == skilled.member.get_absolute_url()
    assert "Policy officer" in mia["snippet"] and "Regulatory affairs" in mia["snippet"]


def test_finds_by_name(skilled):
    results = people_search(skilled.observer, skilled.workspace, "nils")
    assert [r["label"] for r in results] == ["Nils Nongroup"]


def test_a_private_group_finds_only_its_members(skilled):
    results = people_search(skilled.member, skilled.private_group, "regulatory")
    assert [r["label"] for r in results] == ["Mia Member"]


def test_nothing_for_someone_who_may_not_view_the_container(skilled):
    assert people_search(skilled.outsider, skilled.workspace, "regulatory") == []
    assert people_search(skilled.non_group_member, skilled.private_group, "mia") == []
    assert people_search(skilled.removed, skilled.workspace, "mia") == []


def test_an_empty_query_finds_nothing(skilled):
    assert people_search(skilled.lead, skilled.workspace, "   ") == []
