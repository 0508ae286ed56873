"""Issue 20, part A: a private group stays invisible to everyone outside it - managers
of its workspace included - in every path that adds members, in the admin, the
membership audit, the invite form, notifications and the adoption figures."""

import csv
import io

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from tests.documents.helpers import make_document
from tests.factories import add_member
from tests.workspaces.content_helpers import post
from wiki import services as wiki
from wiki.services import PageContent
from workspaces import adoption, services
from workspaces.actions import invitations
from workspaces.activity import notify
from workspaces.digests import send_digest
from workspaces.models import GroupMembership, Invitation, Notification
from workspaces.roles import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def outside_manager(world):
    """A community manager of the workspace who is not in its private group."""
    return add_member(world.workspace, Role.COMMUNITY_MANAGER)


def _in_private_group(world, user):
    return GroupMembership.objects.filter(group=world.private_group, user=user).exists()


# 1. Every path that adds a group member decides on the group ---------------------------


def test_manager_outside_a_private_group_cannot_add_themselves_through_the_service(
    world, outside_manager
):
    with pytest.raises(PermissionDenied):
        services.group_member_add(
            actor=outside_manager, group=world.private_group, user=outside_manager
        )
    assert not _in_private_group(world, outside_manager)


def test_manager_outside_a_private_group_cannot_add_themselves_in_the_admin(
    world, outside_manager, client_for
):
    client = client_for(outside_manager)
    response = client.post(
        reverse("admin:workspaces_groupmembership_add"),
        {"group": world.private_group.pk, "user": outside_manager.pk},
    )
    assert response.status_code == 200  # the form refuses the group
    assert "Select a valid choice" in response.content.decode()
    assert not _in_private_group(world, outside_manager)


def test_manager_in_the_private_group_adds_a_workspace_member_in_the_admin(world, client_for):
    client = client_for(world.community_manager)
    response = client.post(
        reverse("admin:workspaces_groupmembership_add"),
        {"group": world.private_group.pk, "user": world.non_group_member.pk},
    )
    assert response.status_code == 302
    assert _in_private_group(world, world.non_group_member)
    client.force_login(world.non_group_member)
    assert client.get(world.private_group.get_absolute_url()).status_code == 200


def test_admin_refuses_adding_someone_from_outside_the_workspace(world, client_for):
    response = client_for(world.community_manager).post(
        reverse("admin:workspaces_groupmembership_add"),
        {"group": world.private_group.pk, "user": world.outsider.pk},
    )
    assert response.status_code == 200
    assert not _in_private_group(world, world.outsider)


def test_manager_outside_a_private_group_cannot_invite_with_it_as_a_preset(
    world, outside_manager, client_for
):
    with pytest.raises(PermissionDenied):
        services.invitations_send(
            actor=outside_manager,
            workspace=world.workspace,
            emails=["alias@example.org"],
            role=Role.MEMBER,
            organisation=world.workspace.partners.first(),
            groups=[world.private_group],
        )
    response = client_for(outside_manager).post(
        reverse("workspaces:member_invite", args=[world.workspace]),
        {
            "emails": "alias@example.org",
            "role": Role.MEMBER,
            "organisation": world.workspace.partners.first().pk,
            "groups": [world.private_group.pk],
        },
    )
    assert response.status_code == 400
    assert not Invitation.objects.filter(email="alias@example.org").exists()


def test_an_invitation_brings_no_one_into_a_group_its_sender_has_left(world, client_for):
    services.invitations_send(
        actor=world.community_manager,
        workspace=world.workspace,
        emails=["late@example.org"],
        role=Role.MEMBER,
        organisation=world.workspace.partners.first(),
        groups=[world.private_group, world.open_group],
    )
    token = "known-token"
    Invitation.objects.filter(email="late@example.org").update(
        token_hash=invitations._hash_token(token)
    )
    services.group_member_remove(
        actor=world.lead, group=world.private_group, user=world.community_manager
    )

    membership = services.invitation_accept(token=token, display_name="Late", password="x")

    assert not _in_private_group(world, membership.user)
    assert GroupMembership.objects.filter(group=world.open_group, user=membership.user).exists()


def test_manager_outside_a_private_group_cannot_open_it_up(world, outside_manager):
    with pytest.raises(PermissionDenied):
        services.group_set_private(
            actor=outside_manager, group=world.private_group, is_private=False
        )
    world.private_group.refresh_from_db()
    assert world.private_group.is_private


def test_the_invite_form_offers_only_groups_the_inviter_manages(world, outside_manager, client_for):
    url = reverse("workspaces:member_invite", args=[world.workspace])
    outside = client_for(outside_manager).get(url).content.decode()
    assert world.open_group.name in outside
    assert world.private_group.name not in outside
    inside = client_for(world.community_manager).get(url).content.decode()
    assert world.private_group.name in inside


# ... and the private group's name and members stay out of sight ------------------------


@pytest.mark.parametrize("model", ["group", "groupmembership", "membershipevent"])
def test_manager_outside_a_private_group_does_not_see_it_in_admin_lists(
    world, outside_manager, client_for, model
):
    page = client_for(outside_manager).get(reverse(f"admin:workspaces_{model}_changelist"))
    assert page.status_code == 200
    assert world.private_group.name not in page.content.decode()
    inside = client_for(world.community_manager).get(
        reverse(f"admin:workspaces_{model}_changelist")
    )
    assert world.private_group.name in inside.content.decode()


def test_manager_outside_a_private_group_does_not_see_it_in_the_audit(
    world, outside_manager, client_for
):
    url = reverse("workspaces:membership_audit", args=[world.workspace])
    assert world.private_group.name not in client_for(outside_manager).get(url).content.decode()
    assert world.private_group.name in client_for(world.lead).get(url).content.decode()


def test_manager_outside_a_private_group_cannot_open_it_in_the_admin(
    world, outside_manager, client_for
):
    client = client_for(outside_manager)
    for name in ["change", "history", "delete"]:
        url = reverse(f"admin:workspaces_group_{name}", args=[world.private_group.pk])
        response = client.get(url)
        assert response.status_code in (302, 403), name
        assert world.private_group.name not in response.content.decode()


def test_recent_admin_actions_do_not_quote_a_group_the_manager_has_left(world, client_for):
    client = client_for(world.community_manager)
    client.post(
        reverse("admin:workspaces_groupmembership_add"),
        {"group": world.private_group.pk, "user": world.non_group_member.pk},
        follow=True,  # shows (and so uses up) the "was added" message
    )
    services.group_member_remove(
        actor=world.lead, group=world.private_group, user=world.community_manager
    )
    page = client.get(reverse("admin:index"))
    assert page.status_code == 200
    assert world.private_group.name not in page.content.decode()


def test_view_on_site_redirects_only_to_rows_the_user_may_see(world, outside_manager, client_for):
    from django.contrib.contenttypes.models import ContentType

    content_type = ContentType.objects.get_for_model(world.private_group)
    url = reverse("admin:view_on_site", args=[content_type.pk, world.private_group.pk])
    assert client_for(outside_manager).get(url).status_code == 404
    assert client_for(outside_manager).get(url[:-1] + "x/").status_code == 404
    response = client_for(world.community_manager).get(url)
    assert response.status_code == 302
    assert world.private_group.slug in response["Location"]


# 2. Notifications ------------------------------------------------------------------------


def _private_notification(world):
    notify(
        recipients=[world.member],
        kind=Notification.Kind.OTHER,
        actor=world.lead,
        text="Secret plan in the private group",
        target=world.private_group,
        container=world.private_group,
    )
    return Notification.objects.get(recipient=world.member)


def test_removal_from_a_group_hides_its_notifications_on_the_next_request(world, client_for):
    notification = _private_notification(world)
    client = client_for(world.member)
    page = client.get(reverse("workspaces:notification_list"))
    assert "Secret plan" in page.content.decode()
    assert page.context["unread_count"] == 1

    services.group_member_remove(actor=world.lead, group=world.private_group, user=world.member)

    page = client.get(reverse("workspaces:notification_list"))
    assert "Secret plan" not in page.content.decode()
    assert page.context["unread_count"] == 0
    read = reverse("workspaces:notification_read", args=[notification.pk])
    assert client.post(read, {"open": "1"}).status_code == 404


def test_the_digest_does_not_count_notifications_of_a_group_left(world):
    _private_notification(world)
    services.group_member_remove(actor=world.lead, group=world.private_group, user=world.member)
    post(world.workspace, world.lead, "News for everyone")
    world.member.digest_frequency = "daily"
    world.member.save(update_fields=["digest_frequency"])

    assert send_digest(world.member.pk, now=timezone.now()) == "sent"

    assert "unread notification" not in mail.outbox[-1].body


# 3. Adoption figures ---------------------------------------------------------------------


def _private_activity(world):
    post(world.private_group, world.member, "In the group")
    make_document(world.private_group, world.member, "secret.txt", b"one")
    wiki.page_create(
        actor=world.member,
        container=world.private_group,
        content=PageContent("Plans", "Private plans.", "First draft"),
        path="plans",
    )


def _csv_rows(client, workspace):
    response = client.get(reverse("workspaces:adoption_csv", args=[workspace]))
    assert response.status_code == 200
    return {row["e-mail"]: row for row in csv.DictReader(io.StringIO(response.content.decode()))}


def test_adoption_csv_counts_private_group_activity_only_for_its_managers(
    world, outside_manager, client_for
):
    _private_activity(world)
    outside = _csv_rows(client_for(outside_manager), world.workspace)[world.member.email]
    inside = _csv_rows(client_for(world.community_manager), world.workspace)[world.member.email]
    assert (outside["Posts"], outside["Uploads"], outside["Wiki edits"]) == ("0", "0", "0")
    assert (inside["Posts"], inside["Uploads"], inside["Wiki edits"]) == ("1", "1", "1")


def test_adoption_charts_count_private_group_activity_only_for_its_managers(
    world, outside_manager, client_for
):
    _private_activity(world)
    outside = dict(adoption.weekly_series(world.workspace, outside_manager))
    inside = dict(adoption.weekly_series(world.workspace, world.community_manager))
    assert outside["Posts"][-1][1] == 0 and inside["Posts"][-1][1] == 1
    assert outside["Uploads"][-1][1] == 0 and inside["Uploads"][-1][1] == 1
    assert inside["Wiki edits"][-1][1] - outside["Wiki edits"][-1][1] == 1
    page = client_for(outside_manager).get(reverse("workspaces:adoption", args=[world.workspace]))
    assert page.status_code == 200
