"""Journey 1: a community manager invites two people from two partner organisations;
one accepts the e-mailed link, the other's link is revoked."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from tests.factories import PASSWORD, OrganisationFactory, add_member, make_workspace
from workspaces.roles import Role

pytestmark = pytest.mark.django_db(transaction=True)


def _link_for(email):
    message = next(m for m in mail.outbox if email in m.to)
    return re.search(r"https?://\S+/invite/\S+/", message.body).group(0)


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_community_manager_invites_and_one_person_joins(people, live_server, settings, viewport):
    settings.SITE_URL = live_server.url
    workspace, _lead = make_workspace("Solar Alliance")
    cm = add_member(workspace, Role.COMMUNITY_MANAGER)
    OrganisationFactory(name="Sun Institute")
    workspace.partners.add(OrganisationFactory(name="Photon GmbH"))

    manager = people("cm", viewport)
    manager.sign_in(cm.email, PASSWORD)
    page = manager.page
    # In one workspace, signing in lands in it, and the manager's first visit opens its
    # start page; from there, the dashboard.
    assert page.url.endswith(reverse("workspaces:start_here", args=[workspace]))
    page.get_by_role("link", name="Go to the dashboard").click()
    manager.check("dashboard")
    page.get_by_role("link", name="Invite people").first.click()
    manager.check("invite form")
    page.get_by_label("E-mail addresses").fill("ada@photon.example")
    page.get_by_label("Organisation", exact=True).select_option(label="Photon GmbH")
    page.get_by_role("button", name="Send invitations").click()
    page.get_by_text("Invitation sent to ada@photon.example").wait_for()
    page.get_by_role("link", name="Invite people").click()
    page.get_by_label("E-mail addresses").fill("bob@sun.example")
    page.get_by_label("…or a new partner organisation").fill("Sun Institute")
    page.get_by_role("button", name="Send invitations").click()
    page.get_by_text("Invitation sent to bob@sun.example").wait_for()
    manager.check("invitation list")

    # Bob's invitation is revoked before he opens it.
    page.get_by_role("row", name=re.compile("bob@sun.example")).get_by_role(
        "button", name="Revoke"
    ).click()
    page.get_by_text("The invitation of bob@sun.example was revoked.").wait_for()

    ada = people("ada", viewport)
    ada.page.goto(_link_for("ada@photon.example"))
    ada.check("accept invitation")
    ada.page.get_by_label("Your name").fill("Ada Lovelace")
    ada.page.get_by_label("Password", exact=True).fill("analytical-Engine-1843")
    ada.page.get_by_label("Password again").fill("analytical-Engine-1843")
    ada.page.get_by_role("button", name="Accept and join").click()
    # A new member lands on the workspace's start page.
    ada.page.get_by_role("heading", name="Welcome to Solar Alliance").wait_for()
    assert ada.page.url.endswith(reverse("workspaces:start_here", args=[workspace]))
    assert ada.page.get_by_role("heading", name="The team").is_visible()
    ada.check("landed in workspace")
    ada.page.get_by_role("link", name="Go to the dashboard").click()
    assert ada.page.get_by_role("heading", name="What happened").is_visible()

    bob = people("bob", viewport)
    bob.page.goto(_link_for("bob@sun.example"))
    assert bob.page.get_by_role("heading", name="This invitation cannot be used").is_visible()
    assert bob.page.get_by_text("withdrawn").is_visible()
    bob.check("revoked link")
