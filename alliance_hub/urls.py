from django.contrib import admin
from django.urls import include, path, register_converter

from profiles.accounts import EmailFirstLoginView, email_address
from workspaces import sso_views

from . import views
from .converters import ContainerPathConverter
from .hooks import URLCONF, get_hooks

register_converter(ContainerPathConverter, "container")

handler429 = "alliance_hub.ratelimits.too_many_requests"
handler400 = views.bad_request
handler403 = views.permission_denied
handler404 = views.page_not_found
handler500 = views.server_error

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("bench/bare/", views.bench_bare, name="bench_bare"),
    path("admin/login/", views.admin_login, name="admin_login"),
    path("admin/", admin.site.urls),
    # E-mail first (profiles.accounts), before allauth's login of the same path and name.
    path("accounts/login/", EmailFirstLoginView.as_view(), name="account_login"),
    # Addresses are not managed by hand (profiles.accounts.email_address).
    path("accounts/email/", email_address, name="account_email"),
    # Before allauth's own URL of the same path, which it shadows (workspaces.sso_views).
    path(
        "accounts/saml/<str:organization_slug>/acs/finish/",
        sso_views.finish_sign_in,
        name="saml_finish_sign_in",
    ),
    path("accounts/", include("allauth.urls")),
    # Every app's URLs, as the apps registered them (workspaces' first).
    *[path("", include(urlconf)) for urlconf in get_hooks(URLCONF)],
]
