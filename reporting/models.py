"""Report series (a report partners owe every N months), their periods and one item
per period and organisation. A submission is a wiki page of the series' container,
versioned like any page; the item records which revision was submitted, by whom."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from alliance_hub.reversing import reverse
from workspaces.models import Contained


class ReportSeries(Contained):
    title = models.CharField(max_length=200)
    every_months = models.PositiveSmallIntegerField(default=3)
    # The first period's due date; later ones are counted from it (31 Jan, 29 Feb, 31 Mar).
    first_due = models.DateField()
    template_body = models.TextField(blank=True)
    # Or a document of the same container that partners fill in and upload.
    template_document = models.ForeignKey(
        "documents.Document", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    remind_days_before = models.PositiveSmallIntegerField(default=7)
    organisations = models.ManyToManyField("workspaces.Organisation", related_name="+")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["title", "id"]
        verbose_name_plural = "report series"

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("reporting:series_board", args=[self.container_path, self.pk])


class ReportPeriod(models.Model):
    series = models.ForeignKey(ReportSeries, on_delete=models.CASCADE, related_name="periods")
    number = models.PositiveIntegerField()
    due_date = models.DateField()

    class Meta:
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["series", "number"], name="report_period_unique")
        ]

    def __str__(self):
        return f"{self.series} #{self.number} (due {self.due_date:%d %b %Y})"


class ReportItem(models.Model):
    """What one organisation owes for one period. Never deleted once submitted; names
    are copies so the record survives the organisation or the submitter leaving."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", "Submitted"
        LATE = "late", "Late"
        PENDING = "pending", "Pending"

    period = models.ForeignKey(ReportPeriod, on_delete=models.CASCADE, related_name="items")
    organisation = models.ForeignKey(
        "workspaces.Organisation", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    organisation_name = models.CharField(max_length=200)
    # The report: a wiki page written from the template, or an uploaded document.
    page = models.ForeignKey("wiki.Page", null=True, blank=True, on_delete=models.SET_NULL)
    document = models.ForeignKey(
        "documents.Document", null=True, blank=True, on_delete=models.SET_NULL
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitter_name = models.CharField(max_length=200, blank=True)
    # The page revision or the document version submitted.
    submitted_revision = models.PositiveIntegerField(null=True, blank=True)
    submitted_version = models.PositiveIntegerField(null=True, blank=True)
    # Not stored: set by the status board (selectors.Board) for the day it shows.
    status: str

    class Meta:
        ordering = ["period__number", "organisation_name"]
        constraints = [
            models.UniqueConstraint(fields=["period", "organisation"], name="report_item_unique")
        ]
        indexes = [models.Index(fields=["organisation", "submitted_at"], name="report_item_owed")]

    def __str__(self):
        return f"{self.period}: {self.organisation_name}"

    def get_absolute_url(self):
        return self.period.series.get_absolute_url() + f"#item-{self.pk}"

    def get_status_display(self):
        return self.Status(self.status).label

    def status_on(self, today):
        if self.submitted_at:
            return self.Status.SUBMITTED
        return self.Status.LATE if today > self.period.due_date else self.Status.PENDING


class ReminderSent(models.Model):
    """That a reminder of ``kind`` went out for an item: what makes reminders idempotent."""

    class Kind(models.TextChoices):
        BEFORE = "before", "Before the due date"
        DUE = "due", "On the due date"

    item = models.ForeignKey(ReportItem, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["item", "kind"], name="reminder_once_per_kind")
        ]

    def __str__(self):
        return f"{self.get_kind_display()} reminder for {self.item}"
