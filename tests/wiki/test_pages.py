"""Pages in workspaces and groups: creation, nesting, templates, starter pages,
protection and who may see and do what."""

import pytest
from django.urls import reverse

from tests.factories import make_workspace
from tests.wiki.conftest import create_page
from wiki import services
from wiki.models import Page
from wiki.starters import GOVERNANCE, REPORTING, SCOPE


def _create_url(container):
    return reverse("wiki:page_create", args=[container])


def test_a_new_workspace_starts_with_the_three_template_pages(db):
    workspace, _lead = make_workspace("Fresh Alliance")
    pages = {p.path: p for p in Page.objects.in_container(workspace)}
    assert set(pages) == {"governance", "scope-of-work", "reporting"}
    assert pages["governance"].title == "Governance structure"
    assert pages["governance"].is_protected
    assert not pages["scope-of-work"].is_protected
    assert "<table>" in pages["governance"].body_html
    assert "Reporting period: P1" in pages["reporting"].body_html
    assert 'id="uc-reporting-period-p1"' in pages["reporting"].body_html
    assert pages["reporting"].revision == 1


def test_starter_pages_are_not_announced_but_a_page_a_member_creates_is(world, client_for):
    from workspaces.models import Activity

    created = Activity.objects.filter(workspace=world.workspace, verb="created the page")
    assert not created.exists()  # the three starter pages made with the workspace
    client_for(world.member).post(
        _create_url(world.workspace), {"title": "Minutes", "parent": "", "body": "Notes."}
    )
    assert [(a.actor, a.target_label) for a in created] == [(world.member, "Minutes")]


def test_groups_start_without_pages(world):
    assert not Page.objects.in_container(world.open_group).exists()
    assert not Page.objects.in_container(world.private_group).exists()


def test_a_member_creates_a_nested_page_through_the_form(world, client_for):
    client = client_for(world.member)
    response = client.post(
        _create_url(world.workspace),
        {"title": "Steering Committee", "parent": "governance", "body": "Who sits on it."},
    )
    assert response.status_code == 302
    page = Page.objects.in_container(world.workspace).get(path="governance/steering-committee")
    assert response["Location"] == page.get_absolute_url()
    assert (page.created_by, page.revision, page.body_html) == (
        world.member,
        1,
        "<p>Who sits on it.</p>",
    )
    detail = client.get(page.get_absolute_url()).content.decode()
    assert "Governance structure</a>" in detail, "breadcrumbs show the parent"
    parent = client.get(reverse("wiki:page_detail", args=[world.workspace, "governance"]))
    assert "Steering Committee</a>" in parent.content.decode(), "the parent lists it"


@pytest.mark.parametrize("template", [GOVERNANCE, SCOPE, REPORTING])
def test_a_new_page_can_start_from_any_template(world, client_for, template):
    client = client_for(world.member)
    form = client.get(_create_url(world.workspace) + f"?template={template.key}")
    assert template.body.splitlines()[0] in form.content.decode()
    response = client.post(
        _create_url(world.workspace),
        {"title": "Period 2027", "slug": "period-2027", "template": template.key, "body": ""},
    )
    assert response.status_code == 302
    page = Page.objects.in_container(world.workspace).get(path="period-2027")
    assert page.body == template.body
    assert not page.is_protected, "only leads create protected pages"


def test_a_lead_creating_a_governance_page_gets_it_protected(world, client_for):
    client_for(world.lead).post(
        _create_url(world.workspace),
        {"title": "Board rules", "template": "governance", "body": ""},
    )
    assert Page.objects.in_container(world.workspace).get(path="board-rules").is_protected


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"title": "Scope of work"}, "There is already a page at “scope-of-work”."),
        ({"title": "Orphan", "parent": "no-such-page"}, "Select a valid choice."),
        ({"title": ""}, "This field is required."),
    ],
)
def test_bad_new_pages_are_refused_with_a_message(world, client_for, data, message):
    before = Page.objects.count()
    response = client_for(world.member).post(_create_url(world.workspace), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Page.objects.count() == before


def test_a_page_needs_its_parent_to_exist(world):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="create it first"):
        create_page(world.workspace, world.member, "Deep", "nowhere/deep")


def test_the_same_path_may_exist_in_a_workspace_and_in_its_groups(world):
    create_page(world.open_group, world.member, "Scope", "scope-of-work")
    create_page(world.private_group, world.member, "Scope", "scope-of-work")
    assert Page.objects.filter(path="scope-of-work", workspace=world.workspace).count() == 3


def test_observers_read_but_cannot_write(world, client_for, page):
    client = client_for(world.observer)
    detail = client.get(page.get_absolute_url())
    assert detail.status_code == 200
    assert ">Edit</a>" not in detail.content.decode()
    assert (
        client.get(reverse("wiki:page_edit", args=[world.workspace, page.path])).status_code == 403
    )
    assert client.get(_create_url(world.workspace)).status_code == 403
    member_view = client_for(world.member).get(page.get_absolute_url()).content.decode()
    assert ">Edit</a>" in member_view


# Protected pages ----------------------------------------------------------------------


@pytest.fixture
def governance(world):
    return Page.objects.in_container(world.workspace).get(path="governance")


def test_members_cannot_edit_a_protected_page(world, client_for, governance):
    client = client_for(world.member)
    detail = client.get(governance.get_absolute_url()).content.decode()
    assert "Protected" in detail and ">Edit</a>" not in detail
    response = client.post(
        reverse("wiki:page_edit", args=[world.workspace, governance.path]),
        {"title": "Mine now", "body": "x", "base_revision": 1},
    )
    assert response.status_code == 403
    governance.refresh_from_db()
    assert (governance.title, governance.revision) == ("Governance structure", 1)


@pytest.mark.parametrize("persona", ["lead", "community_manager"])
def test_leads_and_community_managers_edit_protected_pages(world, client_for, governance, persona):
    response = client_for(world.user(persona)).post(
        reverse("wiki:page_edit", args=[world.workspace, governance.path]),
        {"title": "Governance structure", "body": "New rules.", "base_revision": 1},
    )
    assert response.status_code == 302
    governance.refresh_from_db()
    assert governance.body == "New rules."


def test_only_leads_toggle_protection(world, client_for, page):
    url = reverse("wiki:page_protect", args=[world.workspace, page.path])
    assert client_for(world.community_manager).post(url, {"protect": "1"}).status_code == 403
    page.refresh_from_db()
    assert not page.is_protected
    assert client_for(world.lead).post(url, {"protect": "1"}).status_code == 302
    page.refresh_from_db()
    assert page.is_protected
    edit = client_for(world.member).get(
        reverse("wiki:page_edit", args=[world.workspace, page.path])
    )
    assert edit.status_code == 403
    client_for(world.lead).post(url, {"protect": "0"})
    page.refresh_from_db()
    assert not page.is_protected


def test_protecting_a_page_while_a_member_edits_it_stops_their_save(world, page):
    from django.core.exceptions import PermissionDenied

    stale = Page.objects.get(pk=page.pk)
    services.page_set_protected(actor=world.lead, page=page, is_protected=True)
    with pytest.raises(PermissionDenied):
        services.page_save(
            actor=world.member,
            page=stale,
            base_revision=1,
            content=services.PageContent("Meeting notes", "sneaky"),
        )
    page.refresh_from_db()
    assert (page.body, page.revision) == ("# Notes\n\nFirst.", 1)


# Private groups -----------------------------------------------------------------------


def _private_urls(world, page):
    c = world.private_group
    return [
        reverse("wiki:page_list", args=[c]),
        page.get_absolute_url(),
        reverse("wiki:page_history", args=[c, page.path]),
        reverse("wiki:page_revision", args=[c, 1, page.path]),
        reverse("wiki:page_diff", args=[c, page.path]) + "?from=1&to=2",
        reverse("wiki:page_links_here", args=[c, page.path]),
        reverse("wiki:page_recent_changes", args=[c]),
    ]


@pytest.mark.parametrize("persona", ["outsider", "removed", "non_group_member"])
def test_private_group_pages_their_history_diffs_and_revisions_are_404_to_others(
    world, client_for, private_page, persona
):
    services.page_save(
        actor=world.member,
        page=private_page,
        base_revision=1,
        content=services.PageContent("Budget", "Secret numbers: 50 000 EUR."),
    )
    client = client_for(world.user(persona))
    for url in _private_urls(world, private_page):
        response = client.get(url)
        assert response.status_code == 404, url
        assert b"Secret numbers" not in response.content


def test_private_group_members_see_its_pages(world, client_for, private_page):
    services.page_save(
        actor=world.member,
        page=private_page,
        base_revision=1,
        content=services.PageContent("Budget", "Secret numbers: 50 000 EUR."),
    )
    client = client_for(world.observer)
    for url in _private_urls(world, private_page):
        assert client.get(url).status_code == 200, url


def test_a_page_of_one_container_is_not_found_through_another(world, client_for, private_page):
    response = client_for(world.member).get(
        reverse("wiki:page_detail", args=[world.workspace, private_page.path])
    )
    assert response.status_code == 404


def test_the_container_navigation_links_to_the_wiki(world, client_for):
    wiki_url = reverse("wiki:page_list", args=[world.workspace])
    html = client_for(world.member).get(wiki_url).content.decode()
    assert f'<li><a href="{wiki_url}">Wiki</a></li>' in html
    assert ">New page</a>" in html
