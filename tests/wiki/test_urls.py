"""Page paths and action URLs can never be confused, whatever a page is called."""

import pytest
from django.urls import NoReverseMatch, resolve, reverse

from tests.wiki.conftest import create_page
from wiki.paths import is_valid_path, normalise_path

ACTION_WORDS = ["history", "edit", "diff", "revision", "revert", "move", "delete", "new", "trash"]


@pytest.mark.parametrize("word", ACTION_WORDS)
def test_a_page_named_like_an_action_resolves_to_the_page(word):
    match = resolve(f"/w/alliance/wiki/{word}/")
    assert match.view_name == "wiki:page_detail"
    assert match.kwargs["page_path"] == word
    nested = resolve(f"/w/alliance/wiki/governance/{word}/")
    assert nested.view_name == "wiki:page_detail"
    assert nested.kwargs["page_path"] == f"governance/{word}"


@pytest.mark.parametrize("word", ACTION_WORDS)
def test_actions_on_a_page_named_like_an_action_resolve_to_the_action(word):
    match = resolve(f"/w/alliance/wiki/-/history/{word}/")
    assert match.view_name == "wiki:page_history"
    assert match.kwargs["page_path"] == word
    revision = resolve(f"/w/alliance/g/wp1/wiki/-/revision/3/{word}/edit/")
    assert revision.view_name == "wiki:page_revision"
    assert revision.kwargs == {
        "container": "alliance/g/wp1",
        "revision": 3,
        "page_path": f"{word}/edit",
    }


def test_no_page_path_can_start_with_the_action_marker():
    assert not is_valid_path("-")
    assert not is_valid_path("-/history")
    assert normalise_path("-") == "page"
    assert normalise_path("- /History/") == "page/history"
    with pytest.raises(NoReverseMatch):
        reverse("wiki:page_detail", args=["alliance", "-/history/x"])


def test_paths_are_normalised_from_what_people_type():
    assert normalise_path("/Governance/Steering Committee/") == "governance/steering-committee"
    assert normalise_path("Über uns") == "uber-uns"


def test_a_page_called_history_is_served_and_its_history_too(world, client_for):
    page = create_page(world.workspace, world.member, "History", "history", "Old times.")
    client = client_for(world.member)
    assert "Old times." in client.get(page.get_absolute_url()).content.decode()
    response = client.get(reverse("wiki:page_history", args=[world.workspace, "history"]))
    assert response.status_code == 200
    assert "History of “History”" in response.content.decode()


def test_group_pages_live_under_the_group_address(world, client_for):
    page = create_page(world.open_group, world.member, "Plan", "plan", "Group plan.")
    assert page.get_absolute_url() == f"/w/{world.open_group.container_path}/wiki/plan/"
    response = client_for(world.member).get(page.get_absolute_url())
    assert "Group plan." in response.content.decode()
