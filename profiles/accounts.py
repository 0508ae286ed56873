"""How django-allauth behaves here: invitation-only, e-mail login, our users' names."""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.forms import LoginForm as BaseLoginForm
from django.core.exceptions import ValidationError

from .ratelimits import try_again_message


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request):
        """Nobody signs up: accepting an invitation (workspaces) is the only way to an account."""
        return False

    def validation_error(self, code, *args):
        # Failed sign-ins and second-factor codes share allauth's login_failed limit.
        if code == "too_many_login_attempts":
            return ValidationError(try_again_message("login_failed"), code=code)
        return super().validation_error(code, *args)


class LoginForm(BaseLoginForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["login"].label = "E-mail address"
        self.fields["login"].widget.attrs.pop("placeholder", None)
        self.fields["password"].widget.attrs.pop("placeholder", None)
