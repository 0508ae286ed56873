"""Rate limits: the one place that says when someone may try again.

The limits themselves are ``ACCOUNT_RATE_LIMITS`` in settings (allauth enforces
its own actions; ``invitation_token`` is ours). Counters live in Django's cache.
"""

import math

from allauth.core.internal import ratelimit
from django.shortcuts import render

APP = "allauth.account"

# The action whose limit a refused request on each URL ran into.
ACTION_OF_URL = {
    "account_login": "login",
    "account_reset_password": "reset_password",
    "account_reset_password_from_key": "reset_password_from_key",
    "account_change_password": "change_password",
    "account_reauthenticate": "reauthenticate",
    "workspaces:invitation_accept": "invitation_token",
}


def retry_minutes(action):
    """The longest window of ``action``'s limits, in whole minutes: by then it has reset."""
    rates = ratelimit.get_rates(app=APP, action=action)
    return max(1, math.ceil(max((rate.duration for rate in rates), default=60) / 60))


def try_again_message(action):
    minutes = retry_minutes(action)
    return f"Too many attempts. Try again in {minutes} minute{'' if minutes == 1 else 's'}."


def too_many_requests(request, exception=None):
    """The 429 page (allauth's refusals and ours), saying when to try again."""
    match = request.resolver_match
    action = ACTION_OF_URL.get(match.view_name if match else "", "login")
    return render(request, "429.html", {"message": try_again_message(action)}, status=429)


def invitation_token_allowed(request):
    """False once this address has guessed too many wrong invitation tokens."""
    return bool(
        ratelimit.consume(request, app=APP, action="invitation_token", dry_run=True, limit_get=True)
    )


def invitation_token_failed(request):
    """Count one wrong invitation token against this address."""
    ratelimit.consume(request, app=APP, action="invitation_token", limit_get=True)
