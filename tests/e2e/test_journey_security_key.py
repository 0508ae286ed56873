"""Journey: a member adds a security key (Chromium's virtual authenticator stands in for
the hardware) and signs in with the password and the key."""

import pytest

from tests.e2e.conftest import north_sea_alliance
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)


def test_member_adds_a_security_key_and_signs_in_with_it(people, settings):
    settings.MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = True  # the live server speaks http
    workspace, _, anna_user, _ = north_sea_alliance()
    anna = people("anna")
    cdp = anna.context.new_cdp_session(anna.page)
    cdp.send("WebAuthn.enable")
    cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "usb",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
            }
        },
    )
    anna.sign_in(anna_user.email, PASSWORD)
    anna.goto("/accounts/2fa/webauthn/add/")
    anna.page.get_by_label("Password").fill(PASSWORD)
    anna.page.get_by_role("button", name="Confirm").click()
    anna.page.get_by_label("Name").fill("Anna's key")
    anna.page.get_by_role("button", name="Add", exact=True).click()
    anna.page.get_by_text("Security key added").wait_for()
    assert anna_user.authenticator_set.filter(type="webauthn").exists()
    anna.screenshot("security key added")

    anna.page.get_by_text(anna_user.display_name).first.click()
    anna.page.get_by_role("button", name="Sign out").click()
    anna.sign_in(anna_user.email, PASSWORD)
    assert "/accounts/2fa/authenticate/" in anna.page.url
    anna.page.get_by_role("button", name="Use a security key").click()
    anna.page.wait_for_url(lambda url: "/accounts/2fa/authenticate/" not in url)
    anna.goto(workspace.get_absolute_url())
    anna.page.get_by_role("navigation", name="Workspace").wait_for()
    anna.screenshot("signed in with the key")
