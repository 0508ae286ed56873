from django.contrib import admin

from workspaces.admin_records import ContainedRecordAdmin, RecordInline

from .models import ReportItem, ReportPeriod, ReportSeries


class ReportPeriodInline(RecordInline):
    model = ReportPeriod
    fields = ["number", "due_date"]


@admin.register(ReportSeries)
class ReportSeriesAdmin(ContainedRecordAdmin):
    list_display = ["title", "workspace", "group", "every_months", "first_due"]
    list_select_related = ["workspace", "group"]
    search_fields = ["title"]
    fields = ["title", "workspace", "group", "every_months", "first_due", "remind_days_before"]
    inlines = [ReportPeriodInline]


@admin.register(ReportItem)
class ReportItemAdmin(ContainedRecordAdmin):
    contained_path = "period__series__"
    list_display = ["period", "organisation_name", "submitted_at", "submitter_name"]
    list_select_related = ["period__series"]
    search_fields = ["organisation_name", "period__series__title"]
    fields = [
        "period",
        "organisation_name",
        "submitted_at",
        "submitter_name",
        "submitted_revision",
        "submitted_version",
    ]
