"""Journey: a lead makes two-factor compulsory; a member is sent to set it up, adds an
authenticator app, and from then on signs in with the password and the app's code."""

import pytest

from tests.accounts.helpers import totp_code
from tests.e2e.conftest import north_sea_alliance
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)


def test_member_sets_up_an_authenticator_app_and_signs_in_with_it(people):
    workspace, lead, anna_user, _ = north_sea_alliance(lead_name="Lena Lead")

    lena = people("lena")
    lena.sign_in(lead.email, PASSWORD)
    lena.goto(f"/w/{workspace.slug}/members/")
    lena.page.get_by_label("Members must use two-factor").check()
    lena.page.get_by_role("button", name="Save").click()
    # The rule applies to the lead at once too: no content until two-factor is on.
    lena.page.get_by_text("requires two-factor authentication").wait_for()

    anna = people("anna")
    anna.sign_in(anna_user.email, PASSWORD)
    anna.goto(workspace.get_absolute_url())
    anna.page.get_by_text("requires two-factor authentication").wait_for()
    assert anna.page.url.endswith("/accounts/2fa/")
    anna.check("sent to set up two-factor")
    anna.page.get_by_role("link", name="Activate").click()
    anna.page.get_by_label("Password").fill(PASSWORD)  # allauth asks for it again first
    anna.page.get_by_role("button", name="Confirm").click()
    secret = anna.page.locator("#authenticator_secret").input_value()
    anna.screenshot("authenticator app")
    anna.page.get_by_label("Authenticator code").fill(totp_code(secret))
    anna.page.get_by_role("button", name="Activate").click()
    anna.page.get_by_text("Authenticator app activated").wait_for()
    anna.screenshot("recovery codes")

    anna.page.get_by_text(anna_user.display_name).first.click()
    anna.page.get_by_role("button", name="Sign out").click()
    anna.sign_in(anna_user.email, PASSWORD)
    anna.page.get_by_label("Code").fill(totp_code(secret, steps=1))
    anna.screenshot("second factor")
    anna.page.get_by_role("button", name="Sign in").click()
    anna.goto(workspace.get_absolute_url())
    anna.page.get_by_role("navigation", name="Workspace").wait_for()
    anna.check("signed in with two-factor")
