import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from workspaces.models import Invitation, Membership, MembershipEvent
from workspaces.roles import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def invite(client, world, django_capture_on_commit_callbacks):
    """Post the invite form as the community manager; e-mails go out as on commit."""

    def post(emails, role=Role.MEMBER, groups=()):
        client.force_login(world.community_manager)
        organisation = world.workspace.partners.first()
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(
                reverse("workspaces:member_invite", args=[world.workspace]),
                {
                    "emails": emails,
                    "role": role,
                    "organisation": organisation.pk,
                    "groups": [g.pk for g in groups],
                },
            )

    return post


def _token_from_mail(message):
    return re.search(r"/invite/([^/\s]+)/", message.body).group(1)


def test_community_manager_invites_several_addresses_at_once(world, client, invite):
    response = invite("a@example.org, b@example.org\nc@example.org")
    assert response.status_code == 302
    assert sorted(m.to[0] for m in mail.outbox) == [
        "a@example.org",
        "b@example.org",
        "c@example.org",
    ]
    assert Invitation.objects.filter(workspace=world.workspace).count() == 3


def test_the_token_is_stored_only_as_a_hash(world, client, invite):
    invite("a@example.org")
    token = _token_from_mail(mail.outbox[0])
    invitation = Invitation.objects.get(email="a@example.org")
    assert token not in invitation.token_hash
    assert len(invitation.token_hash) == 64


def test_inviting_a_current_member_says_so_and_sends_nothing(world, client, invite):
    response = invite(world.member.email)
    assert not mail.outbox
    page = client.get(response["Location"]).content.decode()
    assert "already a member; nothing was sent" in page


def test_invalid_addresses_are_refused_with_a_clear_message_and_nothing_sent(world, client, invite):
    response = invite("good@example.org, not-an-address")
    assert response.status_code == 400
    assert "Not valid e-mail addresses: not-an-address" in response.content.decode()
    assert not mail.outbox and not Invitation.objects.exists()


def test_community_manager_cannot_invite_a_lead(world, client, invite):
    response = invite("boss@example.org", role=Role.LEAD)
    assert response.status_code == 400
    assert not Invitation.objects.exists()


def test_new_person_accepts_sets_a_password_and_lands_in_the_workspace(world, client, invite):
    invite("new@example.org", groups=[world.private_group])
    token = _token_from_mail(mail.outbox[0])
    client.logout()
    url = reverse("workspaces:invitation_accept", args=[token])
    assert "Join" in client.get(url).content.decode()
    response = client.post(
        url,
        {
            "display_name": "New Person",
            "password1": "a-Long-pass-77",
            "password2": "a-Long-pass-77",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == world.workspace.get_absolute_url()
    user = get_user_model().objects.get(email="new@example.org")
    assert user.check_password("a-Long-pass-77")
    assert Membership.objects.get(user=user, workspace=world.workspace).role == Role.MEMBER
    assert client.get(world.private_group.get_absolute_url()).status_code == 200
    # A newcomer's first visit to the workspace opens the start page.
    first = client.get(world.workspace.get_absolute_url())
    assert first.status_code == 302 and first["Location"].endswith("/start/")
    # The inviter hears about it.
    assert world.community_manager.notifications.filter(kind="invitation_accepted").exists()


def test_existing_user_accepting_only_gains_the_membership(world, client, invite):
    invite(world.outsider.email)
    token = _token_from_mail(mail.outbox[0])
    client.force_login(world.outsider)
    users_before = get_user_model().objects.count()
    response = client.post(reverse("workspaces:invitation_accept", args=[token]))
    assert response.status_code == 302
    assert get_user_model().objects.count() == users_before
    assert client.get(world.workspace.get_absolute_url(), follow=True).status_code == 200


def test_mismatched_passwords_create_nothing(world, client, invite):
    invite("new@example.org")
    token = _token_from_mail(mail.outbox[0])
    client.logout()
    response = client.post(
        reverse("workspaces:invitation_accept", args=[token]),
        {"display_name": "X", "password1": "a-Long-pass-77", "password2": "different-Pass-88"},
    )
    assert response.status_code == 400
    assert "The two passwords differ" in response.content.decode()
    assert not get_user_model().objects.filter(email="new@example.org").exists()


@pytest.mark.parametrize("spoil", ["used", "revoked", "expired", "altered"])
def test_unusable_links_get_a_clear_page_and_create_nothing(world, client, invite, spoil):
    invite("new@example.org")
    token = _token_from_mail(mail.outbox[0])
    invitation = Invitation.objects.get(email="new@example.org")
    if spoil == "used":
        invitation.accepted_at = timezone.now()
    elif spoil == "revoked":
        invitation.revoked_at = timezone.now()
    elif spoil == "expired":
        invitation.expires_at = timezone.now()
    invitation.save()
    if spoil == "altered":
        token = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    client.logout()
    users_before = get_user_model().objects.count()
    url = reverse("workspaces:invitation_accept", args=[token])
    response = client.post(
        url, {"display_name": "X", "password1": "a-Long-pass-77", "password2": "a-Long-pass-77"}
    )
    assert response.status_code == 410
    expected = {
        "used": "already been used",
        "revoked": "withdrawn",
        "expired": "expired",
        "altered": "not valid",
    }[spoil]
    assert expected in response.content.decode()
    assert get_user_model().objects.count() == users_before


def test_resending_issues_a_fresh_link_and_the_old_one_stops_working(
    world, client, invite, django_capture_on_commit_callbacks
):
    invite("new@example.org")
    old_token = _token_from_mail(mail.outbox[0])
    invitation = Invitation.objects.get(email="new@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("workspaces:invitation_resend", args=[world.workspace, invitation.pk]))
    assert len(mail.outbox) == 2
    new_token = _token_from_mail(mail.outbox[1])
    client.logout()
    assert client.get(reverse("workspaces:invitation_accept", args=[old_token])).status_code == 410
    assert client.get(reverse("workspaces:invitation_accept", args=[new_token])).status_code == 200


def test_revoked_invitation_shows_in_the_list_and_is_recorded(world, client, invite):
    invite("new@example.org")
    invitation = Invitation.objects.get(email="new@example.org")
    client.post(reverse("workspaces:invitation_revoke", args=[world.workspace, invitation.pk]))
    page = client.get(reverse("workspaces:invitation_list", args=[world.workspace]))
    assert "Revoked" in page.content.decode()
    assert MembershipEvent.objects.filter(
        kind="invitation_revoked", actor=world.community_manager, email="new@example.org"
    ).exists()


def test_invitation_validity_follows_the_setting(world, client, invite, settings):
    settings.INVITATION_VALID_DAYS = 3
    invite("new@example.org")
    invitation = Invitation.objects.get(email="new@example.org")
    days = (invitation.expires_at - invitation.created_at).total_seconds() / 86400
    assert 2.99 < days < 3.01


def test_signed_in_as_someone_else_cannot_take_another_persons_invitation(world, client, invite):
    invite("new@example.org")
    token = _token_from_mail(mail.outbox[0])
    client.force_login(world.outsider)
    response = client.post(reverse("workspaces:invitation_accept", args=[token]))
    assert response.status_code == 403
    assert not Membership.objects.filter(user=world.outsider, workspace=world.workspace).exists()
