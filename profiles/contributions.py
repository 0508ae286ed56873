"""Everything the profiles app contributes to other apps (alliance_hub/hooks.py)."""

from alliance_hub.hooks import (
    DEMO_CHAPTERS,
    KICKOFF_CHECK,
    MEMBER_COLUMN,
    MEMBER_TODO,
    NAV_LINK,
    SEARCH_SOURCE,
    URLCONF,
    MemberColumn,
    NavLink,
    register,
)

from . import demo, launch
from .search import PersonSource

register(URLCONF, "profiles.urls")
register(NAV_LINK, NavLink("People", "profiles:directory"), order=40)
register(SEARCH_SOURCE, PersonSource())
register(KICKOFF_CHECK, launch.profiles_check)
register(MEMBER_COLUMN, MemberColumn("Profile complete %", launch.completeness_column))
register(MEMBER_TODO, launch.complete_profile_todo)
register(DEMO_CHAPTERS, demo.chapters)
