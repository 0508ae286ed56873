"""Nobody is offered an action they cannot take: per persona, through the test client."""

import pytest
from django.urls import reverse

from tests.factories import add_member
from wiki import services as wiki_services
from wiki.services import PageContent
from workspaces.roles import Role

READ_ONLY = "You can read everything here; ask a community manager to contribute."
pytestmark = pytest.mark.django_db


def _html(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_observer_sees_the_read_only_line_and_no_post_button(world, client_for):
    url = reverse("workspaces:dashboard", args=[world.workspace])
    observer = _html(client_for(world.observer), url)
    assert READ_ONLY in observer
    assert "Post an update" not in observer
    member = _html(client_for(world.member), url)
    assert READ_ONLY not in member
    assert "Post an update" in member


def test_observer_gets_the_read_only_line_on_the_stream_without_a_post_box(world, client_for):
    url = reverse("microblog:post_list", args=[world.workspace])
    observer = _html(client_for(world.observer), url)
    assert READ_ONLY in observer and 'id="composer"' not in observer
    assert 'id="composer"' in _html(client_for(world.member), url)


def test_links_to_missing_pages_are_plain_text_for_an_observer(world, client_for):
    page = wiki_services.page_create(
        actor=world.lead,
        container=world.workspace,
        content=PageContent("Scope", "See [[Budget plan]]."),
        path="scope",
    )
    url = page.get_absolute_url()
    create = reverse("wiki:page_create", args=[world.workspace])
    observer = _html(client_for(world.observer), url)
    assert create not in observer
    assert '<span class="wiki-missing-text">Budget plan</span>' in observer
    assert f'href="{create}?' in _html(client_for(world.member), url)


def test_compare_with_current_is_offered_on_old_revisions_only(world, client_for):
    page = wiki_services.page_create(
        actor=world.lead,
        container=world.workspace,
        content=PageContent("Scope", "One."),
        path="scope",
    )
    wiki_services.page_save(
        actor=world.lead, page=page, base_revision=1, content=PageContent("Scope", "Two.")
    )
    client = client_for(world.member)

    def revision(number):
        return _html(client, reverse("wiki:page_revision", args=[world.workspace, number, "scope"]))

    assert "Compare with current" in revision(1)
    assert "Compare with current" not in revision(2)


def test_members_page_offers_removal_quietly_and_never_for_yourself(world, client_for):
    url = reverse("workspaces:member_list", args=[world.workspace])
    html = _html(client_for(world.lead), url)
    remove = 'action="{}"'
    lead_row = reverse("workspaces:member_remove", args=[world.workspace, _pk(world, world.lead)])
    member_row = reverse(
        "workspaces:member_remove", args=[world.workspace, _pk(world, world.member)]
    )
    assert remove.format(lead_row) not in html  # the lead herself (and the only lead)
    assert remove.format(member_row) in html
    assert 'class="quiet small" type="submit">Remove' in html
    assert 'class="danger small"' not in html
    assert 'data-confirm="Remove' in html


def test_a_community_manager_is_not_offered_to_remove_or_demote_a_lead(world, client_for):
    second_lead = add_member(world.workspace, Role.LEAD)
    html = _html(
        client_for(world.community_manager),
        reverse("workspaces:member_list", args=[world.workspace]),
    )
    pk = _pk(world, second_lead)
    assert reverse("workspaces:member_remove", args=[world.workspace, pk]) not in html
    assert reverse("workspaces:member_change_role", args=[world.workspace, pk]) not in html
    assert '<option value="lead"' not in html  # may not grant the lead role either
    member_pk = _pk(world, world.member)
    assert reverse("workspaces:member_remove", args=[world.workspace, member_pk]) in html


def test_a_lead_may_remove_another_lead_but_not_herself(world, client_for):
    second_lead = add_member(world.workspace, Role.LEAD)
    html = _html(client_for(world.lead), reverse("workspaces:member_list", args=[world.workspace]))
    assert (
        reverse("workspaces:member_remove", args=[world.workspace, _pk(world, second_lead)]) in html
    )
    assert (
        reverse("workspaces:member_remove", args=[world.workspace, _pk(world, world.lead)])
        not in html
    )


def test_open_group_members_page_offers_no_remove_from_group(world, client_for):
    html = _html(client_for(world.lead), reverse("workspaces:member_list", args=[world.open_group]))
    assert "Remove from group" not in html
    private = _html(
        client_for(world.lead), reverse("workspaces:member_list", args=[world.private_group])
    )
    assert "Remove from group" in private


def test_observer_and_member_see_no_management_on_the_members_page(world, client_for):
    url = reverse("workspaces:member_list", args=[world.workspace])
    for persona in (world.observer, world.member):
        html = _html(client_for(persona), url)
        assert "Remove" not in html and "Change role" not in html and "Invite people" not in html


def _pk(world, user):
    return world.workspace.memberships.get(user=user).pk
