"""The activity stream, notifications and watches."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone

from alliance_hub import hooks

from .contained import Contained, ContainedQuerySet
from .containers import Group, Workspace


class Activity(Contained):
    """One line of the activity stream. Label and URL are snapshots taken when it
    happened, so the stream renders without loading the targets."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    verb = models.CharField(max_length=60)
    target_type = models.ForeignKey(
        "contenttypes.ContentType", null=True, on_delete=models.CASCADE, related_name="+"
    )
    target_id = models.PositiveBigIntegerField(null=True)
    target_label = models.CharField(max_length=300)
    target_url = models.CharField(max_length=500)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-id"]
        indexes = [
            models.Index(fields=["workspace", "-id"], name="activity_ws_recent"),
            models.Index(fields=["group", "-id"], name="activity_group_recent"),
        ]

    def __str__(self):
        return f"{self.actor} {self.verb} {self.target_label}"

    @property
    def about_actor(self):
        """The actor is also the target ("Nina joined"): the stream names them once."""
        if self.actor_id is None or self.target_id != self.actor_id:
            return False
        user_type = ContentType.objects.get_for_model(get_user_model())  # cached, no query
        return self.target_type_id == user_type.pk


class Notification(models.Model):
    class Kind(models.TextChoices):
        """The workspaces app's own kinds; other apps register theirs (the
        notification_kind hook), so ``kind`` has no fixed choices."""

        INVITATION_ACCEPTED = "invitation_accepted", "Accepted your invitation"
        OTHER = "other", "Other"

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="+")
    # The group whose content it quotes: leaving the group hides it (see visible_to).
    group = models.ForeignKey(
        Group, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(max_length=30)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.CharField(max_length=300)
    target_url = models.CharField(max_length=500)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)

    objects = ContainedQuerySet.as_manager()

    class Meta:
        ordering = ["-id"]
        indexes = [
            models.Index(fields=["recipient", "-id"], name="notification_inbox"),
            models.Index(
                fields=["recipient"],
                condition=models.Q(read_at__isnull=True),
                name="notification_unread",
            ),
        ]

    def __str__(self):
        return self.text

    def get_kind_display(self):
        kind = hooks.get_hooks_by(hooks.NOTIFICATION_KIND, "name").get(self.kind)
        return kind.label if kind else self.Kind.OTHER.label

    @classmethod
    def is_known_kind(cls, kind):
        return kind in hooks.get_hooks_by(hooks.NOTIFICATION_KIND, "name")


class Watch(models.Model):
    """A person watching a content object (authors and editors watch automatically)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="+")
    target_type = models.ForeignKey(
        "contenttypes.ContentType", on_delete=models.CASCADE, related_name="+"
    )
    target_id = models.PositiveBigIntegerField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "target_type", "target_id"], name="watch_unique"
            )
        ]
        indexes = [models.Index(fields=["target_type", "target_id"])]

    def __str__(self):
        return f"{self.user} watches {self.target_type} {self.target_id}"
