from django.contrib import admin

from workspaces.admin_records import ContainedRecordAdmin, RecordInline

from .models import Signoff, SignoffRequest

SIGNOFF_FIELDS = ["organisation_name", "signer_name", "signed_at", "revision", "content_hash"]


class SignoffInline(RecordInline):
    model = Signoff
    fields = SIGNOFF_FIELDS


@admin.register(SignoffRequest)
class SignoffRequestAdmin(ContainedRecordAdmin):
    contained_path = "page__"
    list_display = ["__str__", "requested_at", "due_date"]
    list_select_related = ["page"]
    search_fields = ["page__title"]
    fields = ["page", "revision", "content_hash", "requested_at", "due_date"]
    inlines = [SignoffInline]


@admin.register(Signoff)
class SignoffAdmin(ContainedRecordAdmin):
    """The sign-off record: who signed which revision for which organisation, and the
    hash of that revision's text. Never editable."""

    contained_path = "request__page__"
    list_display = ["request", *SIGNOFF_FIELDS]
    list_select_related = ["request__page"]
    search_fields = ["organisation_name", "signer_name", "request__page__title"]
    fields = ["request", *SIGNOFF_FIELDS]
