"""Background jobs a person can see, and the claims that make periodic work run once."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from alliance_hub import hooks
from alliance_hub.reversing import reverse
from workspaces.models import Contained


class Job(Contained):
    """One piece of background work asked for in a container (an export, an import...).

    The row is the truth about the job; the task queue only carries "run job N".
    A job is run by whoever claims it (queued -> running, one conditional UPDATE),
    so a duplicate delivery, a retry and a stale-job recovery never run it twice
    at once, and a finished job is never run again.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        RUNNING = "running", "Running"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"

    kind = models.CharField(max_length=40)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    params = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)  # percent
    attempts = models.PositiveSmallIntegerField(default=0)
    max_attempts = models.PositiveSmallIntegerField(default=5)
    error = models.TextField(blank=True)
    summary = models.CharField(max_length=300, blank=True)
    result_file = models.CharField(max_length=300, blank=True)  # a name in default_storage
    created_at = models.DateTimeField(default=timezone.now)
    run_after = models.DateTimeField(default=timezone.now)
    enqueued_at = models.DateTimeField(null=True, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["workspace", "-created_at"]),
            models.Index(fields=["status", "heartbeat_at"]),
            models.Index(fields=["status", "run_after"]),
        ]

    def __str__(self):
        kind = hooks.get_hooks_by(hooks.JOB_KIND, "name").get(self.kind)
        return f"{kind.label if kind else self.kind} of {self.container}"

    def get_absolute_url(self):
        return reverse("jobs:job_detail", args=[self.container, self.pk])

    @property
    def is_finished(self):
        return self.status in (self.Status.DONE, self.Status.FAILED)

    @property
    def is_expired(self):
        return self.expires_at is not None and self.expires_at <= timezone.now()

    @property
    def offers_file(self):
        return self.status == self.Status.DONE and bool(self.result_file) and not self.is_expired


class PeriodicRun(models.Model):
    """A claim: periodic work ``name`` for the period starting at ``period_start`` was
    enqueued. The unique key lets exactly one of several schedulers win each period."""

    name = models.CharField(max_length=80)
    period_start = models.DateTimeField()
    claimed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["name", "period_start"], name="one_run_per_period")
        ]
        indexes = [models.Index(fields=["claimed_at"])]

    def __str__(self):
        return f"{self.name} @ {self.period_start:%Y-%m-%d %H:%M}"
