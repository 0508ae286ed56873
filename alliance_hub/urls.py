from django.contrib import admin
from django.urls import include, path, register_converter

from . import views
from .converters import ContainerPathConverter

register_converter(ContainerPathConverter, "container")

admin.site.site_header = "Alliance Hub administration"
admin.site.site_title = "Alliance Hub admin"

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("bench/bare/", views.bench_bare, name="bench_bare"),
    path("admin/", admin.site.urls),
    path("accounts/", include("django.contrib.auth.urls")),
    path("", include("workspaces.urls")),
    path("", include("profiles.urls")),
    path("", include("documents.urls")),
    path("", include("wiki.urls")),
    path("", include("reporting.urls")),
    path("", include("microblog.urls")),
]
