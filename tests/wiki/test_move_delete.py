"""Move/rename with redirects, delete to the trash and restore, what links here,
recent changes."""

import pytest
from django.urls import reverse

from tests.wiki.conftest import create_page, edit_page
from wiki import services
from wiki.models import Page


@pytest.fixture
def tree(world):
    """governance/committee/minutes below the starter page, and a page linking to them."""
    committee = create_page(world.workspace, world.lead, "Committee", "governance/committee", "C")
    minutes = create_page(
        world.workspace, world.lead, "Minutes", "governance/committee/minutes", "M"
    )
    linking = create_page(
        world.workspace,
        world.member,
        "Index",
        "index",
        "See [[governance/committee]] and [[governance/committee/minutes|minutes]].",
    )
    return committee, minutes, linking


def _move(client, world, path, new_path):
    return client.post(
        reverse("wiki:page_move", args=[world.workspace, path]), {"new_path": new_path}
    )


def test_moving_a_page_moves_its_sub_pages_and_leaves_redirects(world, client_for, tree):
    committee, minutes, _linking = tree
    client = client_for(world.lead)
    response = _move(client, world, "governance/committee", "Steering Committee")
    assert response.status_code == 302
    committee.refresh_from_db()
    minutes.refresh_from_db()
    assert committee.path == "steering-committee"
    assert minutes.path == "steering-committee/minutes"
    assert committee.revision == 2 and committee.change_summary.startswith("Moved from")

    old = client.get(reverse("wiki:page_detail", args=[world.workspace, "governance/committee"]))
    assert old.status_code == 301 and old["Location"] == committee.get_absolute_url()
    old_child = client.get(
        reverse("wiki:page_detail", args=[world.workspace, "governance/committee/minutes"])
    )
    assert old_child["Location"] == minutes.get_absolute_url()


def test_links_to_a_moved_page_still_work_and_what_links_here_finds_them(world, client_for, tree):
    committee, _minutes, linking = tree
    _move(client_for(world.lead), world, "governance/committee", "steering-committee")
    linking.refresh_from_db()
    assert "wiki-missing" not in linking.body_html
    html = (
        client_for(world.member)
        .get(reverse("wiki:page_links_here", args=[world.workspace, "steering-committee"]))
        .content.decode()
    )
    assert f'href="{linking.get_absolute_url()}">Index</a>' in html


@pytest.mark.parametrize(
    ("new_path", "message"),
    [
        ("scope-of-work", "There is already a page at “scope-of-work”."),
        ("governance/committee/minutes/inside", "cannot move inside itself"),
        ("nowhere/committee", "The parent page “nowhere” does not exist"),
        ("///", "Use lower-case words"),
    ],
)
def test_bad_moves_are_refused_with_a_message(world, client_for, tree, new_path, message):
    response = _move(client_for(world.lead), world, "governance/committee", new_path)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Page.objects.alive().filter(path="governance/committee").exists()


def test_a_page_can_move_back_to_its_old_address(world, client_for, tree):
    committee, _minutes, _ = tree
    client = client_for(world.lead)
    _move(client, world, "governance/committee", "committee")
    _move(client, world, "committee", "governance/committee")
    committee.refresh_from_db()
    assert committee.path == "governance/committee"
    response = client.get(committee.get_absolute_url())
    assert response.status_code == 200
    assert (
        client.get(reverse("wiki:page_detail", args=[world.workspace, "committee"]))["Location"]
        == committee.get_absolute_url()
    )


def test_deleted_pages_go_to_the_trash_and_leads_restore_them(world, client_for, page):
    member = client_for(world.member)
    response = member.post(reverse("wiki:page_delete", args=[world.workspace, page.path]))
    assert response.status_code == 302
    assert member.get(page.get_absolute_url()).status_code == 404
    page_list = member.get(reverse("wiki:page_list", args=[world.workspace])).content.decode()
    assert ">Meeting notes</a>" not in page_list

    lead = client_for(world.lead)
    trash = lead.get(reverse("wiki:page_trash", args=[world.workspace])).content.decode()
    assert "Meeting notes" in trash
    restore_url = reverse("wiki:page_restore", args=[world.workspace, page.pk])
    assert client_for(world.community_manager).post(restore_url).status_code == 403
    lead = client_for(world.lead)
    assert lead.post(restore_url).status_code == 302
    page.refresh_from_db()
    assert page.deleted_at is None
    assert lead.get(page.get_absolute_url()).status_code == 200
    assert Page.history.filter(id=page.pk).count() == 1, "the history survived"


def test_a_page_cannot_be_restored_over_a_newer_page_at_its_address(world, client_for, page):
    services.page_delete(actor=world.member, page=page)
    create_page(world.workspace, world.member, "New notes", "meeting-notes", "new")
    response = client_for(world.lead).post(
        reverse("wiki:page_restore", args=[world.workspace, page.pk]), follow=True
    )
    assert "There is already a page at “meeting-notes”." in response.content.decode()
    page.refresh_from_db()
    assert page.deleted_at is not None


def test_a_page_with_sub_pages_cannot_be_deleted(world, client_for, tree):
    committee, _minutes, _ = tree
    response = client_for(world.lead).post(
        reverse("wiki:page_delete", args=[world.workspace, committee.path]), follow=True
    )
    assert "This page has sub-pages" in response.content.decode()
    committee.refresh_from_db()
    assert committee.deleted_at is None


def test_deleting_a_page_turns_links_to_it_into_create_links(world, tree):
    _committee, minutes, linking = tree
    services.page_delete(actor=world.lead, page=minutes)
    linking.refresh_from_db()
    assert "wiki-missing" in linking.body_html


def test_a_deleted_page_frees_its_address(world, page):
    services.page_delete(actor=world.member, page=page)
    again = create_page(world.workspace, world.member, "Meeting notes", "meeting-notes", "x")
    assert again.pk != page.pk


def test_recent_changes_lists_the_latest_revisions_of_live_pages(world, client_for, page):
    edit_page(page, world.lead, "Second.", summary="Tidy up")
    gone = create_page(world.workspace, world.member, "Gone", "gone", "x")
    services.page_delete(actor=world.member, page=gone)
    create_page(world.open_group, world.member, "Group page", "group-page", "x")
    html = (
        client_for(world.observer)
        .get(reverse("wiki:page_recent_changes", args=[world.workspace]))
        .content.decode()
    )
    assert "Tidy up" in html and "Meeting notes" in html
    assert ">Gone</a>" not in html, "deleted pages leave recent changes"
    assert "Group page" not in html, "a group's changes are listed in the group"
    assert html.index("Tidy up") < html.index("Governance structure")


def test_recent_changes_link_to_moved_pages_at_their_new_address(world, client_for, tree):
    committee, _minutes, _ = tree
    services.page_move(actor=world.lead, page=committee, new_path="committee")
    html = (
        client_for(world.member)
        .get(reverse("wiki:page_recent_changes", args=[world.workspace]))
        .content.decode()
    )
    assert reverse("wiki:page_revision", args=[world.workspace, 1, "committee"]) in html
    assert "/-/revision/1/governance/committee/" not in html
