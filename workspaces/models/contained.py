"""What belongs to one container: the base of content and its queryset."""

from django.db import models

from .containers import Group, Workspace


class ContainedQuerySet(models.QuerySet):
    def in_container(self, container):
        if container.is_group:
            return self.filter(group=container)
        return self.filter(workspace=container, group__isnull=True)


class Contained(models.Model):
    """Base for content: it belongs to one workspace, or to one group inside it."""

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="+")
    group = models.ForeignKey(
        Group, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )

    objects = ContainedQuerySet.as_manager()

    class Meta:
        abstract = True

    @property
    def container(self):
        return self.group if self.group_id else self.workspace

    def is_in(self, container):
        """Whether the row belongs to ``container`` itself (a workspace's own rows, not
        those of its groups), from the foreign keys alone."""
        group_id = container.pk if container.is_group else None
        return self.workspace_id == container.workspace.pk and self.group_id == group_id

    def set_container(self, container):
        self.workspace = container.workspace
        self.group = container.group

    def share_container(self, *rows):
        """Give ``rows`` (of this row's container) this row's loaded workspace and group,
        so their URLs and checks need no query of their own."""
        for row in rows:
            row.workspace, row.group = self.workspace, self.group

    @property
    def container_path(self):
        """The container part of the row's URLs from its own workspace and group
        (select_related): ``Group.container_path`` would reach through
        ``group.workspace``, so this costs no query when both relations are loaded."""
        return path_of(self.workspace.slug, self.group.slug if self.group_id else None)


def path_of(workspace_slug, group_slug=None):
    """The container part of URLs from the slugs alone (rows read in SQL text)."""
    return f"{workspace_slug}/g/{group_slug}" if group_slug else workspace_slug


class TrashableQuerySet(ContainedQuerySet):
    """Content that goes to the trash (``deleted_at`` set) before it is deleted for good."""

    def alive(self):
        return self.filter(deleted_at__isnull=True)

    def trashed(self):
        return self.filter(deleted_at__isnull=False)


class TrashableMixin:
    """``is_trashed`` of a Contained model with a ``deleted_at`` field."""

    @property
    def is_trashed(self):
        return self.deleted_at is not None
