"""A small OpenID Connect provider (django-oauth-toolkit) that the SSO tests start as a
second process on 127.0.0.1 (tests/accounts/conftest.py: ``oidc_idp``). Its people are
whoever the test signs in at /login/ (an e-mail, and whether the IdP vouches for it)."""

import os

os.environ.setdefault("OAUTHLIB_INSECURE_TRANSPORT", "1")  # plain http on 127.0.0.1 only

SECRET_KEY = "test-idp-only"  # noqa: S105
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1"]
ROOT_URLCONF = "tests.oidc_idp.urls"
INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "oauth2_provider",
]
MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
]
TEMPLATES = [{"BACKEND": "django.template.backends.django.DjangoTemplates", "APP_DIRS": True}]
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": os.environ["IDP_DB"]}}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
USE_TZ = True
LOGIN_URL = "/login/"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
OAUTH2_PROVIDER = {
    "OIDC_ENABLED": True,
    "OIDC_RSA_PRIVATE_KEY": open(os.environ["IDP_KEY"]).read(),  # noqa: SIM115
    "OAUTH2_VALIDATOR_CLASS": "tests.oidc_idp.views.Validator",
    "SCOPES": {"openid": "OpenID Connect", "profile": "Profile", "email": "E-mail"},
    "PKCE_REQUIRED": False,
    "ALLOWED_REDIRECT_URI_SCHEMES": ["http", "https"],
}
