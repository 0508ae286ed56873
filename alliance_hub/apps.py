from django.contrib.admin.apps import AdminConfig


class AllianceAdminConfig(AdminConfig):
    """Django's admin with the project's site (see admin_site.py)."""

    default_site = "alliance_hub.admin_site.AllianceAdminSite"
