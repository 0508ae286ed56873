"""Issue 20, part A, in the admin: its forms offer only the people, groups and partner
organisations of the workspaces a manager manages, and its pages work for them
(tests/workspaces/test_private_group_walls.py has the other paths)."""

import pytest
from django.urls import reverse

from tests.factories import add_member, make_group
from workspaces import services
from workspaces.models import Invitation
from workspaces.roles import Role

pytestmark = pytest.mark.django_db


def test_group_membership_form_offers_only_people_of_the_managed_workspace(world, client_for):
    response = client_for(world.community_manager).get(
        reverse("admin:workspaces_groupmembership_add")
    )
    assert response.status_code == 200
    form = response.context["adminform"].form
    offered = set(form.fields["user"].queryset)
    members = {m.user for m in world.workspace.memberships.all()}
    assert offered == members
    assert world.outsider not in offered and world.removed not in offered
    assert set(form.fields["group"].queryset) == {world.private_group}


def test_invitation_form_offers_only_the_workspaces_partner_organisations(world, client_for):
    response = client_for(world.community_manager).get(reverse("admin:workspaces_invitation_add"))
    form = response.context["adminform"].form
    assert set(form.fields["organisation"].queryset) == set(world.workspace.partners.all())
    assert set(form.fields["workspace"].queryset) == {world.workspace}
    assert world.other_workspace.name not in response.content.decode()


def _admin_invite(client, **data):
    return client.post(reverse("admin:workspaces_invitation_add"), data)


def test_choosing_another_alliances_organisation_does_not_add_it_as_a_partner(world):
    theirs = world.other_workspace.partners.first()
    with pytest.raises(Exception, match="not a partner"):
        services.invitations_send(
            actor=world.lead,
            workspace=world.workspace,
            emails=["x@example.org"],
            role=Role.MEMBER,
            organisation=theirs,
        )
    assert theirs not in world.workspace.partners.all()
    assert not Invitation.objects.filter(email="x@example.org").exists()


def test_a_new_partner_is_added_by_typing_its_name_on_the_invite_form(world, client_for):
    response = client_for(world.lead).post(
        reverse("workspaces:member_invite", args=[world.workspace]),
        {"emails": "x@example.org", "role": Role.MEMBER, "new_organisation": "Brand New Ltd"},
    )
    assert response.status_code == 302
    assert world.workspace.partners.filter(name="Brand New Ltd").exists()


def test_admin_invitation_with_a_bad_email_is_a_form_error(world, client_for):
    response = _admin_invite(
        client_for(world.community_manager),
        workspace=world.workspace.pk,
        role=Role.MEMBER,
        organisation=world.workspace.partners.first().pk,
        emails="not an address",
    )
    assert response.status_code == 200
    assert "Not valid e-mail addresses" in response.content.decode()
    assert not Invitation.objects.exists()


def test_admin_invitation_with_another_workspaces_group_is_a_form_error(world, client_for):
    add_member(world.other_workspace, Role.LEAD, user=world.lead)
    their_group = make_group(world.other_workspace, "Their group")
    response = _admin_invite(
        client_for(world.lead),
        workspace=world.workspace.pk,
        role=Role.MEMBER,
        organisation=world.workspace.partners.first().pk,
        groups=[their_group.pk],
        emails="x@example.org",
    )
    assert response.status_code == 200
    assert "Groups must belong to this workspace." in response.content.decode()
    assert not Invitation.objects.exists()


def test_admin_invitation_with_another_alliances_organisation_is_a_form_error(world, client_for):
    add_member(world.other_workspace, Role.LEAD, user=world.lead)
    theirs = world.other_workspace.partners.first()
    response = _admin_invite(
        client_for(world.lead),
        workspace=world.workspace.pk,
        role=Role.MEMBER,
        organisation=theirs.pk,
        emails="x@example.org",
    )
    assert response.status_code == 200
    assert "not a partner" in response.content.decode()
    assert theirs not in world.workspace.partners.all()


def test_the_admin_group_change_page_works(world, client_for):
    client = client_for(world.community_manager)
    url = reverse("admin:workspaces_group_change", args=[world.open_group.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url, {"name": "Renamed", "description": "", "group_memberships-TOTAL_FORMS": 0,
              "group_memberships-INITIAL_FORMS": 0}
    )  # fmt: skip
    assert response.status_code == 302
    world.open_group.refresh_from_db()
    assert world.open_group.name == "Renamed"


def test_admin_pages_do_not_link_to_the_people_admin(world, client_for):
    client = client_for(world.community_manager)
    membership = world.workspace.memberships.get(user=world.member)
    pages = [
        reverse("admin:workspaces_membership_change", args=[membership.pk]),
        reverse("admin:workspaces_group_change", args=[world.private_group.pk]),
        reverse(
            "admin:workspaces_membershipevent_change", args=[world.workspace.events.first().pk]
        ),
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        assert "/admin/profiles/" not in response.content.decode(), url


def test_the_only_lead_removing_their_own_organisation_gets_a_clear_error(world, client_for):
    organisation = world.workspace.memberships.get(user=world.lead).organisation
    url = reverse("workspaces:organisation_remove", args=[world.workspace, organisation.pk])
    response = client_for(world.lead).post(url, follow=True)
    assert response.status_code == 200
    assert "at least one lead" in response.content.decode()
    assert organisation in world.workspace.partners.all()
