"""The login page asks for the e-mail first: people of an organisation linked to an
identity provider go on to it, everyone else (unknown addresses too) gets the password
step. And nobody moves their account into or out of single sign-on by changing their
address (/accounts/email/)."""

import re
import time

import pytest
from allauth.account.models import EmailAddress
from allauth.socialaccount.models import SocialApp
from django.urls import reverse

from tests.accounts.helpers import is_signed_in
from tests.factories import PASSWORD
from workspaces.models import Membership

pytestmark = pytest.mark.django_db
LOGIN = reverse("account_login")


def fields(response):
    return set(re.findall(r'<input[^>]*name="([^"]+)"', response.content.decode()))


def email_step(client, email, **extra):
    return client.post(LOGIN, {"login": email}, **extra)


@pytest.fixture
def organisation(world):
    """The member's organisation, linked to an identity provider that is down."""
    app = SocialApp.objects.create(
        provider="openid_connect",
        provider_id="idp-down",
        name="Down",
        client_id="x",
        settings={"server_url": "http://127.0.0.1:1/o"},
    )
    organisation = Membership.objects.get(user=world.member, workspace=world.workspace).organisation
    organisation.email_domains = "example.org"
    organisation.sso_app = app
    organisation.save()
    return organisation


def test_the_login_page_asks_for_the_email_only(client):
    page = client.get(LOGIN)
    assert page.status_code == 200
    assert "login" in fields(page) and "password" not in fields(page)


def test_a_known_address_gets_the_password_step_and_signs_in(world, client):
    page = email_step(client, world.member.email)
    assert page.status_code == 200 and "password" in fields(page)
    assert world.member.email in page.content.decode()
    response = client.post(LOGIN, {"login": world.member.email, "password": PASSWORD})
    assert response.status_code == 302 and is_signed_in(client)


def normalised(response, email):
    """The page with the typed address and the per-response tokens taken out."""
    body = response.content.decode().replace(email, "EMAIL")
    body = re.sub(r'(csrfmiddlewaretoken" value|nonce)="[^"]+"', "", body)
    return re.sub(r'"X-CSRFToken": "[^"]+"', "", body)


def test_an_unknown_address_gets_the_same_password_step(world, client):
    known = email_step(client, world.member.email)
    unknown = email_step(client, "nobody@example.net")
    assert unknown.status_code == known.status_code == 200
    assert normalised(unknown, "nobody@example.net") == normalised(known, world.member.email)
    response = client.post(LOGIN, {"login": "nobody@example.net", "password": "guess"})
    assert response.status_code == 200 and "not correct" in response.content.decode()


def test_an_empty_password_at_the_password_step_is_asked_for(world, client):
    response = client.post(LOGIN, {"login": world.member.email, "password": ""})
    assert response.status_code == 200 and "Enter your password." in response.content.decode()


def test_an_idp_that_is_down_leads_to_the_password_step(world, client, organisation):
    page = email_step(client, world.member.email)
    body = page.content.decode()
    assert "sign-in service is not answering" in body and "password" in fields(page)
    client.post(LOGIN, {"login": world.member.email, "password": PASSWORD})
    assert is_signed_in(client)


def test_an_organisation_that_requires_sso_has_no_password_step(world, client, organisation):
    organisation.sso_required = True
    organisation.save()
    page = email_step(client, world.member.email)
    body = page.content.decode()
    assert page.status_code == 200 and "sign-in service is not answering" in body
    assert "or sign in with your password" not in body and "password" not in fields(page)
    response = client.post(LOGIN, {"login": world.member.email, "password": PASSWORD})
    assert "leave the password empty" in response.content.decode()
    assert not is_signed_in(client)


@pytest.mark.parametrize(
    "email",
    ["", "no-at-sign", "a\x00b@example.org", "١٢٣@example.org", "x" * 100_000 + "@example.org"],
)
def test_hostile_addresses_get_a_clear_answer(client, email):
    response = email_step(client, email)
    assert response.status_code == 200 and "password" not in fields(response)
    assert not is_signed_in(client)


def test_the_email_step_is_rate_limited_and_resets(world, client, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "login": "3/1s/ip"}
    for _ in range(3):
        assert email_step(client, world.member.email).status_code == 200
    response = email_step(client, world.member.email)
    assert response.status_code == 429 and "Try again in 1 minute" in response.content.decode()
    time.sleep(1.1)
    assert email_step(client, world.member.email).status_code == 200


def test_the_email_page_shows_the_address_and_changes_nothing(world, client):
    client.force_login(world.member)
    page = client.get(reverse("account_email"))
    assert page.status_code == 200 and world.member.email in page.content.decode()
    assert "<form" not in page.content.decode().split("<main", 1)[-1]
    for data in [
        {"action_add": "", "email": "me@nordicwind.example"},
        {"action_primary": "", "email": "me@nordicwind.example"},
        {"action_remove": "", "email": world.member.email},
    ]:
        assert client.post(reverse("account_email"), data).status_code == 405
    world.member.refresh_from_db()
    assert world.member.email.endswith("@example.org")
    assert not EmailAddress.objects.filter(email="me@nordicwind.example").exists()
