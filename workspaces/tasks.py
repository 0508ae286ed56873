"""The workspaces' periodic work (registered in apps.py, scheduled by jobs/periodic.py):
each task takes the start of its period, as an ISO string, and is safe to run twice."""

from datetime import datetime, timedelta

from django.db.models import Q
from django_tasks import task

from .activity import notify
from .digests import send_due_digests
from .models import Invitation, Notification

DIGESTS_EVERY = timedelta(hours=1)
EXPIRED_INVITATIONS_EVERY = timedelta(hours=1)


@task()
def send_digests(period_start):
    """Each person's digest moves ``digest_sent_at`` forward as it is sent: no doubles."""
    return send_due_digests()


@task()
def tell_inviters_of_expired_invitations(period_start):
    """Tell each inviter of their invitations that expired unanswered in the period
    before this one. Each period is run once (jobs/periodic.py), so each is told once."""
    until = datetime.fromisoformat(period_start)
    since = until - EXPIRED_INVITATIONS_EVERY
    expired = Invitation.objects.filter(
        Q(expires_at__gte=since) & Q(expires_at__lt=until),
        accepted_at__isnull=True,
        revoked_at__isnull=True,
        invited_by__isnull=False,
    ).select_related("workspace", "invited_by")
    told = 0
    for invitation in expired:
        text = (
            f"The invitation of {invitation.email} to {invitation.workspace} expired "
            "unanswered; you can send a new one."
        )
        if Notification.objects.filter(recipient=invitation.invited_by, text=text).exists():
            continue  # this period ran already
        notify(
            recipients=[invitation.invited_by],
            kind=Notification.Kind.OTHER,
            actor=None,
            text=text,
            target=invitation.workspace,
            container=invitation.workspace,
        )
        told += 1
    return told
