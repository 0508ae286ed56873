"""Your sessions, ending them, and how long a sign-in lasts."""

import pytest
from django.test import Client
from django.urls import reverse

from alliance_hub.sessions import SEEN, STARTED
from tests.accounts.helpers import is_signed_in, sign_in
from tests.factories import PASSWORD
from workspaces import services

pytestmark = pytest.mark.django_db

PHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) Mobile/15E148"
LAPTOP = "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0"


@pytest.fixture
def two_browsers(world, django_capture_on_commit_callbacks):
    """The member signed in on a laptop and on a phone, each with its own address."""
    laptop = Client(HTTP_USER_AGENT=LAPTOP, REMOTE_ADDR="203.0.113.5")
    phone = Client(HTTP_USER_AGENT=PHONE, REMOTE_ADDR="198.51.100.7")
    for browser in (laptop, phone):
        assert sign_in(browser, world.member).status_code == 302
        assert is_signed_in(browser)
    return laptop, phone


def test_your_sessions_lists_device_address_and_last_activity(world, two_browsers):
    laptop, _ = two_browsers
    page = laptop.get(reverse("usersessions_list")).content.decode()
    assert "iPhone" in page and "Firefox" in page
    assert "198.51.100.7" in page and "203.0.113.5" in page
    assert "Last activity" in page and "(this browser)" in page
    assert "Sign out everywhere else" in page


def test_sign_out_everywhere_else_keeps_this_browser(
    world, two_browsers, django_capture_on_commit_callbacks
):
    laptop, phone = two_browsers
    laptop.post(reverse("usersessions_list"))
    assert is_signed_in(laptop) and not is_signed_in(phone)


def test_changing_the_password_ends_the_other_sessions(
    world, two_browsers, django_capture_on_commit_callbacks
):
    laptop, phone = two_browsers
    with django_capture_on_commit_callbacks(execute=True):
        response = laptop.post(
            reverse("account_change_password"),
            {"oldpassword": PASSWORD, "password1": "N3w-pass-word!", "password2": "N3w-pass-word!"},
        )
    assert response.status_code == 302
    assert is_signed_in(laptop) and not is_signed_in(phone)
    assert world.member.usersession_set.count() == 1


def test_removal_from_the_last_workspace_ends_every_session(
    world, two_browsers, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.member_remove(
            actor=world.lead, membership=world.workspace.memberships.get(user=world.member)
        )
    assert not any(is_signed_in(browser) for browser in two_browsers)
    assert not world.member.usersession_set.exists()


def test_removal_from_one_of_several_workspaces_keeps_the_sessions(
    world, django_capture_on_commit_callbacks
):
    # The outsider leads another workspace; add them here too, then remove them here.
    from tests.factories import add_member

    browser = Client()
    person = add_member(world.other_workspace)
    world.workspace.memberships.create(user=person, organisation=world.workspace.partners.first())
    sign_in(browser, person)
    with django_capture_on_commit_callbacks(execute=True):
        services.member_remove(
            actor=world.lead, membership=world.workspace.memberships.get(user=person)
        )
    assert is_signed_in(browser)


def test_deactivating_an_account_ends_every_session(
    world, two_browsers, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        world.member.is_active = False
        world.member.save()
    assert not any(is_signed_in(browser) for browser in two_browsers)
    assert not world.member.usersession_set.exists()


def _age_session(browser, **seconds_ago):
    import time

    session = browser.session
    for key, ago in seconds_ago.items():
        session[key] = time.time() - ago
    session.save()


def test_an_idle_session_ends(world, client, settings):
    settings.SESSION_IDLE_SECONDS = 600
    sign_in(client, world.member)
    assert is_signed_in(client)
    _age_session(client, **{SEEN: 601})
    response = client.get(world.workspace.get_absolute_url())
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    page = client.get(response["Location"])
    assert "signed out after 10 minutes without activity" in page.content.decode()


def test_activity_keeps_a_session_alive(world, client, settings):
    settings.SESSION_IDLE_SECONDS = 600
    sign_in(client, world.member)
    _age_session(client, **{SEEN: 599})
    assert is_signed_in(client)
    _age_session(client, **{SEEN: 599})
    assert is_signed_in(client)


def test_a_session_ends_after_its_lifetime_even_when_busy(world, client, settings):
    settings.SESSION_COOKIE_AGE = 3600
    sign_in(client, world.member)
    _age_session(client, **{STARTED: 3601, SEEN: 1})
    assert not is_signed_in(client)


def test_last_activity_is_noted_about_once_a_minute(world, client):
    sign_in(client, world.member)
    row = world.member.usersession_set.get()
    _age_session(client, **{SEEN: 61})
    assert is_signed_in(client)
    assert world.member.usersession_set.get().last_seen_at > row.last_seen_at
