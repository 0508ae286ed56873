"""The project's admin site: Django's, with the "view on site" redirect limited to rows
the user may see in the admin (the redirect would otherwise name any object's page,
e.g. another alliance's private group, to every staff member)."""

from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.contrib.contenttypes.views import shortcut
from django.http import Http404
from django.urls import path


class AllianceAdminSite(admin.AdminSite):
    site_header = "Alliance Hub administration"
    site_title = "Alliance Hub admin"

    def get_urls(self):
        urls = [u for u in super().get_urls() if getattr(u, "name", None) != "view_on_site"]
        view = path(
            "r/<int:content_type_id>/<path:object_id>/",
            self.admin_view(self.view_on_site),
            name="view_on_site",
        )
        return [view, *urls]

    def view_on_site(self, request, content_type_id, object_id):
        content_type = ContentType.objects.filter(pk=content_type_id).first()
        model_admin = self._registry.get(content_type and content_type.model_class())
        if (
            model_admin is None
            or not model_admin.has_view_permission(request)
            or model_admin.get_object(request, object_id) is None
        ):
            raise Http404("Nothing to show here.")
        return shortcut(request, content_type_id, object_id)
