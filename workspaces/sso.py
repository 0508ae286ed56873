"""Single sign-on per partner organisation (OpenID Connect or SAML 2.0 through allauth).

An Organisation linked to an allauth SocialApp (``sso_app``) signs in the people of
its e-mail domains through its own identity provider (IdP). What the IdP says is
never enough on its own: the e-mail must be confirmed by the IdP, be of one of the
organisation's domains, and belong to a current member (or a pending invitation,
which a first sign-in accepts). Removal from the alliance ends access whatever the
IdP says, because membership is checked at every sign-in and on every request.
"""

import requests
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.shortcuts import render

from . import saml, services
from .models import Invitation, Membership, Organisation


def organisation_for_email(email):
    """The SSO-linked organisation whose domains include ``email``'s, or None."""
    domain = (email or "").rpartition("@")[2].strip().lower()
    if not domain:
        return None
    for organisation in Organisation.objects.filter(sso_app__isnull=False).select_related(
        "sso_app"
    ):
        if domain in organisation.domains:
            return organisation
    return None


def login_url(organisation):
    return organisation.sso_app.get_provider(None).get_login_url(None)


def idp_reachable(organisation):
    """Whether the IdP answers now (a short timeout): OpenID Connect's discovery
    document, or any answer but a server error from a SAML IdP's sign-in URL (which
    refuses a visit without a request, but is up)."""
    if saml.is_saml(organisation):
        url, answers = saml.idp_settings(organisation)["sso_url"], lambda r: r.status_code < 500
    else:
        url, answers = organisation.sso_app.get_provider(None).server_url, lambda r: r.ok
    try:
        return answers(requests.get(url, timeout=settings.SSO_DISCOVERY_TIMEOUT))
    except requests.RequestException:
        return False


def unavailable_message(organisation):
    message = f"{organisation}'s sign-in service is not answering. Try again in a few minutes"
    if organisation.sso_required:
        return message + "."
    return message + ", or sign in with your password."


class Refused(Exception):
    pass


def _verified_email(sociallogin):
    email = (sociallogin.user.email or "").strip().lower()
    # SAML has no "verified" claim: the assertion's signature by the organisation's
    # own IdP (checked by python3-saml against the configured certificate) vouches.
    verified = sociallogin.account.get_provider().id == saml.PROVIDER or any(
        address.verified and address.email.lower() == email
        for address in sociallogin.email_addresses
    )
    if not email or not verified:
        raise Refused("Your organisation's sign-in service did not confirm your e-mail address.")
    return email


def _member(email):
    user = get_user_model().objects.filter(email__iexact=email).first()
    if user is None:
        return None
    if not user.is_active or not Membership.objects.filter(user=user).exists():
        raise Refused("This account is not a member of any alliance here (any more).")
    return user


@transaction.atomic
def _accept_invitation(email, sociallogin):
    invitation = Invitation.objects.pending().filter(email__iexact=email).first()
    if invitation is None:
        raise Refused("Alliance Hub is invitation-only, and there is no invitation for you.")
    name = sociallogin.account.extra_data.get("name") or ""
    if not name:
        userinfo = sociallogin.account.extra_data.get("userinfo") or {}
        name = userinfo.get("name") or email.partition("@")[0]
    return services.invitation_accept(invitation=invitation, display_name=name, password=None).user


def check_sign_in(request, sociallogin):
    """The user ``sociallogin`` may sign in as; raises Refused with the reason."""
    organisation = Organisation.objects.filter(
        sso_app=sociallogin.account.get_provider().app
    ).first()
    if organisation is None:
        raise Refused("This sign-in service is not linked to a partner organisation.")
    email = _verified_email(sociallogin)
    if email.rpartition("@")[2] not in organisation.domains:
        raise Refused(f"{email} is not an address of {organisation}.")
    user = _member(email)
    if sociallogin.is_existing and sociallogin.user.pk != getattr(user, "pk", None):
        raise Refused("This sign-in belongs to another account.")
    return user or _accept_invitation(email, sociallogin)


INCOMPLETE = (
    "The sign-in through your organisation did not complete (it was cancelled, expired, "
    "not validly signed or did not match this browser). Please start again."
)


def refusal(request, reason, status=403):
    return render(request, "account/sso_refused.html", {"reason": reason}, status=status)


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    def pre_social_login(self, request, sociallogin):
        if sociallogin.state.get("process") == "connect":
            # Accounts are linked by the organisation's domain at sign-in, never by hand.
            raise ImmediateHttpResponse(refusal(request, "Accounts cannot be linked by hand."))
        try:
            user = check_sign_in(request, sociallogin)
        except Refused as reason:
            raise ImmediateHttpResponse(refusal(request, str(reason))) from None
        if not sociallogin.is_existing:
            sociallogin.connect(request, user)

    def is_open_for_signup(self, request, sociallogin):
        return False  # accounts come from invitations (accepted in check_sign_in)

    def on_authentication_error(
        self, request, provider, error=None, exception=None, extra_context=None
    ):
        raise ImmediateHttpResponse(refusal(request, INCOMPLETE, status=400))
