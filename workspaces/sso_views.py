"""The end of a SAML sign-in, in front of allauth's (see workspaces.saml)."""

from allauth.socialaccount.providers.saml import views as allauth_saml
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.views.decorators.http import require_GET
from lxml import etree

from .sso import INCOMPLETE, refusal


@login_not_required
@require_GET
def finish_sign_in(request, organization_slug):
    """allauth's end of a SAML sign-in (it shadows allauth's URL, see alliance_hub.urls),
    with what allauth lets escape turned into our clear refusal: a response no request
    of this browser asked for (PermissionDenied), or XML that does not parse."""
    try:
        return allauth_saml.finish_acs(request, organization_slug=organization_slug)
    except (PermissionDenied, etree.XMLSyntaxError, ValueError):
        return refusal(request, INCOMPLETE, status=400)
