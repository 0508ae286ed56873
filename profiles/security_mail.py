"""Security e-mails beyond allauth's own (ACCOUNT_EMAIL_NOTIFICATIONS sends "password
changed", "authenticator app turned off", "security key removed", ...): a sign-in
from a new device, and a recovery code used."""

import hashlib

from allauth.account.adapter import get_adapter

from .models import KnownDevice


def _fingerprint(request):
    agent = request.META.get("HTTP_USER_AGENT", "")
    return hashlib.sha256(agent.encode("utf-8", "replace")).hexdigest()


def note_sign_in(request, user):
    """Remember this browser; e-mail the person when it is new and not their first."""
    had_devices = KnownDevice.objects.filter(user=user).exists()
    _, created = KnownDevice.objects.get_or_create(user=user, fingerprint=_fingerprint(request))
    if created and had_devices:
        get_adapter(request).send_notification_mail("account/email/new_sign_in", user)


def recovery_code_used(request, user, codes_left):
    get_adapter(request).send_notification_mail(
        "mfa/email/recovery_code_used", user, {"codes_left": codes_left}
    )
