"""Everything the reporting app contributes to other apps (alliance_hub/hooks.py)."""

from alliance_hub.hooks import (
    ADMIN_PERMISSION,
    DEMO_CHAPTERS,
    MEMBER_TODO,
    NAV_LINK,
    NOTIFICATION_KIND,
    PERIODIC,
    URLCONF,
    NavLink,
    NotificationKind,
    Periodic,
    register,
)

from . import demo, launch, services, tasks

register(URLCONF, "reporting.urls")
register(NAV_LINK, NavLink("Reports", "reporting:series_list"), order=35)
register(MEMBER_TODO, launch.reports_todo)
register(
    NOTIFICATION_KIND,
    NotificationKind(services.REPORT_REMINDER, services.REPORT_REMINDER_LABEL),
)
register(ADMIN_PERMISSION, "reporting.view_reportseries")
register(ADMIN_PERMISSION, "reporting.view_reportitem")
register(
    PERIODIC, Periodic("reporting.reminders", tasks.REMINDERS_EVERY, tasks.send_report_reminders)
)
register(DEMO_CHAPTERS, demo.chapters)
