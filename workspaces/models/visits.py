"""Weekly visits, the measure of adoption."""

from django.conf import settings
from django.db import models

from .containers import Workspace


class WeeklyVisit(models.Model):
    """That a member visited a workspace in a week (the Monday): weekly active members."""

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    week = models.DateField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["workspace", "week", "user"], name="weekly_visit_unique"
            )
        ]

    def __str__(self):
        return f"{self.user} in {self.workspace}, week of {self.week}"
