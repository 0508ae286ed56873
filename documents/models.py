"""Folders, documents, their versions and the record of every download.

A document lives once, in one container (a workspace or a group), optionally in a
folder there. Each uploaded file is a ``Version`` with a gap-free number; the
document keeps a few denormalised columns of its latest version (type, size,
time) so that a folder lists, sorts and filters from one table with indexes.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone

from alliance_hub.reversing import reverse
from workspaces.models import Contained, TrashableMixin, TrashableQuerySet

from . import files


class Folder(Contained):
    """A folder; ``parent`` None is the top level of its container.

    ``ancestor_path`` holds the ids of the ancestors ("3/7/"), so the breadcrumb
    is one query at any depth. Folders do not move, so it never changes.
    """

    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    name = models.CharField(max_length=200)
    name_key = models.CharField(max_length=200, editable=False)
    ancestor_path = models.CharField(max_length=500, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name_key", "id"]
        indexes = [
            models.Index(fields=["workspace", "group", "parent", "name_key"], name="folder_list"),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.name_key = self.name.casefold()[:200]
        super().save(*args, **kwargs)

    @property
    def ancestor_ids(self):
        return [int(part) for part in self.ancestor_path.split("/") if part]

    @property
    def depth(self):
        return len(self.ancestor_ids)

    def get_absolute_url(self):
        return reverse("documents:folder_detail", args=[self.container_path, self.pk])


class Document(TrashableMixin, Contained):
    folder = models.ForeignKey(
        Folder, null=True, blank=True, on_delete=models.SET_NULL, related_name="documents"
    )
    title = models.CharField(max_length=200)
    name_key = models.CharField(max_length=200, editable=False)
    description = models.TextField(blank=True)
    # Copies of the latest version's facts, for sorting and filtering a folder.
    latest_version = models.ForeignKey(
        "Version", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The version the second permanent link serves (set when a review approves one).
    approved_version = models.ForeignKey(
        "Version", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    version_count = models.PositiveIntegerField(default=0)
    file_type = models.CharField(max_length=20, blank=True)
    size = models.BigIntegerField(default=0)
    updated_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    # The check-out lock: "being edited by" until it is released or expires.
    locked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    locked_until = models.DateTimeField(null=True, blank=True)
    # The trash: a deleted document keeps everything until a moderator purges it.
    deleted_at = models.DateTimeField(null=True, blank=True)
    deleted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    # Set by selectors.folder_page for its rows (not a column).
    tag_names: list[str]

    objects = TrashableQuerySet.as_manager()

    class Meta:
        ordering = ["name_key", "id"]
        indexes = [
            # One index per ordering of a folder page; the keyset ends with id.
            models.Index(
                fields=["workspace", "group", "folder", "name_key", "id"],
                condition=models.Q(deleted_at__isnull=True),
                name="document_by_name",
            ),
            models.Index(
                fields=["workspace", "group", "folder", "updated_at", "id"],
                condition=models.Q(deleted_at__isnull=True),
                name="document_by_date",
            ),
            models.Index(
                fields=["workspace", "group", "folder", "file_type", "name_key", "id"],
                condition=models.Q(deleted_at__isnull=True),
                name="document_by_type",
            ),
            models.Index(
                fields=["workspace", "group", "deleted_at"],
                condition=models.Q(deleted_at__isnull=False),
                name="document_trash",
            ),
            models.Index(fields=["created_by", "-updated_at"], name="document_by_author"),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.name_key = self.title.casefold()[:200]
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("documents:document_detail", args=[self.container_path, self.pk])

    def get_permalink(self):
        return reverse("documents:document_permalink", args=[self.pk])

    def get_approved_permalink(self):
        return reverse("documents:document_approved_permalink", args=[self.pk])

    @property
    def lock_is_active(self):
        return bool(self.locked_by_id and self.locked_until and self.locked_until > timezone.now())

    def locked_against(self, user):
        """True when someone other than ``user`` holds an active lock."""
        return self.lock_is_active and self.locked_by_id != user.pk


class DocumentTag(models.Model):
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="tags")
    name = models.CharField(max_length=40)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["document", "name"], name="document_tag_unique")
        ]
        indexes = [models.Index(fields=["name", "document"], name="document_tag_name")]

    def __str__(self):
        return self.name


# Versions compared on the text the search app extracts from them.
EXTRACTED_TEXT_EXTENSIONS = {"docx", "odt"}


class Version(models.Model):
    """One uploaded file of a document. Rows are never changed or renumbered; a
    restore adds a new version that shares the old one's stored file."""

    class Preview(models.TextChoices):
        NONE = "", "None"
        IMAGE = "image", "Image"
        PDF = "pdf", "PDF"
        TEXT = "text", "Text"
        CSV = "csv", "CSV"

    class State(models.TextChoices):
        DRAFT = "draft", "Draft"
        IN_REVIEW = "in_review", "In review"
        APPROVED = "approved", "Approved"
        SUPERSEDED = "superseded", "Superseded"

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    # Changed only by the review services (documents/reviews.py).
    state = models.CharField(max_length=12, choices=State.choices, default=State.DRAFT)
    # A name the app generated (documents/ab/<uuid>); never the uploaded name.
    file = models.FileField(max_length=255)
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.BigIntegerField()
    sha256 = models.CharField(max_length=64)
    preview = models.CharField(max_length=10, choices=Preview.choices, blank=True)
    change_note = models.CharField(max_length=300, blank=True)
    restored_from = models.PositiveIntegerField(null=True, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["document", "number"], name="version_number_unique")
        ]
        indexes = [models.Index(fields=["document", "sha256"], name="version_by_hash")]

    def __str__(self):
        return f"{self.document.title} (version {self.number})"

    def get_absolute_url(self):
        return f"{self.document.get_absolute_url()}#v{self.number}"

    def get_download_url(self):
        return reverse("documents:version_download", args=[self.document_id, self.number])

    @property
    def is_textual(self):
        return self.preview in (self.Preview.TEXT, self.Preview.CSV)

    @property
    def extension(self):
        return files.extension(self.original_name)

    @property
    def is_comparable(self):
        """Text files compare on their text; word processor files on the text the
        search app extracts from them (documents/previews.py)."""
        return self.is_textual or self.extension in EXTRACTED_TEXT_EXTENSIONS


class Download(models.Model):
    """Who downloaded which version, when: the document's access record."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="downloads")
    version = models.ForeignKey(Version, on_delete=models.CASCADE, related_name="downloads")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-id"]
        indexes = [
            models.Index(fields=["document", "-id"], name="download_record"),
            models.Index(fields=["document", "user", "-id"], name="download_by_user"),
        ]

    def __str__(self):
        return f"{self.user} downloaded {self.version}"


class Review(models.Model):
    """A request that named people review one version; the rule says when it is met."""

    class Rule(models.TextChoices):
        ALL = "all", "Every reviewer approves"
        ONE_PER_ORGANISATION = "per_org", "One reviewer per organisation approves"

    class Outcome(models.TextChoices):
        OPEN = "open", "Open"
        APPROVED = "approved", "Approved"
        CHANGES_REQUESTED = "changes", "Changes requested"
        WITHDRAWN = "withdrawn", "Withdrawn"

    version = models.ForeignKey(Version, on_delete=models.CASCADE, related_name="reviews")
    rule = models.CharField(max_length=10, choices=Rule.choices, default=Rule.ALL)
    outcome = models.CharField(max_length=10, choices=Outcome.choices, default=Outcome.OPEN)
    message = models.CharField(max_length=500, blank=True)
    due_date = models.DateField(null=True, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    requested_at = models.DateTimeField(default=timezone.now)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-id"]
        constraints = [
            # At most one open review per version.
            models.UniqueConstraint(
                fields=["version"],
                condition=models.Q(outcome="open"),
                name="review_one_open_per_version",
            )
        ]

    def __str__(self):
        return f"Review of {self.version}"

    def get_absolute_url(self):
        return self.version.document.get_absolute_url() + "#review"

    @property
    def is_open(self):
        return self.outcome == self.Outcome.OPEN


class Reviewer(models.Model):
    """One person asked to review, with their decision. Kept when they leave (the vote
    then no longer counts, see reviews.review_evaluate); names are snapshots."""

    class Decision(models.TextChoices):
        PENDING = "pending", "Pending"
        APPROVED = "approved", "Approved"
        CHANGES_REQUESTED = "changes", "Requested changes"

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="reviewers")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    user_name = models.CharField(max_length=200)
    organisation = models.ForeignKey(
        "workspaces.Organisation", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    organisation_name = models.CharField(max_length=200)
    decision = models.CharField(max_length=10, choices=Decision.choices, default=Decision.PENDING)
    comment = models.TextField(blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["organisation_name", "user_name"]
        constraints = [models.UniqueConstraint(fields=["review", "user"], name="reviewer_unique")]
        indexes = [models.Index(fields=["user", "decision"], name="reviewer_inbox")]

    def __str__(self):
        return f"{self.user_name} ({self.organisation_name}): {self.get_decision_display()}"


class OfficePreview(models.Model):
    """The preview of one stored office file (DOCX, XLSX, PPTX, ODF), made once in the
    background by documents/office_previews.py; a restored version shares it."""

    file_name = models.CharField(max_length=255, unique=True)
    ok = models.BooleanField(default=False)
    data = models.JSONField(default=dict, blank=True)  # plain text only: see office.py
    error = models.CharField(max_length=300, blank=True)
    made_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return self.file_name
