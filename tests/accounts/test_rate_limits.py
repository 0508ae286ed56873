"""Each rate limit trips, says when to try again, and resets once its window has passed.

Windows are shortened to a second through settings so that the reset is real time."""

import time

import pytest
from django.core import mail
from django.urls import reverse

from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def limits(settings):
    def set_limit(action, rate):
        settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, action: rate}

    return set_limit


def sign_in(client, email, password, ip="10.0.0.1"):
    return client.post(
        reverse("account_login"), {"login": email, "password": password}, REMOTE_ADDR=ip
    )


def signed_in(client):
    return client.get(reverse("workspaces:home")).status_code == 200


def test_failed_logins_per_account_lock_it_even_for_the_right_password(world, client, limits):
    limits("login_failed", "100/m/ip,3/1s/key")
    for _ in range(3):
        assert "not correct" in sign_in(client, world.member.email, "wrong").content.decode()
    response = sign_in(client, world.member.email, PASSWORD)
    assert "Too many attempts. Try again in 1 minute." in response.content.decode()
    assert not signed_in(client)
    # Another account from the same address is not affected.
    assert sign_in(client, world.lead.email, PASSWORD).status_code == 302
    client.logout()
    time.sleep(1.1)
    assert sign_in(client, world.member.email, PASSWORD).status_code == 302
    assert signed_in(client)


def test_failed_logins_per_address_stop_guessing_across_accounts(world, client, limits):
    limits("login_failed", "3/1s/ip,100/m/key")
    for n in range(3):
        sign_in(client, f"nobody{n}@example.org", "wrong")
    response = sign_in(client, world.member.email, PASSWORD)
    assert "Too many attempts" in response.content.decode() and not signed_in(client)
    # The same account from another address still signs in.
    assert sign_in(client, world.member.email, PASSWORD, ip="10.0.0.2").status_code == 302
    client.logout()
    time.sleep(1.1)
    assert sign_in(client, world.member.email, PASSWORD).status_code == 302


def test_the_message_says_how_long_the_lock_lasts(world, client, limits):
    limits("login_failed", "100/m/ip,1/5m/key")
    sign_in(client, world.member.email, "wrong")
    response = sign_in(client, world.member.email, "wrong")
    assert "Too many attempts. Try again in 5 minutes." in response.content.decode()


def test_spoofed_forwarded_for_does_not_escape_the_address_limit(world, client, limits):
    limits("login_failed", "2/1s/ip,100/m/key")
    for n in range(2):
        client.post(
            reverse("account_login"),
            {"login": world.member.email, "password": "wrong"},
            REMOTE_ADDR="10.0.0.9",
            HTTP_X_FORWARDED_FOR=f"192.0.2.{n}",
        )
    response = client.post(
        reverse("account_login"),
        {"login": world.member.email, "password": PASSWORD},
        REMOTE_ADDR="10.0.0.9",
        HTTP_X_FORWARDED_FOR="192.0.2.77",
    )
    assert "Too many attempts" in response.content.decode()


def test_password_reset_requests_are_limited_per_account(world, client, limits):
    limits("reset_password", "2/1s/key")
    url = reverse("account_reset_password")
    for _ in range(2):
        assert client.post(url, {"email": world.member.email}).status_code == 302
    response = client.post(url, {"email": world.member.email})
    assert response.status_code == 429
    assert "Too many attempts. Try again in 1 minute." in response.content.decode()
    assert len(mail.outbox) == 2
    time.sleep(1.1)
    assert client.post(url, {"email": world.member.email}).status_code == 302
    assert len(mail.outbox) == 3


def test_guessing_invitation_tokens_is_limited(world, client, limits, invite):
    limits("invitation_token", "3/1s/ip")
    token = invite("guest@example.org")
    for n in range(3):
        assert (
            client.get(reverse("workspaces:invitation_accept", args=[f"guess{n}"])).status_code
            == 410
        )
    # Now even the right token waits: the guesser cannot tell a hit from a miss.
    response = client.get(reverse("workspaces:invitation_accept", args=[token]))
    assert response.status_code == 429 and "Try again in 1 minute" in response.content.decode()
    # Other addresses are not affected.
    response = client.get(
        reverse("workspaces:invitation_accept", args=[token]), REMOTE_ADDR="10.1.1.1"
    )
    assert response.status_code == 200
    time.sleep(1.1)
    assert client.get(reverse("workspaces:invitation_accept", args=[token])).status_code == 200


def test_the_admin_login_is_the_rate_limited_login(world, client, limits):
    limits("login_failed", "100/m/ip,2/1s/key")
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302
    assert response["Location"] == reverse("account_login") + "?next=%2Fadmin%2F"
    # The admin's own login form is not reachable, by GET or POST.
    assert (
        client.post(
            "/admin/login/", {"username": world.lead.email, "password": PASSWORD}
        ).status_code
        == 405
    )
    for _ in range(2):
        sign_in(client, world.lead.email, "wrong")
    assert "Too many attempts" in sign_in(client, world.lead.email, PASSWORD).content.decode()
    assert client.get("/admin/").status_code == 302


def test_admin_login_refuses_outside_next_urls(client):
    response = client.get("/admin/login/?next=https://evil.example/")
    assert response["Location"] == reverse("account_login") + "?next=%2Fadmin%2F"


def test_a_signed_in_non_staff_person_is_refused_not_looped(world, client):
    client.force_login(world.member)
    assert client.get("/admin/login/?next=/admin/").status_code == 403
