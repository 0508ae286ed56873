import pytest
from django.core import mail
from django.urls import reverse

from workspaces.models import Invitation, Membership
from workspaces.roles import Role
from workspaces.services import invitations_send

pytestmark = pytest.mark.django_db


@pytest.fixture
def cm_client(client, world):
    client.force_login(world.community_manager)
    return client


def _other_membership(world):
    return world.other_workspace.memberships.first()


@pytest.mark.parametrize(
    "model", ["membership", "invitation", "group", "organisation", "membershipevent"]
)
def test_community_manager_sees_only_their_workspaces_rows(world, cm_client, model):
    invitations_send(
        actor=world.lead,
        workspace=world.workspace,
        emails=["mine@example.org"],
        role=Role.MEMBER,
        organisation=world.workspace.partners.first(),
    )
    outsider_lead = world.outsider
    invitations_send(
        actor=outsider_lead,
        workspace=world.other_workspace,
        emails=["theirs@example.org"],
        role=Role.MEMBER,
        organisation=world.other_workspace.partners.first(),
    )
    response = cm_client.get(reverse(f"admin:workspaces_{model}_changelist"))
    assert response.status_code == 200
    page = response.content.decode()
    assert world.other_workspace.name not in page
    assert "theirs@example.org" not in page


def test_community_manager_cannot_open_another_workspaces_membership(world, cm_client):
    url = reverse("admin:workspaces_membership_change", args=[_other_membership(world).pk])
    response = cm_client.get(url)
    assert response.status_code == 302  # the admin's "does not exist" redirect
    assert response["Location"] == reverse("admin:index")


def test_community_manager_cannot_see_people_admin(world, cm_client):
    assert cm_client.get(reverse("admin:profiles_user_changelist")).status_code == 403


def test_plain_member_cannot_use_the_admin(world, client):
    client.force_login(world.member)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_admin_action_changes_role_through_the_service(world, cm_client):
    membership = world.workspace.memberships.get(user=world.member)
    cm_client.post(
        reverse("admin:workspaces_membership_changelist"),
        {"action": "make_observer", "_selected_action": [membership.pk]},
    )
    membership.refresh_from_db()
    assert membership.role == Role.OBSERVER
    cm_client.force_login(world.member)
    assert (
        cm_client.get(reverse("workspaces:member_invite", args=[world.workspace])).status_code
        == 403
    )


def test_admin_action_cannot_touch_another_workspace(world, cm_client):
    other = _other_membership(world)
    cm_client.post(
        reverse("admin:workspaces_membership_changelist"),
        {"action": "remove_members", "_selected_action": [other.pk]},
    )
    assert Membership.objects.filter(pk=other.pk).exists()


def test_admin_action_removes_a_member_with_immediate_effect(world, cm_client, client):
    membership = world.workspace.memberships.get(user=world.member)
    cm_client.post(
        reverse("admin:workspaces_membership_changelist"),
        {"action": "remove_members", "_selected_action": [membership.pk]},
    )
    assert not Membership.objects.filter(pk=membership.pk).exists()
    client.force_login(world.member)
    assert client.get(world.workspace.get_absolute_url()).status_code == 404


def test_community_manager_invites_resends_and_revokes_from_the_admin(
    world, cm_client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = cm_client.post(
            reverse("admin:workspaces_invitation_add"),
            {
                "workspace": world.workspace.pk,
                "role": Role.MEMBER,
                "organisation": world.workspace.partners.first().pk,
                "emails": "x@example.org\ny@example.org",
            },
        )
    assert response.status_code == 302
    assert len(mail.outbox) == 2
    invitation = Invitation.objects.get(email="x@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        cm_client.post(
            reverse("admin:workspaces_invitation_changelist"),
            {"action": "resend", "_selected_action": [invitation.pk]},
        )
    assert len(mail.outbox) == 3
    cm_client.post(
        reverse("admin:workspaces_invitation_changelist"),
        {"action": "revoke", "_selected_action": [invitation.pk]},
    )
    invitation.refresh_from_db()
    assert invitation.status == "revoked"


def test_community_manager_cannot_invite_into_another_workspace_from_admin(world, cm_client):
    response = cm_client.post(
        reverse("admin:workspaces_invitation_add"),
        {
            "workspace": world.other_workspace.pk,
            "role": Role.MEMBER,
            "organisation": world.other_workspace.partners.first().pk,
            "emails": "x@example.org",
        },
    )
    assert response.status_code == 200  # the form refuses the workspace choice
    assert "Select a valid choice" in response.content.decode()
    assert not Invitation.objects.exists()


def test_removed_community_manager_loses_the_admin(world, client):
    from workspaces import services

    services.member_remove(
        actor=world.lead, membership=world.workspace.memberships.get(user=world.community_manager)
    )
    client.force_login(world.community_manager)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
