"""Groups and who is in their private ones."""

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied, ValidationError

from .. import services
from ..access import managed_rows
from ..models import Group, GroupMembership
from .base import (
    RELATED_ONLY,
    AccessScopedAdminMixin,
    ScopedAdmin,
    as_form_error,
    person,
    report_error,
)


class GroupMembershipInline(AccessScopedAdminMixin, admin.TabularInline):
    model = GroupMembership
    extra = 0
    fields = readonly_fields = [person, "added_at"]
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Group)
class GroupAdmin(ScopedAdmin):
    """Groups the user manages (never a private group they are not in)."""

    list_display = ["name", "workspace", "is_private", "created_at"]
    list_filter = [("workspace", RELATED_ONLY), "is_private"]
    search_fields = ["name"]
    inlines = [GroupMembershipInline]

    def get_queryset(self, request):
        return super().get_queryset(request).filter(pk__in=managed_rows(Group, request.user))

    def get_prepopulated_fields(self, request, obj=None):
        return {} if obj else {"slug": ["name"]}  # the slug is read-only once it exists

    def get_fields(self, request, obj=None):
        fields = ["workspace", "name", "slug", "description", "is_private"]
        return [*fields, "created_at"] if obj else fields

    def get_readonly_fields(self, request, obj=None):
        return ["workspace", "slug", "created_at"] if obj else []

    def save_model(self, request, obj, form, change):
        try:
            if not change:
                created = services.group_create(
                    actor=request.user,
                    workspace=obj.workspace,
                    name=obj.name,
                    slug=obj.slug,
                    description=obj.description,
                    is_private=obj.is_private,
                )
                obj.pk = created.pk
                return
            services.group_set_private(
                actor=request.user, group=obj, is_private=form.cleaned_data["is_private"]
            )
            obj.save(update_fields=["name", "description"])
        except (ValidationError, PermissionDenied) as error:
            report_error(request, error)

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser


class GroupMembershipAddForm(forms.ModelForm):
    actor = None  # set per request by GroupMembershipAdmin.get_form

    class Meta:
        model = GroupMembership
        fields = ["group", "user"]

    def validate_unique(self):
        pass  # adding someone already in the group changes nothing, as on the site

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        try:
            services.group_member_check(
                actor=self.actor, group=cleaned["group"], user=cleaned["user"]
            )
        except (ValidationError, PermissionDenied) as error:
            raise as_form_error(error) from error
        return cleaned


@admin.register(GroupMembership)
class GroupMembershipAdmin(ScopedAdmin):
    """Members of private groups the user manages; adding goes through the service, which
    decides on the group."""

    workspace_path = "group__workspace"
    list_display = [person, "group", "added_at"]
    list_filter = [("group__workspace", RELATED_ONLY), ("group", RELATED_ONLY)]
    list_select_related = ["user", "group", "group__workspace"]

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        return qs.filter(group__in=managed_rows(Group, request.user))

    def get_form(self, request, obj=None, **kwargs):
        if obj is None:
            kwargs["form"] = type(
                "GroupMembershipAddForm", (GroupMembershipAddForm,), {"actor": request.user}
            )
        return super().get_form(request, obj, **kwargs)

    def get_fields(self, request, obj=None):
        return ["group", person, "added_at"] if obj else ["group", "user"]

    def get_readonly_fields(self, request, obj=None):
        return ["group", person, "added_at"] if obj else []

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "group":
            kwargs["queryset"] = managed_rows(Group, request.user).filter(is_private=True)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        try:
            services.group_member_add(actor=request.user, group=obj.group, user=obj.user)
        except (ValidationError, PermissionDenied) as error:
            report_error(request, error)

    def save_related(self, request, form, formsets, change):
        pass

    def delete_model(self, request, obj):
        try:
            services.group_member_remove(actor=request.user, group=obj.group, user=obj.user)
        except (ValidationError, PermissionDenied) as error:
            report_error(request, error)

    def delete_queryset(self, request, queryset):
        for obj in queryset.select_related("group__workspace", "user"):
            self.delete_model(request, obj)
