from django.contrib import admin
from django.urls import include, path, register_converter

from profiles.accounts import EmailFirstLoginView, email_address
from workspaces import saml

from . import views
from .converters import ContainerPathConverter

register_converter(ContainerPathConverter, "container")

handler429 = "profiles.ratelimits.too_many_requests"
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
    # Before allauth's own URL of the same path, which it shadows (workspaces.saml).
    path(
        "accounts/saml/<str:organization_slug>/acs/finish/",
        saml.finish_sign_in,
        name="saml_finish_sign_in",
    ),
    path("accounts/", include("allauth.urls")),
    path("", include("workspaces.urls")),
    path("", include("profiles.urls")),
    path("", include("documents.urls")),
    path("", include("wiki.urls")),
    path("", include("reporting.urls")),
    path("", include("microblog.urls")),
    path("", include("jobs.urls")),
    path("", include("search.urls")),
]
