"""Journey 6: a lead removes a member from their only workspace; the removed member's open
browser is signed out at once (their next click lands on the sign-in page), signing in
again shows no workspace, and the documents they uploaded stay for everyone else."""

from pathlib import Path

import pytest

from tests.e2e.conftest import north_sea_alliance
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)


def _workspace_link(person, name):
    return person.page.get_by_role("navigation", name="Workspace").get_by_role("link", name=name)


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_removed_member_gets_not_found_and_their_documents_stay(people, tmp_path, viewport):
    workspace, lead_user, staying, leaving = north_sea_alliance(lead_name="Lena Lead")

    piet = people("piet", viewport)
    piet.sign_in(leaving.email, PASSWORD)
    piet.goto(workspace.get_absolute_url())
    _workspace_link(piet, "Documents").click()
    piet.page.get_by_role("link", name="Upload files").click()
    report = Path(tmp_path) / "site_survey.txt"
    report.write_text("Survey of the offshore site, March.\n")
    piet.page.locator("input[type=file]").set_input_files(report)
    piet.page.get_by_role("button", name="Upload").click()
    piet.page.get_by_text("Uploaded 1: site survey.").wait_for()
    piet.check("documents before removal")

    lena = people("lena", viewport)
    lena.sign_in(lead_user.email, PASSWORD)
    lena.goto(workspace.get_absolute_url())
    _workspace_link(lena, "Members").click()
    lena.page.get_by_role("heading", name="Members of North Sea Alliance").wait_for()
    lena.check("members")
    lena.page.once("dialog", lambda dialog: dialog.accept())
    lena.page.get_by_role("row", name="Piet de Vries").get_by_role("button", name="Remove").click()
    lena.page.get_by_text("Piet de Vries was removed from North Sea Alliance.").wait_for()
    assert lena.page.get_by_role("row", name="Piet de Vries").count() == 0
    lena.check("member removed")

    # Piet's window still shows the documents; his next click finds himself signed out.
    piet.page.get_by_role("link", name="site survey").click()
    piet.page.get_by_role("heading", name="Sign in").wait_for()
    assert piet.page.get_by_text("Survey of the offshore site").count() == 0
    assert piet.page.get_by_role("navigation", name="Workspace").count() == 0
    piet.check("signed out")
    piet.sign_in(leaving.email, PASSWORD)
    piet.goto("/")
    workspace_links = piet.page.get_by_role("link", name="North Sea Alliance", include_hidden=True)
    assert workspace_links.count() == 0
    piet.check("home after removal")

    anna = people("anna", viewport)
    anna.sign_in(staying.email, PASSWORD)
    anna.goto(workspace.get_absolute_url())
    _workspace_link(anna, "Documents").click()
    row = anna.page.get_by_role("row", name="site survey")
    assert "Piet de Vries" in row.inner_text()
    anna.check("documents after removal")
    row.get_by_role("link", name="site survey").click()
    anna.page.get_by_role("heading", name="Latest: version 1").wait_for()
    assert "Piet de Vries" in anna.page.locator(".latest").inner_text()
    anna.check("document of removed member")
