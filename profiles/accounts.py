"""How django-allauth behaves here: invitation-only, e-mail login, our users' names."""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.forms import LoginForm as BaseLoginForm
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse

from workspaces import sso

from .ratelimits import try_again_message


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request):
        """Nobody signs up: accepting an invitation (workspaces) is the only way to an account."""
        return False

    def get_login_redirect_url(self, request):
        """People in exactly one workspace land on it, not on a one-card list."""
        from workspaces.models import Membership

        slugs = list(
            Membership.objects.filter(user=request.user).values_list("workspace__slug", flat=True)[
                :2
            ]
        )
        if len(slugs) == 1:
            return reverse("workspaces:dashboard", args=[slugs[0]])
        return super().get_login_redirect_url(request)

    def validation_error(self, code, *args):
        # Failed sign-ins and second-factor codes share allauth's login_failed limit.
        if code == "too_many_login_attempts":
            return ValidationError(try_again_message("login_failed"), code=code)
        return super().validation_error(code, *args)


class LoginForm(BaseLoginForm):
    """E-mail and password; people of an organisation with single sign-on leave the
    password empty and are sent on to their organisation's identity provider."""

    sso_organisation = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["login"].label = "E-mail address"
        self.fields["login"].widget.attrs.pop("placeholder", None)
        self.fields["password"].widget.attrs.pop("placeholder", None)
        self.fields["password"].required = False
        self.fields[
            "password"
        ].help_text = "Organisations with their own sign-in: leave it empty and continue there."

    def clean(self):
        organisation = sso.organisation_for_email(self.cleaned_data.get("login"))
        if organisation and not self.cleaned_data.get("password"):
            self.sso_organisation = organisation
            return self.cleaned_data
        if organisation and organisation.sso_required:
            raise ValidationError(
                f"{organisation} signs its people in through its own sign-in service: "
                "leave the password empty."
            )
        if not self.cleaned_data.get("password"):
            raise ValidationError("Enter your password.")
        return super().clean()

    def login(self, request, redirect_url=None):
        if self.sso_organisation is None:
            return super().login(request, redirect_url=redirect_url)
        return sso_continue(request, self.sso_organisation, redirect_url)


def sso_continue(request, organisation, next_url):
    """The step to the organisation's identity provider, or why it cannot be taken now."""
    if not sso.idp_reachable(organisation):
        messages.error(request, sso.unavailable_message(organisation))
        return redirect("account_login")
    context = {"organisation": organisation, "sso_url": sso.login_url(organisation)}
    context["next"] = next_url or ""
    return render(request, "account/sso_continue.html", context)
