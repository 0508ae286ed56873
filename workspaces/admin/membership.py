"""Memberships of the workspaces one manages: change a role, remove."""

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied, ValidationError

from .. import services
from ..models import Membership
from ..roles import Role
from .base import (
    RELATED_ONLY,
    ScopedAdmin,
    person,
    report_error,
)


class MembershipChangeForm(forms.ModelForm):
    class Meta:
        model = Membership
        fields = ["role"]


@admin.register(Membership)
class MembershipAdmin(ScopedAdmin):
    list_display = ["user", "workspace", "organisation", "role", "joined_at"]
    list_filter = ["role", ("workspace", RELATED_ONLY), ("organisation", RELATED_ONLY)]
    search_fields = ["user__email", "user__display_name", "organisation__name"]
    list_select_related = ["user", "workspace", "organisation"]
    fields = [person, "workspace", "organisation", "role", "joined_at"]
    readonly_fields = [person, "workspace", "organisation", "joined_at"]
    form = MembershipChangeForm
    actions = ["remove_members"] + [f"make_{role.value}" for role in Role]

    def has_add_permission(self, request):
        return False  # people join through invitations

    def save_model(self, request, obj, form, change):
        new_role = obj.role
        obj.role = Membership.objects.values_list("role", flat=True).get(pk=obj.pk)
        try:
            services.member_change_role(actor=request.user, membership=obj, role=new_role)
        except (ValidationError, PermissionDenied) as error:
            report_error(request, error)

    def delete_model(self, request, obj):
        self._remove(request, [obj])

    def delete_queryset(self, request, queryset):
        self._remove(request, queryset.select_related("user", "workspace"))

    def _remove(self, request, memberships):
        for membership in memberships:
            try:
                services.member_remove(actor=request.user, membership=membership)
            except (ValidationError, PermissionDenied) as error:
                report_error(request, error)

    @admin.action(description="Remove selected members from their workspace")
    def remove_members(self, request, queryset):
        self._remove(request, queryset.select_related("user", "workspace"))

    def _set_role(self, request, queryset, role):
        for membership in queryset.select_related("user", "workspace"):
            try:
                services.member_change_role(actor=request.user, membership=membership, role=role)
            except (ValidationError, PermissionDenied) as error:
                report_error(request, error)


def _make_role_action(role):
    def action(modeladmin, request, queryset):
        modeladmin._set_role(request, queryset, role)

    action.__name__ = f"make_{role.value}"
    return admin.action(description=f"Change role to {role.label}")(action)


for _role in Role:
    setattr(MembershipAdmin, f"make_{_role.value}", staticmethod(_make_role_action(_role)))
