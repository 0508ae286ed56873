"""Partner organisations and their single sign-on."""

from django.contrib import admin

from .. import saml
from ..access import managed_rows
from ..forms import OrganisationSSOForm
from ..models import Organisation
from .base import AccessScopedAdminMixin


@admin.register(Organisation)
class OrganisationAdmin(AccessScopedAdminMixin, admin.ModelAdmin):
    """Partners of the workspaces the user manages."""

    list_display = ["name", "website", "email_domains", "sso_app", "sso_required"]
    search_fields = ["name"]
    # An organisation takes part in several alliances: only superusers may say whose
    # identity provider vouches for its people (workspaces.sso).
    SSO_FIELDS = ["email_domains", "sso_app", "sso_required"]

    def get_readonly_fields(self, request, obj=None):
        shown = ["saml_metadata_url"]
        return shown if request.user.is_superuser else self.SSO_FIELDS + shown

    def get_form(self, request, obj=None, **kwargs):
        if request.user.is_superuser:
            kwargs["form"] = OrganisationSSOForm
        return super().get_form(request, obj, **kwargs)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        idp = form.saml_idp() if isinstance(form, OrganisationSSOForm) else None
        if idp:
            saml.saml_link(organisation=obj, **idp)

    @admin.display(description="SAML metadata of Alliance Hub (for the IdP)")
    def saml_metadata_url(self, obj):
        return saml.metadata_url(obj) if obj and obj.pk else "-"

    def get_queryset(self, request):
        managed = managed_rows(Organisation, request.user)
        return super().get_queryset(request).filter(pk__in=managed.values("pk"))
