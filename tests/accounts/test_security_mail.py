"""Security e-mails: a new device, a new password, two-factor turned off, a recovery code
used. They are queued by the request and delivered when the task worker runs."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.accounts.helpers import give_totp, reauthenticate, recovery_codes, sign_in
from tests.factories import PASSWORD
from tests.jobs.helpers import DB_QUEUE, work, worker_db

pytestmark = worker_db


@pytest.fixture(autouse=True)
def queue(settings):
    settings.TASKS = DB_QUEUE


def delivered(mailoutbox, user):
    """What the person gets: nothing while the request runs, the e-mails once the worker has."""
    assert subjects(mailoutbox, user) == [], "sent inside the request"
    work()
    return subjects(mailoutbox, user)


LAPTOP = "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0"
PHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) Mobile/15E148"


def browser(agent):
    return Client(HTTP_USER_AGENT=agent, REMOTE_ADDR="203.0.113.5")


def subjects(mailoutbox, user):
    return [m.subject for m in mailoutbox if user.email in m.to]


def test_a_sign_in_from_a_new_device_is_mailed(world, mailoutbox):
    sign_in(browser(LAPTOP), world.member)
    assert delivered(mailoutbox, world.member) == []  # the first device is no news
    sign_in(browser(LAPTOP), world.member)
    assert delivered(mailoutbox, world.member) == []
    sign_in(browser(PHONE), world.member)
    assert len(delivered(mailoutbox, world.member)) == 1
    [message] = [m for m in mailoutbox if world.member.email in m.to]
    assert "New sign-in" in message.subject
    assert "iPhone" in message.body and "203.0.113.5" in message.body


def test_a_failed_sign_in_from_a_new_device_sends_nothing(world, mailoutbox):
    sign_in(browser(LAPTOP), world.member)
    sign_in(browser(PHONE), world.member, password="wrong")
    assert delivered(mailoutbox, world.member) == []


def test_a_password_change_is_mailed(world, mailoutbox):
    laptop = browser(LAPTOP)
    sign_in(laptop, world.member)
    laptop.post(
        reverse("account_change_password"),
        {"oldpassword": PASSWORD, "password1": "N3w-pass-word!", "password2": "N3w-pass-word!"},
    )
    assert any("Password Changed" in s for s in delivered(mailoutbox, world.member))


def test_turning_two_factor_off_is_mailed(world, mailoutbox):
    give_totp(world.member)
    laptop = browser(LAPTOP)
    laptop.force_login(world.member)
    reauthenticate(laptop)
    response = laptop.post(reverse("mfa_deactivate_totp"))
    assert response.status_code == 302
    assert not world.member.authenticator_set.filter(type="totp").exists()
    assert any("Authenticator App Deactivated" in s for s in delivered(mailoutbox, world.member))


def test_a_used_recovery_code_is_mailed_with_the_codes_left(world, mailoutbox):
    give_totp(world.member)
    code = recovery_codes(world.member)[0]
    assert sign_in(browser(LAPTOP), world.member, code=code).status_code == 302
    assert delivered(mailoutbox, world.member)
    [message] = [m for m in mailoutbox if "recovery code" in m.subject.lower()]
    assert world.member.email in message.to and "9 unused recovery codes left" in message.body
