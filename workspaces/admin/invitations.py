"""Invitations: send (the services' checks run as form errors), re-send, revoke."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError

from .. import services
from ..access import managed_rows
from ..forms import MultiEmailField
from ..models import Group, Invitation
from .base import (
    RELATED_ONLY,
    ScopedAdmin,
    as_form_error,
    report_error,
)


class InvitationAddForm(forms.ModelForm):
    """Checked by the service's own rule (``invitation_check``) before saving: only the
    workspace's partners, only groups of that workspace that the inviter manages."""

    emails = MultiEmailField(help_text="One or many addresses, one per line or comma-separated.")
    actor = None  # set per request by InvitationAdmin.get_form

    class Meta:
        model = Invitation
        fields = ["workspace", "role", "organisation", "groups"]

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        try:
            services.invitation_check(
                actor=self.actor,
                workspace=cleaned["workspace"],
                role=cleaned["role"],
                organisation=cleaned["organisation"],
                groups=list(cleaned.get("groups") or []),
            )
        except (ValidationError, PermissionDenied) as error:
            raise as_form_error(error) from error
        return cleaned


def preset_groups(invitation):
    """The invitation's preset groups, as far as the viewer may manage them."""
    return ", ".join(str(g) for g in invitation.visible_groups) or "-"


preset_groups.short_description = "groups"


@admin.register(Invitation)
class InvitationAdmin(ScopedAdmin):
    list_display = [
        "email",
        "workspace",
        "role",
        "organisation",
        "status",
        "invited_by",
        "created_at",
        "expires_at",
    ]
    list_filter = [("workspace", RELATED_ONLY), "role"]
    search_fields = ["email"]
    list_select_related = ["workspace", "organisation", "invited_by"]
    actions = ["resend", "revoke"]
    shown = ["email", "workspace", "role", "organisation", preset_groups, "created_at"]
    shown += ["expires_at", "sent_at", "accepted_at", "revoked_at"]

    def get_object(self, request, object_id, from_field=None):
        invitation = super().get_object(request, object_id, from_field)
        if invitation is not None:
            invitation.visible_groups = managed_rows(Group, request.user).filter(
                pk__in=invitation.groups.values("pk")
            )
        return invitation

    def get_form(self, request, obj=None, **kwargs):
        if obj is None:
            kwargs["form"] = type(
                "InvitationAddForm", (InvitationAddForm,), {"actor": request.user}
            )
        return super().get_form(request, obj, **kwargs)

    def get_fields(self, request, obj=None):
        return self.shown if obj else ["workspace", "emails", "role", "organisation", "groups"]

    def get_readonly_fields(self, request, obj=None):
        return self.shown if obj else []

    def has_change_permission(self, request, obj=None):
        return obj is None and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return False  # revoke instead: the record stays

    def save_model(self, request, obj, form, change):
        results = services.invitations_send(
            actor=request.user,
            workspace=obj.workspace,
            emails=form.cleaned_data["emails"],
            role=obj.role,
            organisation=obj.organisation,
            groups=list(form.cleaned_data["groups"]),
        )
        for email, outcome in results:
            messages.info(request, f"{email}: {outcome}")

    def save_related(self, request, form, formsets, change):
        pass  # invitations_send stored the groups

    def response_add(self, request, obj, post_url_continue=None):
        return self.response_post_save_add(request, obj)

    def _each(self, request, queryset, service):
        for invitation in queryset.select_related("workspace"):
            try:
                service(actor=request.user, invitation=invitation)
            except (ValidationError, PermissionDenied) as error:
                report_error(request, error)

    @admin.action(description="Re-send selected invitations (a fresh link)")
    def resend(self, request, queryset):
        self._each(request, queryset, services.invitation_resend)

    @admin.action(description="Revoke selected invitations")
    def revoke(self, request, queryset):
        self._each(request, queryset, services.invitation_revoke)
