"""Sign-in, password, two-factor and session pages (django-allauth's URLs, ours around them)."""

from django.urls import reverse

from tests.matrix import FORBIDDEN, LOGIN, Route

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
