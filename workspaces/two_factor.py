"""The rule "members of a workspace that requires two-factor must use it", in one place.

A person has two-factor when they have an authenticator app (TOTP) or a security
key / passkey (WebAuthn); recovery codes alone do not count. The check rides on
the query that loads the signed-in user (the authentication backend), so it costs no query
per request and is never cached across requests: a change applies from the next one.
"""

from allauth.mfa.models import Authenticator
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef
from django.shortcuts import redirect

from .models import Membership

SECOND_FACTORS = (Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN)
# Pages a person must still reach to set two-factor up (or to leave).
OPEN_PREFIXES = ("/accounts/", "/static/", "/healthz")


def has_two_factor_expression(user_ref="pk"):
    return Exists(Authenticator.objects.filter(user=OuterRef(user_ref), type__in=SECOND_FACTORS))


def user_annotations():
    """Annotations for a User queryset: ``has_two_factor`` and ``must_use_two_factor``."""
    return {
        "has_two_factor": has_two_factor_expression(),
        "must_use_two_factor": Exists(
            Membership.objects.filter(user=OuterRef("pk"), workspace__require_two_factor=True)
        ),
    }


def setup_needed(user):
    """True when ``user`` belongs to a workspace requiring two-factor and has none."""
    if not user.is_authenticated:
        return False
    if not hasattr(user, "must_use_two_factor"):  # loaded without the annotations
        user = get_user_model().objects.annotate(**user_annotations()).get(pk=user.pk)
    return user.must_use_two_factor and not user.has_two_factor


class TwoFactorRequiredMiddleware:
    """Sends people who must use two-factor and have none to the set-up page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path_info.startswith(OPEN_PREFIXES) and setup_needed(request.user):
            messages.warning(
                request,
                "An alliance you belong to requires two-factor authentication. "
                "Set up an authenticator app or a security key to continue.",
            )
            return redirect("mfa_index")
        return self.get_response(request)
