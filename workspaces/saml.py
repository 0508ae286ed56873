"""SAML 2.0 identity providers per partner organisation (allauth's SAML provider).

Each linked organisation has its own allauth SocialApp of provider "saml"; its
``client_id`` names it in our URLs (/accounts/saml/<client_id>/acs/, .../metadata/),
so every organisation is a separate service provider towards its own IdP. The app's
settings hold the IdP's entity id, sign-in URL and certificate, plus the security we
insist on: assertions must be signed by that certificate, and sign-ins the IdP starts
on its own are refused (every response must answer a request this browser made, which
also makes a replayed response useless). Who may then sign in is decided in
workspaces.sso, as for OpenID Connect.
"""

from allauth.socialaccount.models import SocialApp
from cryptography import x509
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction

from alliance_hub.reversing import reverse

PROVIDER = "saml"
SECURITY = {
    "strict": True,
    "want_assertion_signed": True,
    "reject_idp_initiated_sso": True,
    "reject_deprecated_algorithm": True,
    # Our own URLs are built from the Host header Django validated (ALLOWED_HOSTS);
    # "localhost" in development has a single label.
    "allow_single_label_domains": True,
}


def app_slug(organisation):
    """Stable across renames: the IdP is configured with URLs that contain it."""
    return f"org-{organisation.pk}"


def metadata_path(organisation):
    """Our service-provider metadata for the organisation's IdP (its entity id too)."""
    return reverse("saml_metadata", args=[app_slug(organisation)])


def metadata_url(organisation):
    return settings.SITE_URL + metadata_path(organisation)


def is_saml(organisation):
    return organisation.sso_app is not None and organisation.sso_app.provider == PROVIDER


def idp_settings(organisation):
    """{entity_id, sso_url, x509cert} of the linked IdP, or {} when there is none."""
    return organisation.sso_app.settings.get("idp", {}) if is_saml(organisation) else {}


def clean_certificate(text):
    """The IdP's certificate as PEM text; ValidationError when it is not one."""
    text = (text or "").strip()
    if "BEGIN CERTIFICATE" not in text:
        text = f"-----BEGIN CERTIFICATE-----\n{text}\n-----END CERTIFICATE-----"
    try:
        x509.load_pem_x509_certificate(text.encode("ascii"))
    except (ValueError, UnicodeEncodeError):
        raise ValidationError(
            "This is not an X.509 certificate in PEM form (-----BEGIN CERTIFICATE-----)."
        ) from None
    return text


@transaction.atomic
def saml_link(*, organisation, entity_id, sso_url, x509cert):
    """Link ``organisation`` to its SAML IdP (replacing any other identity provider).

    Superusers only (the admin decides); the certificate must already be clean.
    """
    slug = app_slug(organisation)
    app = SocialApp.objects.filter(provider=PROVIDER, client_id=slug).first()
    app = app or SocialApp(provider=PROVIDER, client_id=slug, provider_id=slug)
    app.name = f"{organisation.name} (SAML)"[:40]
    app.settings = {
        "idp": {"entity_id": entity_id, "sso_url": sso_url, "x509cert": x509cert},
        "advanced": SECURITY,
    }
    app.save()
    if organisation.sso_app_id != app.pk:
        organisation.sso_app = app
        organisation.save(update_fields=["sso_app"])
    return app
