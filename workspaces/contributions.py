"""What the workspaces app registers in the one registry (alliance_hub/hooks.py): its
own notification kinds, jobs and periodic work. It names no content app."""

from alliance_hub.hooks import (
    JOB_KIND,
    NOTIFICATION_KIND,
    PERIODIC,
    URLCONF,
    JobKind,
    NotificationKind,
    Periodic,
    register,
)

from . import activity, export, services, tasks
from .models import Notification
from .roles import Action

register(URLCONF, "workspaces.urls", order=-10)  # before the apps that share its paths
for kind in Notification.Kind:
    register(NOTIFICATION_KIND, NotificationKind(kind.value, kind.label))

register(JOB_KIND, JobKind("notifications", "Notifications", activity.notifications_run))
register(JOB_KIND, JobKind("export", "Export", export.export_run, Action.MANAGE))
register(
    JOB_KIND,
    JobKind("invitation_mails", "Invitation e-mails", services.invitation_mails_run, Action.MANAGE),
)
register(PERIODIC, Periodic("workspaces.digests", tasks.DIGESTS_EVERY, tasks.send_digests))
register(
    PERIODIC,
    Periodic(
        "workspaces.expired_invitations",
        tasks.EXPIRED_INVITATIONS_EVERY,
        tasks.tell_inviters_of_expired_invitations,
    ),
)
