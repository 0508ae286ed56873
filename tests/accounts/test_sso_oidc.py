"""Single sign-on through a partner organisation's OpenID Connect provider: the whole
round trip against a real provider process (tests/oidc_idp) on 127.0.0.1."""

from urllib.parse import parse_qs, urlencode, urljoin, urlsplit

import pytest
import requests
from allauth.socialaccount.models import SocialAccount, SocialApp
from django.urls import reverse

from profiles.models import User
from tests.accounts.conftest import IDP_APP
from tests.accounts.helpers import is_signed_in, sign_in
from tests.factories import PASSWORD
from workspaces.models import Invitation, Membership

pytestmark = pytest.mark.django_db


@pytest.fixture
def organisation(world, oidc_idp):
    """The member's organisation, linked to the test IdP for the domain example.org."""
    app = SocialApp.objects.create(
        provider="openid_connect",
        provider_id=IDP_APP,
        name="Nordic Wind sign-in",
        client_id=oidc_idp.client_id,
        secret=oidc_idp.secret,
        settings={"server_url": f"{oidc_idp.url}/o", "oauth_pkce_enabled": True},
    )
    organisation = Membership.objects.get(user=world.member, workspace=world.workspace).organisation
    organisation.email_domains = "example.org, nordicwind.example"
    organisation.sso_app = app
    organisation.save()
    return organisation


def start(client, email):
    """The login page with the e-mail only: on to the organisation's IdP."""
    page = client.post(reverse("account_login"), {"login": email, "password": ""})
    assert page.status_code == 200, page.status_code
    assert "Continue to" in page.content.decode()
    response = client.post(reverse("openid_connect_login", args=[IDP_APP]))
    assert response.status_code == 302
    return response["Location"]


def at_the_idp(authorize_url, email, verified=True):
    """A person at the IdP: opens the authorise link, signs in there, comes back."""
    browser = requests.Session()
    response = browser.get(authorize_url, allow_redirects=False)
    login = urljoin(authorize_url, response.headers["Location"])
    response = browser.post(
        login, {"email": email, "verified": "1" if verified else "0"}, allow_redirects=False
    )
    response = browser.get(urljoin(login, response.headers["Location"]), allow_redirects=False)
    back = response.headers["Location"]
    assert back.startswith("http://testserver/"), back
    return back


def come_back(client, callback_url, **replace):
    parts = urlsplit(callback_url)
    query = {k: v[0] for k, v in parse_qs(parts.query).items()} | replace
    return client.get(f"{parts.path}?{urlencode(query)}")


def round_trip(client, email, idp_email=None, verified=True, **replace):
    authorize = start(client, email)
    return come_back(client, at_the_idp(authorize, idp_email or email, verified), **replace)


def test_a_member_signs_in_through_their_organisation(world, client, organisation):
    response = round_trip(client, world.member.email)
    assert response.status_code == 302, response.content.decode()[:500]
    assert is_signed_in(client)
    assert client.get(world.workspace.get_absolute_url()).status_code == 200
    assert SocialAccount.objects.filter(user=world.member, provider=IDP_APP).exists()


def test_the_second_time_the_linked_account_signs_in(world, client, organisation):
    round_trip(client, world.member.email)
    client.logout()
    assert round_trip(client, world.member.email).status_code == 302 and is_signed_in(client)


def test_an_invited_persons_first_sign_in_accepts_the_invitation(
    world, client, organisation, invite
):
    invite("newcomer@nordicwind.example")
    response = round_trip(client, "newcomer@nordicwind.example")
    assert response.status_code == 302 and is_signed_in(client)
    user = User.objects.get(email="newcomer@nordicwind.example")
    assert not user.has_usable_password()
    assert Membership.objects.filter(user=user, workspace=world.workspace).exists()
    assert Invitation.objects.get(email="newcomer@nordicwind.example").accepted_by == user


def test_nobody_without_an_invitation_gets_an_account(client, organisation):
    response = round_trip(client, "stranger@nordicwind.example")
    assert response.status_code == 403 and "invitation-only" in response.content.decode()
    assert not User.objects.filter(email="stranger@nordicwind.example").exists()
    assert not is_signed_in(client)


def test_an_address_of_another_organisations_domain_is_refused(world, client, organisation):
    response = round_trip(client, world.member.email, idp_email="someone@elsewhere.example")
    assert response.status_code == 403 and "is not an address of" in response.content.decode()
    assert not is_signed_in(client)


def test_an_address_the_idp_does_not_vouch_for_is_refused(world, client, organisation):
    response = round_trip(client, world.member.email, verified=False)
    assert response.status_code == 403 and "did not confirm" in response.content.decode()
    assert not is_signed_in(client)


def test_removal_from_the_alliance_wins_over_the_idp(world, client, organisation):
    response = round_trip(client, world.removed.email)
    assert response.status_code == 403 and "not a member" in response.content.decode()
    assert not is_signed_in(client)


def test_a_linked_account_removed_later_is_refused(world, client, organisation):
    from workspaces import services

    round_trip(client, world.member.email)
    client.logout()
    services.member_remove(
        actor=world.lead, membership=world.workspace.memberships.get(user=world.member)
    )
    assert round_trip(client, world.member.email).status_code == 403
    assert not is_signed_in(client)


def test_a_state_that_does_not_match_is_refused(world, client, organisation):
    response = round_trip(client, world.member.email, state="forged-state")
    assert response.status_code == 400 and "did not complete" in response.content.decode()
    assert not is_signed_in(client)


def test_a_code_from_another_browser_is_refused(world, client, organisation):
    from django.test import Client

    callback = at_the_idp(start(client, world.member.email), world.member.email)
    attacker = Client()
    start(attacker, world.member.email)
    assert come_back(attacker, callback).status_code == 400
    assert not is_signed_in(attacker)


def test_an_idp_that_is_down_says_so_and_passwords_still_work(world, client, organisation):
    organisation.sso_app.settings = {"server_url": "http://127.0.0.1:1/o"}
    organisation.sso_app.save()
    response = client.post(
        reverse("account_login"), {"login": world.member.email, "password": ""}, follow=True
    )
    assert "sign-in service is not answering" in response.content.decode()
    assert "or sign in with your password" in response.content.decode()
    assert sign_in(client, world.member).status_code == 302 and is_signed_in(client)


def test_an_organisation_that_requires_sso_refuses_passwords(world, client, organisation):
    organisation.sso_required = True
    organisation.save()
    response = sign_in(client, world.member)
    assert response.status_code == 200 and "leave the password empty" in response.content.decode()
    assert not is_signed_in(client)


def test_people_of_other_domains_sign_in_with_their_password(world, client, organisation):
    world.lead.email = "lead@elsewhere.example"
    world.lead.save()
    assert sign_in(client, world.lead).status_code == 302 and is_signed_in(client)


def test_password_still_works_for_a_linked_organisation(world, client, organisation):
    assert sign_in(client, world.member, PASSWORD).status_code == 302 and is_signed_in(client)


def test_a_second_factor_is_still_asked_for_after_the_idp(world, client, organisation):
    from tests.accounts.helpers import give_totp, totp_code

    secret = give_totp(world.member)
    response = round_trip(client, world.member.email)
    assert response["Location"] == reverse("mfa_authenticate") and not is_signed_in(client)
    client.post(reverse("mfa_authenticate"), {"code": totp_code(secret)})
    assert is_signed_in(client)


def test_only_superusers_link_an_organisation_to_an_identity_provider(world, client, organisation):
    from django.contrib.auth.models import Permission

    world.community_manager.user_permissions.add(
        *Permission.objects.filter(codename__in=["change_organisation", "view_organisation"])
    )
    client.force_login(world.community_manager)
    url = reverse("admin:workspaces_organisation_change", args=[organisation.pk])
    response = client.post(
        url,
        {
            "name": organisation.name,
            "website": "https://changed.example",
            "email_domains": "evil.example",
            "sso_app": "",
        },
    )
    assert response.status_code == 302
    organisation.refresh_from_db()
    assert organisation.website == "https://changed.example"  # the save went through...
    assert organisation.sso_app is not None and "evil.example" not in organisation.email_domains
