"""How django-allauth behaves here: invitation-only, e-mail login, our users' names."""

import json

from allauth.account import app_settings
from allauth.account.adapter import HTTP_USER_AGENT_MAX_LENGTH, DefaultAccountAdapter
from allauth.account.forms import LoginForm as BaseLoginForm
from allauth.account.views import LoginView
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from alliance_hub.ratelimits import try_again_message
from alliance_hub.reversing import reverse
from workspaces import sso
from workspaces.models import Membership

from .tasks import security_mail_send


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request):
        """Nobody signs up: accepting an invitation (workspaces) is the only way to an account."""
        return False

    def get_login_redirect_url(self, request):
        """People in exactly one workspace land on it, not on a one-card list."""
        slugs = list(
            Membership.objects.filter(user=request.user).values_list("workspace__slug", flat=True)[
                :2
            ]
        )
        if len(slugs) == 1:
            return reverse("workspaces:dashboard", args=[slugs[0]])
        return super().get_login_redirect_url(request)

    def send_notification_mail(self, template_prefix, user, context=None, email=None):
        """Security e-mails (allauth's and ours, profiles.security_mail) go out from a task
        once the request's transaction commits: the request only notes when, from where
        and what. A context that is not plain data (allauth's "account connected" holds
        model objects) is still sent at once."""
        if not app_settings.EMAIL_NOTIFICATIONS:
            return
        details = {
            "timestamp": timezone.now().isoformat(),
            "ip": self.get_client_ip(self.request),
            "user_agent": self.get_http_user_agent(self.request)[:HTTP_USER_AGENT_MAX_LENGTH],
            **(context or {}),
        }
        if not _is_plain_data(details):
            return super().send_notification_mail(template_prefix, user, context, email)
        transaction.on_commit(
            lambda: security_mail_send.enqueue(user.pk, template_prefix, details, email or "")
        )

    def validation_error(self, code, *args):
        # Failed sign-ins and second-factor codes share allauth's login_failed limit.
        if code == "too_many_login_attempts":
            return ValidationError(try_again_message("login_failed"), code=code)
        return super().validation_error(code, *args)


def _is_plain_data(value):
    try:
        json.dumps(value)
    except (TypeError, ValueError):
        return False
    return True


class LoginForm(BaseLoginForm):
    """E-mail first. People of an organisation linked to an identity provider go on to
    it; everyone else (unknown addresses too: the page never tells whether an account
    exists) gets the password step. A client may also post both fields at once.

    ``next_step`` says what a valid e-mail step leads to: SSO or PASSWORD (None when the
    password was given and checked)."""

    SSO, PASSWORD = "sso", "password"
    next_step = None
    sso_organisation = None

    def __init__(self, *args, password_step=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["login"].label = "E-mail address"
        self.fields["login"].widget.attrs.pop("placeholder", None)
        self.email_step = not password_step and "password" not in self.data
        if self.email_step:
            del self.fields["password"]
            self.fields.pop("remember", None)
            return
        self.fields["password"].widget.attrs.pop("placeholder", None)
        self.fields["password"].required = False

    def clean(self):
        email = self.cleaned_data.get("login")
        if not email:
            return self.cleaned_data
        organisation = sso.organisation_for_email(email)
        password = self.cleaned_data.get("password")
        if organisation and not password:
            return self._to_identity_provider(organisation)
        if organisation and organisation.sso_required:
            raise ValidationError(
                f"{organisation} signs its people in through its own sign-in service: "
                "leave the password empty."
            )
        if self.email_step:
            self.next_step = self.PASSWORD
            return self.cleaned_data
        if not password:
            raise ValidationError("Enter your password.")
        return super().clean()

    def _to_identity_provider(self, organisation):
        """On to the IdP; when it is down, the password step (unless SSO is required)."""
        if sso.idp_reachable(organisation):
            self.next_step, self.sso_organisation = self.SSO, organisation
            return self.cleaned_data
        if organisation.sso_required:
            raise ValidationError(sso.unavailable_message(organisation))
        messages.error(self.request, sso.unavailable_message(organisation))
        self.next_step = self.PASSWORD
        return self.cleaned_data

    def login(self, request, redirect_url=None):
        if self.next_step == self.SSO:
            context = {"organisation": self.sso_organisation, "next": redirect_url or ""}
            context["sso_url"] = sso.login_url(self.sso_organisation)
            return render(request, "account/sso_continue.html", context)
        return super().login(request, redirect_url=redirect_url)


class EmailFirstLoginView(LoginView):
    """allauth's login view (its rate limits guard both steps), with the password step."""

    def form_valid(self, form):
        if form.next_step != form.PASSWORD:
            return super().form_valid(form)
        password_step = self.get_form_class()(
            request=self.request,
            password_step=True,
            initial={"login": form.cleaned_data["login"]},
        )
        return self.render_to_response(self.get_context_data(form=password_step))


@require_GET
def email_address(request):
    """Replaces allauth's e-mail management (same address, /accounts/email/): adding or
    changing an address could move someone into or out of an organisation's single
    sign-on, so the address is shown, never changed here (405 for any POST)."""
    return render(request, "account/email_address.html")
