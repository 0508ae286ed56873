"""Everything the wiki contributes to other apps (alliance_hub/hooks.py)."""

from alliance_hub.hooks import (
    ADMIN_PERMISSION,
    DEMO_CHAPTERS,
    EXPORTER,
    KICKOFF_CHECK,
    MEMBER_COLUMN,
    MEMBER_TODO,
    NAV_LINK,
    NOTIFICATION_KIND,
    SEARCH_SOURCE,
    URLCONF,
    WEEKLY_SERIES,
    WORKSPACE_CREATED,
    MemberColumn,
    NavLink,
    NotificationKind,
    WeeklySeries,
    register,
)

from . import demo, launch, services, signoff
from .search import PageSource

register(URLCONF, "wiki.urls")
register(NAV_LINK, NavLink("Wiki", "wiki:page_list"), order=30)
register(SEARCH_SOURCE, PageSource())
register(WORKSPACE_CREATED, services.create_starter_pages)

register(NOTIFICATION_KIND, NotificationKind(services.PAGE_EDIT, "Edit of a wiki page you watch"))
for name, label in signoff.NOTIFICATION_KINDS.items():
    register(NOTIFICATION_KIND, NotificationKind(name, label))
register(ADMIN_PERMISSION, "wiki.view_signoffrequest")
register(ADMIN_PERMISSION, "wiki.view_signoff")

register(KICKOFF_CHECK, launch.kickoff_checks)
register(WEEKLY_SERIES, WeeklySeries("Wiki edits", launch.edits_by_week))
register(MEMBER_COLUMN, MemberColumn("Wiki edits", launch.edits_by_member))
register(EXPORTER, launch.export_pages)
register(EXPORTER, launch.export_signoffs)
register(MEMBER_TODO, launch.signoffs_todo)
register(DEMO_CHAPTERS, demo.chapters)
