"""Read-only admins for records that content apps' services write (reviews and their
votes, sign-off requests and signatures, report series and items). Community managers
see the rows of containers they manage (a private group's only if they are in it),
decided by the access layer like every other admin; nobody adds, changes or deletes
them here: they are evidence, and every write has its own service and rules."""

from django.contrib import admin

from .access import contained_visible_q
from .admin import AccessScopedAdminMixin
from .roles import Action


class _ReadOnly:
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ContainedRecordAdmin(_ReadOnly, AccessScopedAdminMixin, admin.ModelAdmin):
    """``contained_path`` leads from the model to its Contained row, e.g.
    ``"version__document__"`` (empty: the model is Contained)."""

    contained_path = ""

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        if request.user.is_superuser:
            return qs
        visible = contained_visible_q(request.user, self.contained_path, action=Action.MANAGE)
        return qs.filter(visible)

    def get_readonly_fields(self, request, obj=None):
        return [*self.get_fields(request, obj)]

    def get_fields(self, request, obj=None):
        return self.fields or [f.name for f in self.model._meta.fields if f.name != "id"]


class RecordInline(_ReadOnly, AccessScopedAdminMixin, admin.TabularInline):
    """Rows of a record shown on its parent's page (the parent admin scoped them)."""

    extra = 0
    can_delete = False

    def get_readonly_fields(self, request, obj=None):
        return list(self.fields)
