from django.contrib.auth import login
from django.contrib.auth.models import User
from django.http import HttpResponse, HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.csrf import csrf_exempt
from oauth2_provider.oauth2_validators import OAuth2Validator


class Validator(OAuth2Validator):
    """Claims: the e-mail, whether the IdP vouches for it, and a name."""

    def get_additional_claims(self, request):
        user = request.user
        return {
            "email": user.email,
            "email_verified": user.last_name != "unverified",
            "name": user.first_name,
        }


@csrf_exempt
def sign_in(request):
    """POST email (and verified=0 for an address the IdP does not vouch for)."""
    if request.method != "POST":
        return HttpResponse("<form method=post><input name=email></form>")
    email = request.POST["email"]
    user, _ = User.objects.get_or_create(username=email, defaults={"email": email})
    user.first_name = request.POST.get("name", "IdP Person")
    user.last_name = "unverified" if request.POST.get("verified") == "0" else ""
    user.save()
    login(request, user)
    target = request.GET.get("next", "/")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = "/"
    return HttpResponseRedirect(target)
