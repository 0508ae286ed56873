"""Journey: the first hour. A fresh lead, allowed to start alliances, goes from signing
in to a workspace with three partner organisations, invitations to all three and the
three starter pages in under 40 page loads; then an invitee accepts the e-mailed link
and lands in the workspace."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from tests.factories import PASSWORD, UserFactory
from workspaces.models import Invitation, Workspace

pytestmark = pytest.mark.django_db(transaction=True)

PAGE_LOAD_BUDGET = 40
PEOPLE = """Jonas Lund <jonas@nordicwind.example>, Nordic Wind
Marco Rossi <marco@tudelft.example>, TU Delft, community manager
Hanna Ek <hanna@balticgrid.example>, Baltic Grid, observer"""


def _count_page_loads(page):
    loads = []
    page.on(
        "framenavigated",
        lambda frame: loads.append(frame.url) if frame == page.main_frame else None,
    )
    return loads


def _link_for(email):
    message = next(m for m in mail.outbox if email in m.to)
    return re.search(r"https?://\S+/invite/\S+/", message.body).group(0)


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_a_lead_starts_an_alliance_alone_and_a_partner_joins(
    people, live_server, settings, viewport
):
    settings.SITE_URL = live_server.url
    settings.ALLIANCE_CREATION = "anyone"
    founder = UserFactory(email="anna@nordicwind.example", display_name="Anna Berg")

    anna = people("anna", viewport)
    page = anna.page
    loads = _count_page_loads(page)
    anna.sign_in(founder.email, PASSWORD)
    page.get_by_role("link", name="New workspace").click()
    anna.check("name")
    page.get_by_label("Name of the alliance").fill("North Sea Energy Alliance")
    page.get_by_label("…or a new organisation").fill("Nordic Wind")
    page.get_by_role("button", name="Create workspace").click()

    page.get_by_role("heading", name="Partner organisations").wait_for()
    anna.check("kick-off partners")
    page.get_by_role("textbox", name="Partner organisations").fill("TU Delft\nBaltic Grid")
    page.get_by_role("button", name="Add partners").click()
    page.get_by_text("Partners: TU Delft, Baltic Grid.").wait_for()
    page.get_by_role("link", name="Next: invitations").click()

    anna.check("kick-off invitations")
    page.get_by_label("People to invite").fill(PEOPLE)
    page.get_by_label("Personal message (optional)").fill(
        "Welcome aboard: the kick-off is on Monday."
    )
    page.get_by_role("button", name="Preview").click()
    page.get_by_role("heading", name="Preview").wait_for()
    anna.check("invitation preview")
    page.get_by_role("button", name="Send 3 invitations").click()

    page.get_by_role("heading", name="Starter pages").wait_for()
    anna.check("kick-off starter pages")
    page.get_by_role("link", name="Next: done").click()
    anna.check("kick-off done")
    page.get_by_role("button", name="Finish the kick-off").click()
    page.get_by_text("The kick-off of North Sea Energy Alliance is complete.").wait_for()
    anna.check("dashboard")
    assert len(loads) < PAGE_LOAD_BUDGET, f"{len(loads)} page loads: {loads}"

    workspace = Workspace.objects.get(name="North Sea Energy Alliance")
    assert sorted(workspace.partners.values_list("name", flat=True)) == [
        "Baltic Grid",
        "Nordic Wind",
        "TU Delft",
    ]
    assert sorted(Invitation.objects.values_list("organisation__name", flat=True)) == [
        "Baltic Grid",
        "Nordic Wind",
        "TU Delft",
    ]
    for path in ("governance", "scope-of-work", "reporting"):
        assert page.goto(live_server.url + reverse("wiki:page_detail", args=[workspace, path])).ok

    marco = people("marco", viewport)
    marco.page.goto(_link_for("marco@tudelft.example"))
    marco.page.get_by_text("Welcome aboard: the kick-off is on Monday.").wait_for()
    marco.check("accept invitation")
    assert marco.page.get_by_label("Your name").input_value() == "Marco Rossi"
    marco.page.get_by_label("Password", exact=True).fill("offshore-Turbine-2026")
    marco.page.get_by_label("Password again").fill("offshore-Turbine-2026")
    marco.page.get_by_role("button", name="Accept and join").click()
    marco.page.get_by_role("heading", name="Welcome to North Sea Energy Alliance").wait_for()
    marco.check("landed in workspace")
