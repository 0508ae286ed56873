import time

from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, generate_totp_secret, hotp_value
from django.urls import reverse

from tests.factories import PASSWORD


def totp_code(secret, steps=0):
    """The authenticator app's code now (or ``steps`` periods of 30 s away)."""
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30 + steps))


def give_totp(user):
    """Turn on an authenticator app (and recovery codes) for ``user``; returns the secret."""
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    RecoveryCodes.activate(user)
    return secret


def recovery_codes(user):
    return RecoveryCodes(
        Authenticator.objects.get(user=user, type="recovery_codes")
    ).get_unused_codes()


def sign_in(client, user, password=PASSWORD, code=None, **extra):
    """Password first; then, if asked, the second factor. Returns the last response."""
    response = client.post(
        reverse("account_login"), {"login": user.email, "password": password}, **extra
    )
    if code is not None and response.get("Location") == reverse("mfa_authenticate"):
        response = client.post(reverse("mfa_authenticate"), {"code": code}, **extra)
    return response


def is_signed_in(client):
    return client.get(reverse("workspaces:home")).status_code == 200


def reauthenticate(client, password=PASSWORD):
    """Confirm the password, as allauth asks before changing a second factor."""
    response = client.post(reverse("account_reauthenticate"), {"password": password})
    assert response.status_code == 302
