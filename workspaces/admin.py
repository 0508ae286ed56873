"""The admin for community managers: each sees and changes only the workspaces they
manage (``manage`` permission), and every change goes through the services."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q

from . import services
from .access import workspaces_with
from .models import Group, GroupMembership, Invitation, Membership, MembershipEvent, Organisation
from .roles import Action, Role

# Filters list only the related rows the user can see (never other workspaces' names).
RELATED_ONLY = admin.RelatedOnlyFieldListFilter


def managed_workspaces(request):
    return workspaces_with(request.user, Action.MANAGE)


def _report(request, error):
    text = "; ".join(error.messages) if isinstance(error, ValidationError) else str(error)
    messages.error(request, text)


class ScopedAdmin(admin.ModelAdmin):
    """Rows of workspaces the user manages only; ``workspace_path`` leads to the workspace."""

    workspace_path = "workspace"

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        if request.user.is_superuser:
            return qs
        return qs.filter(**{f"{self.workspace_path}__in": managed_workspaces(request)})

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "workspace" and not request.user.is_superuser:
            kwargs["queryset"] = managed_workspaces(request)
        if db_field.name == "group" and not request.user.is_superuser:
            kwargs["queryset"] = Group.objects.filter(workspace__in=managed_workspaces(request))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


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
    readonly_fields = ["user", "workspace", "organisation", "joined_at"]
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
            _report(request, error)

    def delete_model(self, request, obj):
        self._remove(request, [obj])

    def delete_queryset(self, request, queryset):
        self._remove(request, queryset.select_related("user", "workspace"))

    def _remove(self, request, memberships):
        for membership in memberships:
            try:
                services.member_remove(actor=request.user, membership=membership)
            except (ValidationError, PermissionDenied) as error:
                _report(request, error)

    @admin.action(description="Remove selected members from their workspace")
    def remove_members(self, request, queryset):
        self._remove(request, queryset.select_related("user", "workspace"))

    def _set_role(self, request, queryset, role):
        for membership in queryset.select_related("user", "workspace"):
            try:
                services.member_change_role(actor=request.user, membership=membership, role=role)
            except (ValidationError, PermissionDenied) as error:
                _report(request, error)


def _make_role_action(role):
    def action(modeladmin, request, queryset):
        modeladmin._set_role(request, queryset, role)

    action.__name__ = f"make_{role.value}"
    return admin.action(description=f"Change role to {role.label}")(action)


for _role in Role:
    setattr(MembershipAdmin, f"make_{_role.value}", staticmethod(_make_role_action(_role)))


class InvitationAddForm(forms.ModelForm):
    emails = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="One or many addresses, one per line or comma-separated.",
    )

    class Meta:
        model = Invitation
        fields = ["workspace", "role", "organisation", "groups"]


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

    def get_form(self, request, obj=None, **kwargs):
        if obj is None:
            kwargs["form"] = InvitationAddForm
        return super().get_form(request, obj, **kwargs)

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return []
        return [f.name for f in Invitation._meta.fields if f.name != "id"] + ["groups"]

    def has_change_permission(self, request, obj=None):
        return obj is None and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return False  # revoke instead: the record stays

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "groups" and not request.user.is_superuser:
            kwargs["queryset"] = Group.objects.filter(workspace__in=managed_workspaces(request))
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        from .forms import MultiEmailField

        emails = MultiEmailField().clean(form.cleaned_data["emails"])
        results = services.invitations_send(
            actor=request.user,
            workspace=obj.workspace,
            emails=emails,
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
                _report(request, error)

    @admin.action(description="Re-send selected invitations (a fresh link)")
    def resend(self, request, queryset):
        self._each(request, queryset, services.invitation_resend)

    @admin.action(description="Revoke selected invitations")
    def revoke(self, request, queryset):
        self._each(request, queryset, services.invitation_revoke)


class GroupMembershipInline(admin.TabularInline):
    model = GroupMembership
    extra = 0
    readonly_fields = ["user", "added_at"]
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Group)
class GroupAdmin(ScopedAdmin):
    list_display = ["name", "workspace", "is_private", "created_at"]
    list_filter = [("workspace", RELATED_ONLY), "is_private"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [GroupMembershipInline]

    def get_readonly_fields(self, request, obj=None):
        return ["workspace", "slug"] if obj else []

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
            _report(request, error)

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser


@admin.register(GroupMembership)
class GroupMembershipAdmin(ScopedAdmin):
    workspace_path = "group__workspace"
    list_display = ["user", "group", "added_at"]
    list_filter = [("group__workspace", RELATED_ONLY), ("group", RELATED_ONLY)]
    list_select_related = ["user", "group", "group__workspace"]
    fields = ["group", "user"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "group" and not request.user.is_superuser:
            kwargs["queryset"] = Group.objects.filter(
                workspace__in=managed_workspaces(request), is_private=True
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        try:
            services.group_member_add(actor=request.user, group=obj.group, user=obj.user)
        except (ValidationError, PermissionDenied) as error:
            _report(request, error)

    def delete_model(self, request, obj):
        services.group_member_remove(actor=request.user, group=obj.group, user=obj.user)

    def delete_queryset(self, request, queryset):
        for obj in queryset.select_related("group__workspace", "user"):
            self.delete_model(request, obj)


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "website", "email_domains", "sso_app", "sso_required"]
    search_fields = ["name"]
    # An organisation takes part in several alliances: only superusers may say whose
    # identity provider vouches for its people (workspaces.sso).
    SSO_FIELDS = ["email_domains", "sso_app", "sso_required"]

    def get_readonly_fields(self, request, obj=None):
        return [] if request.user.is_superuser else self.SSO_FIELDS

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        if request.user.is_superuser:
            return qs
        managed = managed_workspaces(request)
        return qs.filter(Q(workspaces__in=managed)).distinct()


@admin.register(MembershipEvent)
class MembershipEventAdmin(ScopedAdmin):
    list_display = ["at", "workspace", "kind", "subject", "email", "actor", "detail"]
    list_filter = [("workspace", RELATED_ONLY), "kind"]
    list_select_related = ["workspace", "subject", "actor"]
    search_fields = ["email", "subject__email", "detail"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
