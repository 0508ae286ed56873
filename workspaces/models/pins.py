"""Pins on a workspace's start page."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from .containers import Workspace


class Pin(models.Model):
    """A page or document that leads pin to the workspace's start page."""

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="pins")
    target_type = models.ForeignKey(
        "contenttypes.ContentType", on_delete=models.CASCADE, related_name="+"
    )
    target_id = models.PositiveBigIntegerField()
    label = models.CharField(max_length=300)
    url = models.CharField(max_length=500)
    pinned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    pinned_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["pinned_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["workspace", "target_type", "target_id"], name="pin_unique"
            )
        ]

    def __str__(self):
        return self.label
