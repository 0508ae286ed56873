"""The admin for community managers: each sees and changes only the workspaces and
groups they manage (``manage`` permission, decided by the access layer: a private group
only by its own managers), and every change goes through the services, whose checks the
add forms run first so that a refusal is a form error."""

from django.contrib import admin, messages
from django.core.exceptions import BadRequest, ValidationError

from alliance_hub.params import strict_int

from ..access import managed_rows, workspaces_with
from ..roles import Action

# Filters list only the related rows the user can see (never other workspaces' names).
RELATED_ONLY = admin.RelatedOnlyFieldListFilter


def managed_workspaces(request):
    return workspaces_with(request.user, Action.MANAGE)


def report_error(request, error):
    text = "; ".join(error.messages) if isinstance(error, ValidationError) else str(error)
    messages.error(request, text)


def as_form_error(error):
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
