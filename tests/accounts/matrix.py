"""Sign-in, password, two-factor and session pages (django-allauth's URLs, ours around them)."""

from django.urls import reverse

from tests.matrix import FORBIDDEN, LOGIN, NOT_FOUND, Route
from workspaces.roles import Action

EVERYONE = [
    "anonymous", "outsider", "removed", "observer", "member", "non_group_member",
    "community_manager", "lead",
]  # fmt: skip
WORKSPACE_ONLY = ("workspace",)


def public(name, *args, **kwargs):
    url = lambda w, c: reverse(name, args=args)  # noqa: E731
    return Route(name, url, public=True, containers=WORKSPACE_ONLY, **kwargs)


def signed_in(name, *args, **kwargs):
    """Anyone signed in (their own account); anonymous visitors go to the login page."""
    url = lambda w, c: reverse(name, args=args)  # noqa: E731
    return Route(name, url, action=None, containers=WORKSPACE_ONLY, **kwargs)


ROUTES = [
    public("account_login"),
    public("account_signup"),  # says sign-up is closed; tests/accounts/test_login.py
    public("account_inactive"),
    public("account_reset_password"),
    public("account_reset_password_done"),
    public("account_reset_password_from_key", "1", "set-password"),
    public("account_reset_password_from_key_done"),
    public("account_confirm_email", "not-a-key"),
    public("account_email_verification_sent"),
    # Without a code being asked for, it sends people back to the login page.
    public("account_confirm_login_code", expect={"anonymous": LOGIN}),
    # Signing out always lands on the login page.
    public("account_logout", method="POST", expect={p: LOGIN for p in EVERYONE}),
    # The admin signs in through the site's login; staff (leads, community managers) go on
    # to the admin, others are refused.
    Route(
        "admin_login",
        lambda w, c: reverse("admin_login"),
        action=None,
        containers=WORKSPACE_ONLY,
        expect={p: FORBIDDEN for p in ["removed", "observer", "member", "non_group_member"]},
    ),
    signed_in("account_change_password"),
    signed_in("account_set_password"),
    signed_in("account_email"),
    signed_in("account_reauthenticate"),
    signed_in("account_request_reauthentication_code"),
    signed_in("account_confirm_reauthentication_code"),
]

# Two-factor (allauth.mfa): each person manages their own authenticators.
NOTHING_YET = {p: NOT_FOUND for p in EVERYONE if p != "anonymous"}
ROUTES += [
    signed_in("mfa_index"),
    signed_in("mfa_activate_totp"),
    # Without an authenticator app there is nothing to turn off or show.
    signed_in("mfa_deactivate_totp", expect=NOTHING_YET),
    signed_in("mfa_view_recovery_codes", expect=NOTHING_YET),
    signed_in("mfa_generate_recovery_codes"),
    signed_in("mfa_download_recovery_codes", expect=NOTHING_YET),
    signed_in("mfa_list_webauthn"),
    signed_in("mfa_add_webauthn"),
    signed_in("mfa_reauthenticate"),
    signed_in("mfa_reauthenticate_webauthn"),
    # Only during a sign-in that waits for its second factor: anonymous visitors go back
    # to the login page, signed-in people on to the site.
    public("mfa_authenticate", expect={"anonymous": LOGIN}),
    # Passkey sign-in is a POST from the login page's script.
    public("mfa_login_webauthn", expect={"anonymous": LOGIN}),
]


def _lead_key_url(name):
    def build(w, c):
        from allauth.mfa.models import Authenticator

        key = Authenticator.objects.create(
            user=w.lead, type=Authenticator.Type.WEBAUTHN, data={"name": "Lead's key"}
        )
        return reverse(name, args=[key.pk])

    return build


# Security keys: everyone is first asked to confirm their password (a redirect); then
# someone else's key is "not found" (tests/accounts/test_two_factor.py).
for _name in ("mfa_edit_webauthn", "mfa_remove_webauthn"):
    ROUTES.append(
        Route(
            _name,
            _lead_key_url(_name),
            action=None,
            containers=WORKSPACE_ONLY,
        )
    )

ROUTES.append(
    Route(
        "workspaces:two_factor_policy",
        lambda w, c: reverse("workspaces:two_factor_policy", args=[c]),
        Action.LEAD,
        method="POST",
        data={"require_two_factor": ""},
        containers=WORKSPACE_ONLY,
    )
)

# "Your sessions": one's own only; POST signs out everywhere else.
ROUTES += [
    signed_in("usersessions_list"),
]


def _path(name, path, **kwargs):
    """allauth's old addresses: sign-in required (the middleware), then a redirect."""
    return Route(name, lambda w, c: path, action=None, containers=WORKSPACE_ONLY, **kwargs)


# Single sign-on (allauth.socialaccount, OpenID Connect or SAML per partner organisation).
ROUTES += [
    signed_in("socialaccount_connections"),
    public("socialaccount_login_cancelled"),
    public("socialaccount_login_error", expect={"anonymous": LOGIN}),
    # Only in the middle of a sign-in; otherwise back to the login page.
    public("socialaccount_signup", expect={p: LOGIN for p in EVERYONE}),
    # An identity provider that is not configured is not found.
    public("openid_connect_login", "nope", expect={p: NOT_FOUND for p in EVERYONE}),
    public("openid_connect_callback", "nope", expect={p: NOT_FOUND for p in EVERYONE}),
    # SAML 2.0 per organisation (workspaces.saml): an organisation without a SAML IdP is
    # not found; the assertion consumer only stores what was posted and moves on to the
    # end of the sign-in, which then finds no organisation (tests/accounts/test_sso_saml.py).
    public("saml_login", "nope", expect={p: NOT_FOUND for p in EVERYONE}),
    public("saml_metadata", "nope", expect={p: NOT_FOUND for p in EVERYONE}),
    public("saml_sls", "nope", expect={p: NOT_FOUND for p in EVERYONE}),
    public("saml_acs", "nope"),
    public("saml_finish_acs", "nope", expect={p: NOT_FOUND for p in EVERYONE}),
    public("saml_finish_sign_in", "nope", expect={p: NOT_FOUND for p in EVERYONE}),
    _path("<unnamed social/connections/>", "/accounts/social/connections/"),
    _path("<unnamed social/login/cancelled/>", "/accounts/social/login/cancelled/"),
    _path("<unnamed social/login/error/>", "/accounts/social/login/error/"),
    _path("<unnamed social/signup/>", "/accounts/social/signup/"),
]
