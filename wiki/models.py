"""Wiki pages (with their revisions, kept by django-simple-history), the links between
pages and the redirects left behind by moves."""

from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from simple_history.models import HistoricalRecords

from alliance_hub.reversing import reverse
from workspaces.models import Contained, TrashableMixin, TrashableQuerySet

from .markup import render_wiki_markdown

if TYPE_CHECKING:
    from alliance_hub.types import User

PATH_MAX_LENGTH = 300


class RenderedMarkupMixin(models.Model):
    """Shared by the page and its historical rows: both store HTML rendered at save
    time, so ``manage.py rerender_markup`` can refresh old revisions too."""

    class Meta:
        abstract = True

    def render_markup(self):
        """Re-render ``body`` into the stored HTML fields (does not save).

        Returns the names of the fields it changed (for ``bulk_update``).
        """
        try:
            container = self.container
        except ObjectDoesNotExist:  # an old revision whose container is gone
            container = None
        html, toc, version, _links = render_page_markdown(self.body, container=container)
        self.body_html, self.toc_html, self.markup_version = html, toc, version
        return ["body_html", "toc_html", "markup_version"]

    @property
    def container(self):
        return self.group if self.group_id else self.workspace

    @property
    def depth(self):
        return self.path.count("/")

    @property
    def parent_path(self):
        return self.path.rpartition("/")[0]


class Page(TrashableMixin, RenderedMarkupMixin, Contained):
    """One wiki page, addressed by a slash-separated path inside its container.

    ``revision`` counts saves; an edit applies only if the page is still at the
    revision the editor started from (see ``services.page_save``).
    """

    title = models.CharField(max_length=200)
    path = models.CharField(max_length=PATH_MAX_LENGTH)
    body = models.TextField(blank=True)
    body_html = models.TextField(blank=True, editable=False)
    toc_html = models.TextField(blank=True, editable=False)
    markup_version = models.PositiveIntegerField(default=0, editable=False)
    revision = models.PositiveIntegerField(default=1, editable=False)
    change_summary = models.CharField(max_length=300, blank=True)
    is_protected = models.BooleanField(
        default=False, help_text="Only leads and community managers may edit a protected page."
    )
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    deleted_at = models.DateTimeField(null=True, blank=True)
    deleted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    # Who made the revision being saved: simple-history reads it (wiki.services sets it).
    _history_user: "User"
    history = HistoricalRecords(
        bases=[RenderedMarkupMixin],
        excluded_fields=["created_at", "created_by", "updated_at", "updated_by", "deleted_by"],
    )

    objects = TrashableQuerySet.as_manager()

    class Meta:
        ordering = ["path"]
        constraints = [
            models.UniqueConstraint(
                fields=["workspace", "path"],
                condition=Q(group__isnull=True, deleted_at__isnull=True),
                name="wiki_page_path_unique_in_workspace",
            ),
            models.UniqueConstraint(
                fields=["group", "path"],
                condition=Q(group__isnull=False, deleted_at__isnull=True),
                name="wiki_page_path_unique_in_group",
            ),
        ]
        indexes = [
            models.Index(fields=["workspace", "group", "path"], name="wiki_page_container_path"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("wiki:page_detail", args=[self.container_path, self.path])


class PageLink(models.Model):
    """A ``[[wiki link]]`` from a page to a path in the same container (which may
    not exist yet); rebuilt on every save, read by "what links here"."""

    source = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="outgoing_links")
    target_path = models.CharField(max_length=PATH_MAX_LENGTH)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["source", "target_path"], name="wiki_link_unique")
        ]
        indexes = [models.Index(fields=["target_path"], name="wiki_link_target")]

    def __str__(self):
        return f"{self.source_id} → {self.target_path}"


class PageRedirect(Contained):
    """Left behind when a page moves, so old addresses and links keep working."""

    old_path = models.CharField(max_length=PATH_MAX_LENGTH)
    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="redirects")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["workspace", "old_path"],
                condition=Q(group__isnull=True),
                name="wiki_redirect_unique_in_workspace",
            ),
            models.UniqueConstraint(
                fields=["group", "old_path"],
                condition=Q(group__isnull=False),
                name="wiki_redirect_unique_in_group",
            ),
        ]

    def __str__(self):
        return f"{self.old_path} → {self.page_id}"


class SignatoryRoles(models.Model):
    """Which roles may sign off pages for their organisation, set per workspace (a
    workspace without a row uses DEFAULT_SIGNATORY_ROLES)."""

    workspace = models.OneToOneField(
        "workspaces.Workspace", on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    roles = models.CharField(max_length=100)

    def __str__(self):
        return f"Signatories of {self.workspace_id}: {self.roles}"

    @property
    def role_list(self):
        return [role for role in self.roles.split(",") if role]


class SignoffRequest(models.Model):
    """A lead's request that partner organisations sign one exact revision of a page."""

    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="signoff_requests")
    revision = models.PositiveIntegerField()
    content_hash = models.CharField(max_length=64)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    requested_at = models.DateTimeField(default=timezone.now)
    due_date = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-id"]
        indexes = [models.Index(fields=["page", "-id"], name="signoff_request_latest")]

    def __str__(self):
        return f"Sign-off of {self.page} at revision {self.revision}"

    def get_absolute_url(self):
        return reverse("wiki:page_signoff", args=[self.page.container_path, self.page.path])


class Signoff(models.Model):
    """One organisation's part of a request: owed until signed. Names, revision and hash
    are copies, so the record survives the signatory (or the organisation) leaving."""

    request = models.ForeignKey(SignoffRequest, on_delete=models.CASCADE, related_name="signoffs")
    organisation = models.ForeignKey(
        "workspaces.Organisation", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    organisation_name = models.CharField(max_length=200)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    signer_name = models.CharField(max_length=200, blank=True)
    signed_at = models.DateTimeField(null=True, blank=True)
    revision = models.PositiveIntegerField()
    content_hash = models.CharField(max_length=64)

    class Meta:
        ordering = ["organisation_name"]
        constraints = [
            models.UniqueConstraint(fields=["request", "organisation"], name="signoff_unique")
        ]
        indexes = [models.Index(fields=["organisation", "signed_at"], name="signoff_owed")]

    def __str__(self):
        return f"{self.organisation_name}: {'signed' if self.signed_at else 'owed'}"

    @property
    def is_signed(self):
        return self.signed_at is not None


def render_page_markdown(text, *, container):
    """Render a page body: ``(body_html, toc_html, policy_version, linked_paths)``.

    Runs the queries of ``_pages_linked`` to resolve the page's wiki links; call it when
    saving, never in a view that shows a page.
    """
    return render_wiki_markdown(text, container=container, find_pages=_pages_linked)


def _pages_linked(container, paths, titles):
    """The live pages of ``container`` at ``paths`` or titled ``titles`` (any case), and
    the titles of moved pages whose old path is among the rest of ``paths``."""
    rows = list(
        Page.objects.in_container(container)
        .alive()
        .annotate(title_lower=Lower("title"))
        .filter(Q(path__in=paths) | Q(title_lower__in=titles))
        .values_list("path", "title")
    )
    found = {path for path, _title in rows}
    moved = (
        PageRedirect.objects.in_container(container)
        .filter(old_path__in=paths - found, page__deleted_at__isnull=True)
        .values_list("old_path", "page__title")
    )
    return rows, dict(moved)
