"""The first hour (issue 15, part A): who may start an alliance, the operator creating
one for a lead, the guided kick-off, copyable invitation links, a personal message,
pasted invitation lists, and landing in one's only workspace after signing in."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from tests.factories import (
    PASSWORD,
    OrganisationFactory,
    UserFactory,
    add_member,
    make_workspace,
    superuser,
)
from workspaces.models import Invitation, Membership, MembershipEvent, Workspace
from workspaces.roles import Role

pytestmark = pytest.mark.django_db

CREATE = reverse("workspaces:workspace_create")
HOME = reverse("workspaces:home")


def _link_in_mail(email):
    message = [m for m in mail.outbox if email in m.to][-1]
    return message, re.search(r"https?://\S+/invite/(\S+)/", message.body).group(0)


def _path(link):
    return "/" + link.split("/", 3)[3]


@pytest.fixture
def mails(django_capture_on_commit_callbacks):
    """Wrap a request whose e-mails a job sends once its transaction commits."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


# Starting an alliance ----------------------------------------------------------------


def test_by_default_only_superusers_may_create_and_nobody_else_sees_the_link(client):
    client.force_login(UserFactory())
    assert 'href="/w/new/"' not in client.get(HOME).content.decode()
    refused = client.get(CREATE)
    assert refused.status_code == 403
    assert client.post(CREATE, {"name": "Mine", "new_organisation": "X"}).status_code == 403
    assert not Workspace.objects.exists()


def test_with_anyone_allowed_a_person_creates_an_alliance_and_leads_it(client, settings):
    settings.ALLIANCE_CREATION = "anyone"
    person = UserFactory()
    client.force_login(person)
    assert 'href="/w/new/"' in client.get(HOME).content.decode()
    response = client.post(CREATE, {"name": "North Sea Wind", "new_organisation": "Nordic Wind"})
    workspace = Workspace.objects.get()
    assert workspace.slug == "north-sea-wind"
    assert response.url == reverse("workspaces:kickoff", args=[workspace]) + "?step=partners"
    membership = Membership.objects.get(workspace=workspace)
    assert (membership.user, membership.role) == (person, Role.LEAD)
    assert membership.organisation.name == "Nordic Wind"
    # Its starter pages come from the wiki templates.
    for path in ("governance", "scope-of-work", "reporting"):
        assert client.get(reverse("wiki:page_detail", args=[workspace, path])).status_code == 200


def test_duplicate_names_are_refused_and_addresses_stay_unique(client, settings):
    settings.ALLIANCE_CREATION = "anyone"
    client.force_login(UserFactory())
    client.post(CREATE, {"name": "Rhine Water", "new_organisation": "Delta"})
    again = client.post(CREATE, {"name": "  rhine WATER ", "new_organisation": "Delta"})
    assert again.status_code == 400
    assert "A workspace called “rhine WATER” exists: choose another name." in again.content.decode()
    client.post(CREATE, {"name": "Rhine-Water", "new_organisation": "Delta"})
    assert sorted(Workspace.objects.values_list("slug", flat=True)) == [
        "rhine-water",
        "rhine-water-2",
    ]


@pytest.mark.parametrize(
    "name",
    ["北海联盟", "٣٣٣", "a\x00b", "x" * 5000, "!!!"],
    ids=["cjk", "digits", "nul", "huge", "sym"],
)
def test_hostile_names_never_give_a_500(client, settings, name):
    settings.ALLIANCE_CREATION = "anyone"
    client.force_login(UserFactory())
    response = client.post(CREATE, {"name": name, "new_organisation": "Org"})
    assert response.status_code in (302, 400)
    if response.status_code == 302:
        assert Workspace.objects.get().slug  # a usable address even without latin letters


def test_the_operator_creates_an_alliance_for_a_lead_without_joining_it(client, mails):
    operator = superuser()
    client.force_login(operator)
    with mails():
        response = client.post(
            CREATE,
            {
                "name": "Baltic Grid Alliance",
                "new_organisation": "Baltic Grid",
                "lead_email": "greta@balticgrid.example",
            },
        )
    workspace = Workspace.objects.get()
    assert response.url == reverse("workspaces:invitation_list", args=[workspace])
    assert not Membership.objects.filter(workspace=workspace).exists()
    invitation = Invitation.objects.get(workspace=workspace)
    assert (invitation.email, invitation.role) == ("greta@balticgrid.example", Role.LEAD)
    assert invitation.organisation.name == "Baltic Grid"

    _, link = _link_in_mail("greta@balticgrid.example")
    client.logout()
    page = client.get(_path(link))
    assert "as <strong>Lead</strong> of <strong>Baltic Grid</strong>" in page.content.decode()
    client.post(
        _path(link),
        {"display_name": "Greta", "password1": PASSWORD, "password2": PASSWORD},
    )
    lead = Membership.objects.get(workspace=workspace)
    assert (lead.user.email, lead.role) == ("greta@balticgrid.example", Role.LEAD)
    assert Membership.objects.filter(user=operator).count() == 0


def test_only_the_operator_may_create_for_someone_else(client, settings):
    settings.ALLIANCE_CREATION = "anyone"
    client.force_login(UserFactory())
    client.post(
        CREATE, {"name": "Sneaky", "new_organisation": "Org", "lead_email": "boss@example.org"}
    )
    # The field is not offered to them: they simply lead their own workspace.
    assert not Invitation.objects.exists()
    assert Membership.objects.get().role == Role.LEAD


# The kick-off ------------------------------------------------------------------------


@pytest.fixture
def alliance():
    workspace, lead = make_workspace("Kick-off Alliance")
    cm = add_member(workspace, Role.COMMUNITY_MANAGER)
    member = add_member(workspace)
    return workspace, lead, cm, member


def test_leads_and_community_managers_reach_the_kickoff_from_the_dashboard(client, alliance):
    workspace, lead, cm, member = alliance
    Membership.objects.update(welcomed_at="2026-01-01T00:00Z")
    kickoff = reverse("workspaces:kickoff", args=[workspace])
    for person in (lead, cm):
        client.force_login(person)
        assert f'href="{kickoff}"' in client.get(workspace.get_absolute_url()).content.decode()
        for step in ("partners", "invitations", "pages", "done"):
            assert client.get(f"{kickoff}?step={step}").status_code == 200
    client.force_login(member)
    assert f'href="{kickoff}"' not in client.get(workspace.get_absolute_url()).content.decode()
    assert client.get(kickoff).status_code == 403


def test_the_reporting_page_is_a_kickoff_step(client, alliance):
    workspace, lead, _, _ = alliance
    client.force_login(lead)
    page = client.get(reverse("workspaces:kickoff", args=[workspace]) + "?step=pages")
    assert "Reporting page written" in page.content.decode()


def test_finishing_the_kickoff_takes_it_off_the_dashboard(client, alliance):
    workspace, _, cm, _ = alliance
    Membership.objects.update(welcomed_at="2026-01-01T00:00Z")
    client.force_login(cm)
    response = client.post(reverse("workspaces:kickoff_done", args=[workspace]))
    assert response.status_code == 302
    workspace.refresh_from_db()
    assert workspace.kickoff_completed_at is not None
    page = client.get(workspace.get_absolute_url()).content.decode()
    assert "Continue the kick-off" not in page


def test_a_community_manager_adds_partners_but_only_a_lead_describes(client, alliance):
    workspace, _, cm, _ = alliance
    client.force_login(cm)
    kickoff = reverse("workspaces:kickoff", args=[workspace])
    assert "What the alliance is for" not in client.get(kickoff).content.decode()
    client.post(kickoff + "?step=partners", {"step": "partners", "names": "TU Delft\nBaltic Grid"})
    assert {"TU Delft", "Baltic Grid"} <= set(workspace.partners.values_list("name", flat=True))
    refused = client.post(kickoff, {"step": "description", "description": "Mine"})
    assert refused.status_code == 403


# Invitations: copy link, personal message, pasted lists -------------------------------


def test_copy_link_issues_a_fresh_working_link_and_audits_it(client, alliance, mails):
    workspace, lead, _, _ = alliance
    client.force_login(lead)
    partner = workspace.partners.first()
    with mails():
        client.post(
            reverse("workspaces:member_invite", args=[workspace]),
            {"emails": "ada@photon.example", "role": Role.MEMBER, "organisation": partner.pk},
        )
    _, mailed = _link_in_mail("ada@photon.example")
    invitation = Invitation.objects.get(email="ada@photon.example")
    response = client.post(reverse("workspaces:invitation_link", args=[workspace, invitation.pk]))
    assert response.status_code == 200 and response["Cache-Control"] == "no-store"
    fresh = re.search(r'value="(https?://\S+/invite/\S+/)"', response.content.decode()).group(1)
    assert fresh != mailed
    assert MembershipEvent.objects.filter(
        kind=MembershipEvent.Kind.INVITATION_LINK, email="ada@photon.example", actor=lead
    ).exists()
    client.logout()
    assert client.get(_path(mailed)).status_code == 410
    assert client.get(_path(fresh)).status_code == 200


def test_copy_link_of_a_used_invitation_says_why(client, alliance):
    workspace, lead, _, _ = alliance
    client.force_login(lead)
    client.post(
        reverse("workspaces:member_invite", args=[workspace]),
        {
            "emails": "bo@x.example",
            "role": Role.MEMBER,
            "organisation": workspace.partners.first().pk,
        },
    )
    invitation = Invitation.objects.get(email="bo@x.example")
    client.post(reverse("workspaces:invitation_revoke", args=[workspace, invitation.pk]))
    response = client.post(
        reverse("workspaces:invitation_link", args=[workspace, invitation.pk]), follow=True
    )
    assert "This invitation is revoked." in response.content.decode()


BULK_LINES = """Ada Lovelace <ada@photon.example>, Photon GmbH
bob@sun.example, Sun Institute, observer
Cy <cy@delft.example>, TU Delft, community manager
"""


def _bulk(client, workspace, **data):
    return client.post(reverse("workspaces:invitation_bulk", args=[workspace]), data)


def test_a_pasted_list_is_previewed_with_unknown_organisations_flagged(client, alliance):
    workspace, lead, _, _ = alliance
    workspace.partners.add(OrganisationFactory(name="Photon GmbH"))
    client.force_login(lead)
    preview = _bulk(client, workspace, lines=BULK_LINES, role=Role.MEMBER, preview="1")
    page = preview.content.decode()
    assert preview.status_code == 200
    assert "Sun Institute is not a partner yet" in page and "new partner" in page
    assert not Invitation.objects.exists() and not mail.outbox
    # Sending with errors left sends nothing.
    _bulk(client, workspace, lines=BULK_LINES, role=Role.MEMBER, send="1")
    assert not Invitation.objects.exists()


def test_a_pasted_list_invites_several_organisations_and_roles_with_a_message(
    client, alliance, mails
):
    workspace, lead, _, _ = alliance
    workspace.partners.add(OrganisationFactory(name="Photon GmbH"))
    client.force_login(lead)
    message = "Welcome! <script>alert(1)</script> See you at the kick-off."
    data = {
        "lines": BULK_LINES,
        "role": Role.MEMBER,
        "message": message,
        "add_partners": "on",
    }
    preview = _bulk(client, workspace, **data, preview="1").content.decode()
    assert "Send 3 invitations" in preview
    with mails():
        response = _bulk(client, workspace, **data, send="1")
    assert response.url == reverse("workspaces:invitation_list", args=[workspace])
    invitations = {i.email: i for i in Invitation.objects.select_related("organisation")}
    assert {e: (i.role, i.organisation.name, i.name) for e, i in invitations.items()} == {
        "ada@photon.example": (Role.MEMBER, "Photon GmbH", "Ada Lovelace"),
        "bob@sun.example": (Role.OBSERVER, "Sun Institute", ""),
        "cy@delft.example": (Role.COMMUNITY_MANAGER, "TU Delft", "Cy"),
    }
    assert {"Sun Institute", "TU Delft"} <= set(workspace.partners.values_list("name", flat=True))
    body, link = _link_in_mail("ada@photon.example")
    # The message is in the e-mail, escaped like everything else in it.
    assert "Welcome! &lt;script&gt;alert(1)&lt;/script&gt; See you at the kick-off." in body.body
    client.logout()
    page = client.get(_path(link)).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "<script>alert" not in page
    assert 'value="Ada Lovelace"' in page  # the pasted name starts the form


def test_a_member_of_staff_below_lead_cannot_paste_leads(client, alliance):
    workspace, _, cm, _ = alliance
    client.force_login(cm)
    page = _bulk(
        client,
        workspace,
        lines="Al <al@x.example>, New Org, lead",
        role=Role.MEMBER,
        add_partners="on",
        preview="1",
    ).content.decode()
    assert "Only a lead can invite leads." in page


@pytest.mark.parametrize(
    "lines",
    [
        "no comma here",
        "<>, , , , ,",
        "Ann <ann@x.example, Org",
        "\x00\x00, \x00",
        "٣@٣.٣, ٣",
        ",".join(["a"] * 10_000),
        "\n".join(f"p{n}@x.example, Org" for n in range(400)),
        "Ann <ann@x.example>, Org, boss",
        "a@x.example, Org\na@x.example, Org",
    ],
)
def test_bad_lines_are_explained_and_never_give_a_500(client, alliance, lines):
    workspace, lead, _, _ = alliance
    client.force_login(lead)
    for action in ("preview", "send"):
        response = _bulk(client, workspace, lines=lines, role=Role.MEMBER, **{action: "1"})
        assert response.status_code in (200, 400)
        assert 'class="errorlist' in response.content.decode()
    assert not Invitation.objects.exists()


# Landing after sign-in -------------------------------------------------------------


def _sign_in(client, user):
    return client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})


def test_people_with_one_workspace_land_on_it_after_signing_in(client, alliance):
    workspace, _, _, member = alliance
    assert _sign_in(client, member).url == reverse("workspaces:dashboard", args=[workspace])


def test_people_with_several_workspaces_land_on_the_list(client, alliance):
    workspace, _, _, member = alliance
    other, _ = make_workspace("Other Alliance")
    add_member(other, user=member)
    assert _sign_in(client, member).url == HOME
