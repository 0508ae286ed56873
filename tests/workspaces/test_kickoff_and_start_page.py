"""The kick-off checklist ticks itself from real data; the start page welcomes new
members, shows the pins and the member's to-do; leads pin workspace-level items."""

import pytest
from django.urls import reverse

from tests.documents.helpers import make_document
from tests.factories import add_member
from tests.workspaces.content_helpers import edit_page, fill_profile, post
from wiki.models import Page
from workspaces import onboarding
from workspaces.models import Membership, Pin


def _checklist(workspace):
    return {
        item["label"].split(" (")[0]: item["done"]
        for item in onboarding.kickoff_checklist(workspace)
    }


def test_the_kickoff_checklist_ticks_itself_off_from_real_data(world):
    workspace = world.workspace
    before = _checklist(workspace)
    assert before == {
        "Every member invited": True,  # members joined and no invitation is pending
        "Governance structure written": False,
        "Scope of work written": False,
        "Reporting page written": False,
        "First documents uploaded": False,
        "Profiles filled in": False,
    }

    edit_page(workspace, "governance", world.lead, "We decide by consensus.")
    edit_page(workspace, "scope-of-work", world.lead, "We deliver three studies.")
    edit_page(workspace, "reporting", world.lead, "Each partner reports quarterly.")
    make_document(workspace, world.member, "plan.txt")
    for membership in Membership.objects.filter(workspace=workspace).select_related("user"):
        fill_profile(membership.user, workspace)

    assert all(_checklist(workspace).values())


def test_a_document_in_a_group_counts_as_a_first_document_but_a_group_page_does_not(world):
    make_document(world.private_group, world.member, "plan.txt")
    edit_page(world.workspace, "governance", world.lead, "Ours now.")

    checklist = _checklist(world.workspace)
    assert checklist["First documents uploaded"] is True
    assert checklist["Governance structure written"] is True
    assert checklist["Scope of work written"] is False


def test_managers_find_the_checklist_on_the_adoption_page_not_on_the_dashboard(world, client_for):
    adoption = reverse("workspaces:adoption", args=[world.workspace])
    dashboard = world.workspace.get_absolute_url()
    manager = client_for(world.community_manager)

    assert "Kick-off checklist" in manager.get(adoption).content.decode()
    # The dashboard stays as fast as any page: the checklist reads every profile.
    assert "Kick-off checklist" not in manager.get(dashboard).content.decode()
    assert client_for(world.member).get(adoption).status_code == 403


def test_a_new_members_first_visit_goes_to_the_start_page_once(world, client_for):
    newcomer = add_member(world.workspace)
    client = client_for(newcomer)
    dashboard = world.workspace.get_absolute_url()
    start = reverse("workspaces:start_here", args=[world.workspace])

    response = client.get(dashboard)
    assert response.status_code == 302 and response["Location"] == start
    page = client.get(start).content.decode()
    assert "Welcome to" in page and "Complete your profile" in page and "Post a first hello" in page
    assert Membership.objects.get(user=newcomer, workspace=world.workspace).welcomed_at
    assert client.get(dashboard).status_code == 200


def test_the_member_todo_ticks_off_the_first_hello_and_the_profile(world, client_for):
    post(world.workspace, world.member)
    fill_profile(world.member, world.workspace)

    todo = onboarding.member_todo(world.member, world.workspace)

    assert [item["done"] for item in todo] == [True, True]
    assert all(
        item["done"] is False for item in onboarding.member_todo(world.observer, world.workspace)
    )


def _pin(client, workspace, target):
    return client.post(reverse("workspaces:pin_add", args=[workspace]), {"target": target})


def test_a_lead_pins_a_page_and_a_document_and_members_see_them(world, client_for):
    page = Page.objects.get(workspace=world.workspace, group=None, path="governance")
    document = make_document(world.workspace, world.member, "Charter.pdf", b"%PDF-1.4 charter")
    lead = client_for(world.lead)

    assert "Pin to start page" in lead.get(page.get_absolute_url()).content.decode()
    assert "Pin to start page" in lead.get(document.get_absolute_url()).content.decode()
    assert _pin(lead, world.workspace, f"wiki.page:{page.pk}").status_code == 302
    assert _pin(lead, world.workspace, f"documents.document:{document.pk}").status_code == 302

    start = client_for(world.member).get(reverse("workspaces:start_here", args=[world.workspace]))
    html = start.content.decode()
    assert page.get_absolute_url() in html and document.get_absolute_url() in html
    assert "Unpin" not in html


def test_members_cannot_pin_and_do_not_see_the_button(world, client_for):
    page = Page.objects.get(workspace=world.workspace, group=None, path="governance")
    client = client_for(world.community_manager)

    assert "Pin to start page" not in client.get(page.get_absolute_url()).content.decode()
    assert _pin(client, world.workspace, f"wiki.page:{page.pk}").status_code == 403
    assert not Pin.objects.exists()


@pytest.mark.parametrize("where", ["private_group", "other_workspace"])
def test_group_or_foreign_content_cannot_be_pinned(world, client_for, where):
    container = getattr(world, where)
    lead = client_for(world.lead)
    # Someone who may upload there: the private group's member, the other workspace's lead.
    uploader = world.member if where == "private_group" else world.outsider
    document = make_document(container, uploader, "x.txt")

    assert _pin(lead, world.workspace, f"documents.document:{document.pk}").status_code == 404
    assert "Pin to start page" not in lead.get(document.get_absolute_url()).content.decode()
    assert not Pin.objects.exists()


def test_trashed_items_leave_the_start_page_and_cannot_be_pinned(world, client_for):
    from documents import services as documents
    from wiki import services as wiki

    page = Page.objects.get(workspace=world.workspace, group=None, path="governance")
    document = make_document(world.workspace, world.member, "Charter.pdf", b"%PDF-1.4 charter")
    lead = client_for(world.lead)
    _pin(lead, world.workspace, f"wiki.page:{page.pk}")
    _pin(lead, world.workspace, f"documents.document:{document.pk}")

    documents.document_trash(actor=world.lead, document=document)
    wiki.page_delete(actor=world.lead, page=page)

    assert not Pin.objects.exists()
    assert _pin(lead, world.workspace, f"documents.document:{document.pk}").status_code == 404
    assert not Pin.objects.exists()
    start = client_for(world.member).get(reverse("workspaces:start_here", args=[world.workspace]))
    assert document.get_absolute_url() not in start.content.decode()


def test_a_lead_unpins(world, client_for):
    page = Page.objects.get(workspace=world.workspace, group=None, path="governance")
    lead = client_for(world.lead)
    _pin(lead, world.workspace, f"wiki.page:{page.pk}")
    pin = Pin.objects.get()

    response = lead.post(reverse("workspaces:pin_remove", args=[world.workspace, pin.pk]))

    assert response.status_code == 302
    assert not Pin.objects.exists()


@pytest.mark.parametrize("size", [5, 200])
def test_the_checklist_and_the_start_page_run_a_fixed_number_of_queries(
    world, client_for, django_assert_max_num_queries, size
):
    for _ in range(size):
        fill_profile(add_member(world.workspace), world.workspace)
    client = client_for(world.lead)
    adoption = reverse("workspaces:adoption", args=[world.workspace])
    start = reverse("workspaces:start_here", args=[world.workspace])
    client.get(adoption)

    with django_assert_max_num_queries(40):
        assert "Kick-off checklist" in client.get(adoption).content.decode()
    with django_assert_max_num_queries(40):
        assert client.get(start).status_code == 200
