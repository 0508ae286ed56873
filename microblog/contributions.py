"""Everything the microblog contributes to other apps (alliance_hub/hooks.py)."""

from alliance_hub.hooks import (
    DASHBOARD_ACTION,
    DEMO_CHAPTERS,
    EXPORTER,
    MEMBER_COLUMN,
    MEMBER_TODO,
    NAV_LINK,
    NOTIFICATION_KIND,
    PROFILE_SECTION,
    SEARCH_SOURCE,
    URLCONF,
    WEEKLY_SERIES,
    MemberColumn,
    NavLink,
    NotificationKind,
    WeeklySeries,
    register,
)

from . import demo, hooks, launch, services
from .search import BlogSource, PostSource

register(URLCONF, "microblog.urls")
register(NAV_LINK, NavLink("Stream", "microblog:post_list"), order=50)
register(NAV_LINK, NavLink("Blog", "microblog:blogpost_list"), order=55)
register(PROFILE_SECTION, hooks.blog_posts_section)
register(PROFILE_SECTION, hooks.status_posts_section)
register(SEARCH_SOURCE, PostSource())
register(SEARCH_SOURCE, BlogSource())
register(DASHBOARD_ACTION, hooks.dashboard_actions)
for name, label in services.NOTIFICATION_KINDS.items():
    register(NOTIFICATION_KIND, NotificationKind(name, label))

register(WEEKLY_SERIES, WeeklySeries("Posts", launch.posts_by_week))
register(MEMBER_COLUMN, MemberColumn("Posts", launch.posts_by_member))
register(MEMBER_TODO, launch.first_hello_todo)
register(EXPORTER, launch.export_posts)
register(DEMO_CHAPTERS, demo.chapters)
