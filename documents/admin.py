from django.contrib import admin

from workspaces.admin_records import ContainedRecordAdmin, RecordInline

from .models import Review, Reviewer


class ReviewerInline(RecordInline):
    model = Reviewer
    fields = ["user_name", "organisation_name", "decision", "comment", "decided_at"]


@admin.register(Review)
class ReviewAdmin(ContainedRecordAdmin):
    contained_path = "version__document__"
    list_display = ["__str__", "rule", "outcome", "requested_at", "due_date", "closed_at"]
    list_filter = ["outcome", "rule"]
    list_select_related = ["version__document"]
    search_fields = ["version__document__title"]
    fields = ["version", "rule", "outcome", "message", "due_date", "requested_at", "closed_at"]
    inlines = [ReviewerInline]
