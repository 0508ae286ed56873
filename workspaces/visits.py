"""The last visit of each member to each workspace, for the adoption figures: noted by
``access.container_view`` on every container page, written at most once per
``VISIT_RESOLUTION`` per workspace and session."""

from datetime import timedelta

from django.http import HttpRequest
from django.utils import timezone

from .models import Membership, WeeklyVisit, Workspace

VISIT_RESOLUTION = timedelta(minutes=15)


def note_visit(request: HttpRequest, workspace: Workspace) -> None:
    """Keep Membership.last_seen_at for the adoption figures, writing at most once per
    VISIT_RESOLUTION per workspace and session (the session remembers the last write)."""
    key = f"seen:{workspace.pk}"
    now = timezone.now()
    last = request.session.get(key)
    if last and now.timestamp() - last < VISIT_RESOLUTION.total_seconds():
        return
    if not (request.user.is_authenticated and request.user.is_active):
        return
    memberships = Membership.objects.filter(workspace=workspace, user=request.user)
    if memberships.filter(welcomed_at__isnull=True).exists():
        request.session[f"welcome:{workspace.pk}"] = True  # the dashboard shows "start here"
    if memberships.update(last_seen_at=now):
        monday = now.date() - timedelta(days=now.weekday())
        WeeklyVisit.objects.bulk_create(
            [WeeklyVisit(workspace=workspace, user=request.user, week=monday)],
            ignore_conflicts=True,
        )
    request.session[key] = now.timestamp()
