from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from workspaces.access import managed_rows
from workspaces.admin import AccessScopedAdminMixin

from .models import Profile, ProfileTask, Tag, User


class PeopleScopedAdmin(AccessScopedAdminMixin, admin.ModelAdmin):
    """Rows of people the user shares a managed workspace with (``people_path`` leads to
    the person); superusers see everyone. Only superusers hold these models' permissions
    today: the scope keeps it safe if that changes."""

    people_path = "user"

    def get_queryset(self, request):
        people = managed_rows(User, request.user).values("pk")
        return super().get_queryset(request).filter(**{f"{self.people_path}__in": people})


@admin.register(User)
class UserAdmin(AccessScopedAdminMixin, BaseUserAdmin):
    """Superusers only: community managers change people through memberships."""

    ordering = ["email"]
    list_display = ["email", "display_name", "is_active", "is_staff", "last_login"]
    search_fields = ["email", "display_name"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        ("Person", {"fields": ["display_name"]}),
        ("Access", {"fields": ["is_active", "is_staff", "is_superuser", "groups"]}),
        ("Dates", {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["email", "display_name", "password1", "password2"]})
    ]
    filter_horizontal = ["groups"]

    def get_queryset(self, request):
        people = managed_rows(User, request.user).values("pk")
        return super().get_queryset(request).filter(pk__in=people)


@admin.register(Tag)
class TagAdmin(AccessScopedAdminMixin, admin.ModelAdmin):
    """Superusers tidy up tags here (rename, merge by hand, delete spam)."""

    list_display = ["name", "kind", "slug"]
    list_filter = ["kind"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Profile)
class ProfileAdmin(PeopleScopedAdmin):
    """Read-mostly: people edit their own profile on the site (superusers too, at
    /people/<id>/edit/, which checks and re-encodes photos)."""

    list_display = ["user", "job_title", "location", "updated_at"]
    search_fields = ["user__email", "user__display_name", "job_title"]
    list_select_related = ["user"]
    readonly_fields = ["user", "about_html", "photo_files", "photo_version", "updated_at"]
    filter_horizontal = ["tags"]

    def has_add_permission(self, request):
        return False  # every person gets one automatically


@admin.register(ProfileTask)
class ProfileTaskAdmin(PeopleScopedAdmin):
    list_display = ["user", "workspace", "updated_at"]
    list_select_related = ["user", "workspace"]
    search_fields = ["user__display_name", "text"]
