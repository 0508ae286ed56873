"""The search index: one row per thing that can be found, kept in step by the
content apps (through alliance_hub.hooks.search_changed) and by the extraction task.

The full-text part lives next to the table, per database (see migrations/0002):
on PostgreSQL a generated, weighted ``tsvector`` column with a GIN index; on
SQLite an FTS5 table kept in step by triggers. The model does not declare it.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone

from workspaces.models import Contained


class Entry(Contained):
    class FileState(models.TextChoices):
        NONE = "", "No file"
        PENDING = "pending", "Being indexed"
        DONE = "done", "Indexed"
        FAILED = "failed", "Could not be read"

    key = models.CharField(max_length=100, unique=True)
    kind = models.CharField(max_length=20)
    object_id = models.PositiveBigIntegerField()
    title = models.CharField(max_length=300)
    tags = models.TextField(blank=True)
    body = models.TextField(blank=True)
    file_text = models.TextField(blank=True)
    file_name = models.CharField(max_length=255, blank=True)
    file_ext = models.CharField(max_length=10, blank=True)
    file_state = models.CharField(max_length=10, choices=FileState.choices, blank=True)
    version = models.PositiveIntegerField(null=True, blank=True)
    is_current = models.BooleanField(default=True)
    # What the source says the object's state is, shown on the result ("Approved").
    state = models.CharField(max_length=30, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    organisation = models.ForeignKey(
        "workspaces.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    date = models.DateTimeField(default=timezone.now)
    url = models.CharField(max_length=500)

    class Meta:
        verbose_name_plural = "entries"
        indexes = [
            models.Index(fields=["kind", "object_id"], name="search_entry_object"),
            models.Index(fields=["file_name"], name="search_entry_file"),
            models.Index(fields=["workspace", "group", "date"], name="search_entry_container"),
        ]

    def __str__(self):
        return self.title

    @property
    def text_pending(self):
        return self.file_state == self.FileState.PENDING


class ExtractedText(models.Model):
    """The text of one stored file, extracted once (a restored version shares it)."""

    file_name = models.CharField(max_length=255, unique=True)
    ok = models.BooleanField(default=False)
    text = models.TextField(blank=True)
    error = models.CharField(max_length=300, blank=True)
    seconds = models.FloatField(default=0)
    extracted_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return self.file_name


class ReindexProgress(models.Model):
    """Where ``manage.py reindex`` got to per kind, so a stopped run resumes there."""

    kind = models.CharField(max_length=20, unique=True)
    last_id = models.PositiveBigIntegerField(default=0)
    done = models.BooleanField(default=False)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"{self.kind} after {self.last_id}"
