"""Journey 7: someone in a private group and someone outside it see different streams,
document lists and search results in the same workspace."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from documents.services import documents_upload
from microblog.services import post_create
from tests.factories import PASSWORD, UserFactory, add_member, make_group, make_workspace
from workspaces.models import Membership

pytestmark = pytest.mark.django_db(transaction=True)


def _alliance():
    workspace, lead = make_workspace("North Sea Alliance")
    lead.display_name = "Lena Janssen"
    lead.save()
    insider = add_member(workspace, user=UserFactory(display_name="Anna Berg"))
    outsider = add_member(workspace, user=UserFactory(display_name="Piet de Vries"))
    steering = make_group(workspace, "Steering", is_private=True, members=[insider])
    Membership.objects.update(welcomed_at=timezone.now())
    for container, author, name, text in (
        (workspace, lead, "turbine_maintenance_plan.txt", "Turbine maintenance visit on Friday."),
        (steering, insider, "turbine_tender_shortlist.txt", "Turbine tender: three bids left."),
    ):
        upload = SimpleUploadedFile(name, text.encode())
        documents_upload(actor=author, container=container, uploads=[upload])
        post_create(actor=author, container=container, text=text)
    return workspace, steering, insider, outsider


def _open(person, container, name):
    person.goto(container.get_absolute_url())
    nav = person.page.get_by_role("navigation", name="Workspace")
    nav.get_by_role("link", name=name, exact=True).click()
    person.page.wait_for_load_state()


def _search(person, workspace, query):
    person.goto(reverse("search:container_search", args=[workspace]) + f"?q={query}")
    return person.page.locator("#search-results li")


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_private_group_content_is_seen_only_by_its_members(people, viewport):
    workspace, steering, insider, outsider = _alliance()

    anna = people("anna", viewport)
    anna.sign_in(insider.email, PASSWORD)
    anna.goto(workspace.get_absolute_url())
    groups = anna.page.get_by_role("region", name="Groups")
    assert groups.get_by_role("link", name="Steering").is_visible()
    what_happened = anna.page.get_by_role("region", name="What happened")
    assert what_happened.get_by_role("link", name="turbine tender shortlist").is_visible()
    anna.check("dashboard in group")
    groups.get_by_role("link", name="Steering").click()
    anna.page.get_by_role("heading", name="Steering Private group").wait_for()
    anna.check("private group dashboard")
    _open(anna, steering, "Stream")
    assert anna.page.get_by_text("Turbine tender: three bids left.").is_visible()
    anna.check("private group stream")
    _open(anna, steering, "Documents")
    assert anna.page.get_by_role("link", name="turbine tender shortlist").is_visible()
    anna.check("private group documents")
    results = _search(anna, workspace, "turbine")
    anna.page.locator(".result-count", has_text="4 results for “turbine”").wait_for()
    assert results.filter(has_text="tender").count() == 2
    anna.check("search in group")

    piet = people("piet", viewport)
    piet.sign_in(outsider.email, PASSWORD)
    piet.goto(workspace.get_absolute_url())
    groups = piet.page.get_by_role("region", name="Groups")
    assert groups.get_by_role("link", name="Steering").count() == 0
    what_happened = piet.page.get_by_role("region", name="What happened")
    assert what_happened.get_by_role("link", name="turbine maintenance plan").is_visible()
    assert piet.page.get_by_text("tender").count() == 0
    piet.check("dashboard outside group")
    _open(piet, workspace, "Stream")
    assert piet.page.get_by_text("Turbine maintenance visit on Friday.").is_visible()
    assert piet.page.get_by_text("Turbine tender").count() == 0
    piet.check("workspace stream outside group")
    _open(piet, workspace, "Documents")
    assert piet.page.get_by_role("link", name="turbine maintenance plan").is_visible()
    assert piet.page.get_by_text("tender").count() == 0
    piet.check("workspace documents outside group")
    for path in (
        reverse("microblog:post_list", args=[steering]),
        reverse("documents:folder_list", args=[steering]),
    ):
        piet.goto(path)
        assert piet.page.get_by_role("heading", name="Not found").is_visible()
        assert piet.page.get_by_text("tender").count() == 0
    piet.check("private group not found")
    results = _search(piet, workspace, "turbine")
    piet.page.locator(".result-count", has_text="2 results for “turbine”").wait_for()
    assert results.filter(has_text="maintenance").count() == 2
    assert piet.page.get_by_text("tender").count() == 0
    piet.check("search outside group")
