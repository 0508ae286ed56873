import pytest

from profiles.models import User
from tests.accounts.helpers import is_signed_in, sign_in, totp_code
from workspaces.models import Workspace

pytestmark = pytest.mark.django_db

DEMO_PASSWORD = "alliance-demo-2026"


@pytest.fixture
def logins(seeded_demo):
    return seeded_demo.logins()


def test_the_demo_persona_signs_in_with_the_published_secret(logins, client):
    [secret] = {row["totp_secret"] for row in logins if row["totp_secret"]}
    sofia = User.objects.get(email=next(r["email"] for r in logins if r["totp_secret"]))
    assert sign_in(client, sofia, DEMO_PASSWORD)["Location"] == "/accounts/2fa/authenticate/"
    assert sign_in(client, sofia, DEMO_PASSWORD, code=totp_code(secret)).status_code == 302
    assert client.get("/w/rhine-water/", follow=True).status_code == 200


def test_the_rhine_alliance_requires_two_factor(logins, client):
    assert Workspace.objects.get(slug="rhine-water").require_two_factor
    assert not Workspace.objects.get(slug="north-sea").require_two_factor
    greta = User.objects.get(email="greta@rhinewater.example")
    sign_in(client, greta, DEMO_PASSWORD)
    assert client.get("/w/rhine-water/")["Location"] == "/accounts/2fa/"
    anna = User.objects.get(email="anna@nordicwind.example")
    client.logout()
    sign_in(client, anna, DEMO_PASSWORD)
    assert is_signed_in(client)
