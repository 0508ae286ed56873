"""Journey 4: two people edit the same wiki page at once; the second to save is shown
the conflict and loses nothing."""

import pytest

from tests.e2e.conftest import north_sea_alliance
from tests.factories import PASSWORD
from wiki.services import PageContent, page_create

pytestmark = pytest.mark.django_db(transaction=True)

START = "## Agenda\n\n- Welcome\n- Budget\n"


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_second_editor_sees_the_conflict_and_keeps_their_text(people, viewport):
    workspace, _lead, first, second = north_sea_alliance()
    page_create(
        actor=first,
        container=workspace,
        content=PageContent(title="Kick-off meeting", body=START),
        path="kick-off-meeting",
    )

    anna, piet = people("anna", viewport), people("piet", viewport)
    for person, user in ((anna, first), (piet, second)):
        person.sign_in(user.email, PASSWORD)
        person.goto(workspace.get_absolute_url())
        nav = person.page.get_by_role("navigation", name="Workspace")
        nav.get_by_role("link", name="Wiki").click()
        person.page.get_by_role("link", name="Kick-off meeting").first.click()
        person.page.get_by_role("link", name="Edit", exact=True).click()
        person.page.get_by_role("heading", name="Edit “Kick-off meeting”").wait_for()
    anna.check("wiki edit form")

    anna.page.get_by_label("Text (Markdown)").fill(START + "- Site visit\n")
    anna.page.get_by_label("Summary of your change").fill("Added the site visit")
    anna.page.get_by_role("button", name="Save", exact=True).click()
    anna.page.get_by_text("Your changes were saved.").wait_for()
    assert anna.page.get_by_role("listitem").filter(has_text="Site visit").is_visible()
    anna.check("wiki page saved")

    piets_text = START + "- Data sharing agreement\n"
    piet.page.get_by_label("Text (Markdown)").fill(piets_text)
    piet.page.get_by_label("Summary of your change").fill("Added data sharing")
    piet.page.get_by_role("button", name="Save", exact=True).click()
    piet.page.get_by_role("heading", name="Someone else saved this page meanwhile").wait_for()
    conflict = piet.page.get_by_role("alert").filter(has_text="Your changes were not saved yet")
    assert "last saved by Anna Berg" in conflict.inner_text()
    assert "Site visit" in conflict.inner_text()
    assert piet.page.get_by_label("Text (Markdown)").input_value() == piets_text
    assert piet.page.get_by_label("Summary of your change").input_value() == "Added data sharing"
    piet.check("wiki conflict")

    piet.page.get_by_label("Text (Markdown)").fill(piets_text + "- Site visit\n")
    piet.page.get_by_role("button", name="Save", exact=True).click()
    piet.page.get_by_text("Your changes were saved.").wait_for()
    for item in ("Data sharing agreement", "Site visit"):
        assert piet.page.get_by_role("listitem").filter(has_text=item).is_visible()
    piet.check("wiki page merged")
