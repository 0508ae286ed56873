from django.contrib import admin
from django.urls import include, path, register_converter

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
