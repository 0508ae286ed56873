"""The admin for community managers: each sees and changes only the workspaces and
groups they manage (``manage`` permission, decided by the access layer: a private group
only by its own managers), and every change goes through the services, whose checks the
add forms run first so that a refusal is a form error."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import BadRequest, PermissionDenied, ValidationError

from alliance_hub.params import strict_int

from . import saml, services
from .access import contained_visible_q, managed_rows, workspaces_with
from .forms import MultiEmailField, OrganisationSSOForm
from .models import Group, GroupMembership, Invitation, Membership, MembershipEvent, Organisation
from .roles import Action, Role

# Filters list only the related rows the user can see (never other workspaces' names).
RELATED_ONLY = admin.RelatedOnlyFieldListFilter


def managed_workspaces(request):
    return workspaces_with(request.user, Action.MANAGE)


def _report(request, error):
    text = "; ".join(error.messages) if isinstance(error, ValidationError) else str(error)
    messages.error(request, text)


def _as_form_error(error):
    """A service's refusal as a form error (shown on the form, never a 500)."""
    return error if isinstance(error, ValidationError) else ValidationError(str(error))


def person(obj):
    """A person as plain text: a link would lead community managers to the people
    admin, which only superusers may open."""
    return getattr(obj, "user", None) or "-"


person.short_description = "person"


class AccessScopedAdminMixin:
    """Every choice list offers only rows from the access layer's ``managed_rows``:
    containers the user manages, people who share one, those workspaces' partners
    (other models: nothing, unless superuser). Used by every ModelAdmin and inline of
    the project. Autocompletes answer from the target model admin's ``get_queryset``,
    which each admin scopes the same way; tests/test_admin_matrix.py checks both."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        kwargs.setdefault("queryset", managed_rows(db_field.related_model, request.user))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        kwargs.setdefault("queryset", managed_rows(db_field.related_model, request.user))
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def get_object(self, request, object_id, from_field=None):
        """An id in the URL that is no id of ours ("²", 30 digits) is a missing row: the
        database would refuse it (OverflowError on SQLite, DataError on PostgreSQL for
        a one-to-one primary key such as Profile's) instead of finding nothing."""
        pk = self.model._meta.pk
        numeric = pk.target_field if pk.is_relation else pk
        integer = numeric.get_internal_type().endswith(("AutoField", "IntegerField"))
        if from_field is None and integer:
            try:
                strict_int(str(object_id), name="id", minimum=1)
            except BadRequest:
                return None
        return super().get_object(request, object_id, from_field)


class ScopedAdmin(AccessScopedAdminMixin, admin.ModelAdmin):
    """Rows of workspaces the user manages only; ``workspace_path`` leads to the workspace."""

    workspace_path = "workspace"

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        if request.user.is_superuser:
            return qs
        return qs.filter(**{f"{self.workspace_path}__in": managed_workspaces(request)})


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
            raise _as_form_error(error) from error
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
                _report(request, error)

    @admin.action(description="Re-send selected invitations (a fresh link)")
    def resend(self, request, queryset):
        self._each(request, queryset, services.invitation_resend)

    @admin.action(description="Revoke selected invitations")
    def revoke(self, request, queryset):
        self._each(request, queryset, services.invitation_revoke)


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
            _report(request, error)

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
            raise _as_form_error(error) from error
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
            _report(request, error)

    def save_related(self, request, form, formsets, change):
        pass

    def delete_model(self, request, obj):
        try:
            services.group_member_remove(actor=request.user, group=obj.group, user=obj.user)
        except (ValidationError, PermissionDenied) as error:
            _report(request, error)

    def delete_queryset(self, request, queryset):
        for obj in queryset.select_related("group__workspace", "user"):
            self.delete_model(request, obj)


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


def subject(event):
    return event.subject or "-"


def actor(event):
    return event.actor or "-"


@admin.register(MembershipEvent)
class MembershipEventAdmin(ScopedAdmin):
    """The audit of the workspaces the user manages, without events about groups they
    may not see."""

    list_display = ["at", "workspace", "kind", "subject", "email", "actor", "detail"]
    fields = readonly_fields = ["at", "workspace", "kind", subject, "email", actor, "detail"]
    list_filter = [("workspace", RELATED_ONLY), "kind"]
    list_select_related = ["workspace", "subject", "actor"]
    search_fields = ["email", "subject__email", "detail"]

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        return qs.filter(contained_visible_q(request.user, action=Action.MANAGE))

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
