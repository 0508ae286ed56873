"""Registers Alliance Hub as a client of the test IdP: python -m tests.oidc_idp.register
CLIENT_ID SECRET REDIRECT_URI (run with the IdP's settings)."""

import sys

import django

django.setup()

from oauth2_provider.models import Application  # noqa: E402

client_id, secret, redirect_uri = sys.argv[1:4]
Application.objects.update_or_create(
    client_id=client_id,
    defaults={
        "name": "Alliance Hub",
        "client_secret": secret,
        "client_type": Application.CLIENT_CONFIDENTIAL,
        "authorization_grant_type": Application.GRANT_AUTHORIZATION_CODE,
        "redirect_uris": redirect_uri,
        "skip_authorization": True,
        "algorithm": Application.RS256_ALGORITHM,
        "hash_client_secret": False,
    },
)
