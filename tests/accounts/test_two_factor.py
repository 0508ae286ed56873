"""Two-factor: authenticator apps, recovery codes, bad codes, and the workspace rule."""

import time

import pytest
from allauth.mfa.models import Authenticator
from django.urls import reverse

from tests.accounts.helpers import (
    give_totp,
    is_signed_in,
    reauthenticate,
    recovery_codes,
    sign_in,
    totp_code,
)
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def test_with_an_authenticator_app_the_password_alone_does_not_sign_in(world, client):
    give_totp(world.member)
    response = sign_in(client, world.member)
    assert response["Location"] == reverse("mfa_authenticate")
    assert not is_signed_in(client)


def test_the_right_code_signs_in(world, client):
    secret = give_totp(world.member)
    response = sign_in(client, world.member, code=totp_code(secret))
    assert response.status_code == 302 and is_signed_in(client)


@pytest.mark.parametrize("code", ["000000", "", "12345", "abcdef", "1" * 500, "١٢٣٤٥٦"])
def test_a_wrong_code_is_refused(world, client, code):
    give_totp(world.member)
    response = sign_in(client, world.member, code=code)
    assert response.status_code == 200
    assert "Incorrect code" in response.content.decode() or "required" in response.content.decode()
    assert not is_signed_in(client)


def test_an_expired_code_is_refused(world, client):
    secret = give_totp(world.member)
    response = sign_in(client, world.member, code=totp_code(secret, steps=-4))
    assert "Incorrect code" in response.content.decode() and not is_signed_in(client)


def test_a_code_cannot_be_replayed(world, client):
    secret = give_totp(world.member)
    code = totp_code(secret)
    assert sign_in(client, world.member, code=code).status_code == 302
    client.logout()
    response = sign_in(client, world.member, code=code)
    assert "Incorrect code" in response.content.decode() and not is_signed_in(client)


def test_a_recovery_code_works_once(world, client):
    give_totp(world.member)
    code = recovery_codes(world.member)[0]
    assert sign_in(client, world.member, code=code).status_code == 302 and is_signed_in(client)
    client.logout()
    response = sign_in(client, world.member, code=code)
    assert "Incorrect code" in response.content.decode() and not is_signed_in(client)
    assert code not in recovery_codes(world.member)


def test_wrong_codes_trip_the_limit_and_it_resets(world, client, settings):
    settings.ACCOUNT_RATE_LIMITS = {
        **settings.ACCOUNT_RATE_LIMITS,
        "login_failed": "100/m/ip,3/1s/key",
    }
    secret = give_totp(world.member)
    sign_in(client, world.member)
    for _ in range(3):
        client.post(reverse("mfa_authenticate"), {"code": "000000"})
    response = client.post(reverse("mfa_authenticate"), {"code": totp_code(secret)})
    assert "Too many attempts. Try again in 1 minute." in response.content.decode()
    assert not is_signed_in(client)
    time.sleep(1.1)
    response = client.post(reverse("mfa_authenticate"), {"code": totp_code(secret, steps=1)})
    assert response.status_code == 302 and is_signed_in(client)


def activate_totp_through_the_pages(client, user):
    """As a person would: confirm the password, open the set-up page, type the app's code."""
    reauthenticate(client)
    page = client.get(reverse("mfa_activate_totp"))
    secret = page.context["form"].secret
    response = client.post(reverse("mfa_activate_totp"), {"code": totp_code(secret)})
    assert response.status_code == 302, response.content.decode()[:2000]
    return secret


def test_people_set_up_an_authenticator_app_and_get_recovery_codes(world, client):
    sign_in(client, world.member)
    activate_totp_through_the_pages(client, world.member)
    assert Authenticator.objects.filter(user=world.member, type="totp").exists()
    assert len(recovery_codes(world.member)) == 10


def require_two_factor(client, world):
    client.force_login(world.lead)
    client.post(
        reverse("workspaces:two_factor_policy", args=[world.workspace]),
        {"require_two_factor": "on"},
    )
    client.logout()
    world.workspace.refresh_from_db()
    assert world.workspace.require_two_factor


def test_required_two_factor_sends_members_without_it_to_set_up(world, client):
    client.force_login(world.member)
    dashboard = world.workspace.get_absolute_url()
    assert client.get(dashboard).status_code == 200
    require_two_factor(client, world)
    client.force_login(world.member)
    for url in (dashboard, reverse("workspaces:home"), reverse("workspaces:notification_list")):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"] == reverse("mfa_index")
    page = client.get(reverse("mfa_index"))
    assert page.status_code == 200 and "requires two-factor" in page.content.decode()


def test_once_set_up_the_member_gets_the_content(world, client):
    require_two_factor(client, world)
    sign_in(client, world.member)
    activate_totp_through_the_pages(client, world.member)
    assert client.get(world.workspace.get_absolute_url()).status_code == 200


def test_people_of_other_workspaces_are_not_affected(world, client):
    require_two_factor(client, world)
    client.force_login(world.outsider)
    assert client.get(reverse("workspaces:home")).status_code == 200


def test_turning_the_rule_off_lets_members_in_again(world, client):
    require_two_factor(client, world)
    client.force_login(world.lead)
    give_totp(world.lead)
    client.post(reverse("workspaces:two_factor_policy", args=[world.workspace]), {})
    client.force_login(world.member)
    assert client.get(world.workspace.get_absolute_url()).status_code == 200


def test_managers_see_who_has_two_factor_on(world, client):
    give_totp(world.member)
    client.force_login(world.community_manager)
    page = client.get(reverse("workspaces:member_list", args=[world.workspace]))
    rows = {m.user: m.has_two_factor for _, ms in page.context["organisations"] for m in ms}
    assert rows[world.member] is True and rows[world.observer] is False
    assert '<th scope="col">Two-factor</th>' in page.content.decode()
    client.force_login(world.member)
    page = client.get(reverse("workspaces:member_list", args=[world.workspace]))
    assert '<th scope="col">Two-factor</th>' not in page.content.decode()


def test_only_leads_change_the_rule(world, client):
    client.force_login(world.community_manager)
    response = client.post(
        reverse("workspaces:two_factor_policy", args=[world.workspace]),
        {"require_two_factor": "on"},
    )
    assert response.status_code == 403
    world.workspace.refresh_from_db()
    assert not world.workspace.require_two_factor


def test_someone_elses_security_key_is_not_found(world, client):
    key = Authenticator.objects.create(
        user=world.lead, type=Authenticator.Type.WEBAUTHN, data={"name": "Lead's key"}
    )
    sign_in(client, world.member, PASSWORD)
    reauthenticate(client)
    for name in ("mfa_edit_webauthn", "mfa_remove_webauthn"):
        assert client.get(reverse(name, args=[key.pk])).status_code == 404
    assert Authenticator.objects.filter(pk=key.pk).exists()


def test_the_login_page_offers_passkeys(client):
    page = client.get(reverse("account_login")).content.decode()
    assert 'id="passkey_login"' in page and reverse("mfa_login_webauthn") in page
