"""Everything the documents app contributes to other apps (alliance_hub/hooks.py)."""

from alliance_hub.hooks import (
    ADMIN_PERMISSION,
    DEMO_CHAPTERS,
    EXPORTER,
    JOB_KIND,
    KICKOFF_CHECK,
    MEMBER_COLUMN,
    MEMBER_TODO,
    NAV_LINK,
    NOTIFICATION_KIND,
    PERIODIC,
    PROFILE_SECTION,
    SEARCH_SOURCE,
    URLCONF,
    WEEKLY_SERIES,
    JobKind,
    MemberColumn,
    NavLink,
    NotificationKind,
    Periodic,
    WeeklySeries,
    register,
)
from workspaces.roles import Action

from . import demo, hooks, launch, mail_import, reviews, tasks
from .actions.common import NEW_VERSION
from .search import DocumentSource

register(URLCONF, "documents.urls")
register(NAV_LINK, NavLink("Documents", "documents:folder_list"), order=20)
register(SEARCH_SOURCE, DocumentSource())
register(PROFILE_SECTION, hooks.recent_documents_section)

register(NOTIFICATION_KIND, NotificationKind(NEW_VERSION, "New version of a document you watch"))
for name, label in reviews.NOTIFICATION_KINDS.items():
    register(NOTIFICATION_KIND, NotificationKind(name, label))
register(ADMIN_PERMISSION, "documents.view_review")

register(
    JOB_KIND,
    JobKind("mail_import", "Import from e-mail", mail_import.import_run, Action.CONTRIBUTE),
)
register(
    PERIODIC, Periodic("documents.expired_locks", tasks.LOCKS_EVERY, tasks.release_expired_locks)
)
register(PERIODIC, Periodic("documents.trash_purge", tasks.TRASH_EVERY, tasks.purge_old_trash))

register(KICKOFF_CHECK, launch.first_documents_check)
register(WEEKLY_SERIES, WeeklySeries("Uploads", launch.uploads_by_week))
register(MEMBER_COLUMN, MemberColumn("Uploads", launch.uploads_by_member))
register(EXPORTER, launch.export_documents)
register(MEMBER_TODO, launch.reviews_todo)
register(DEMO_CHAPTERS, demo.chapters)
