"""The profiles' part in the launch: a kick-off check, a to-do and the completeness
column of the adoption dashboard. Registered in contributions.py."""

from __future__ import annotations

from typing import TYPE_CHECKING

from alliance_hub.hooks import Check, Todo
from alliance_hub.reversing import reverse

from .completeness import completeness
from .models import Profile, ProfileTask
from .selectors import add_completeness, directory_members

if TYPE_CHECKING:
    from alliance_hub.types import User
    from workspaces.models import Workspace

# The kick-off counts profiles as filled in when most members have most of theirs.
FILLED_PERCENT = 80
SHARE_OF_MEMBERS = 0.8


def _percent_by_user(workspace: Workspace) -> dict[int, int]:
    """{user_id: completeness percent} for every member. Three queries."""
    rows = add_completeness(directory_members(container=workspace), workspace=workspace)
    return {
        row.membership.user_id: row.completeness.percent
        for row in rows
        if row.completeness is not None  # add_completeness scored every row
    }


def profiles_check(workspace: Workspace) -> list[Check]:
    percents = list(_percent_by_user(workspace).values())
    filled = sum(1 for p in percents if p >= FILLED_PERCENT)
    return [
        {
            "label": f"Profiles filled in ({filled} of {len(percents)} at {FILLED_PERCENT}%+)",
            "done": bool(percents) and filled >= SHARE_OF_MEMBERS * len(percents),
            "url": reverse("profiles:directory", args=[workspace]),
        }
    ]


def completeness_column(  # profiles belong to no group: the viewer does not matter
    workspace: Workspace, user_ids: list[int], viewer: User
) -> dict[int, int]:
    wanted = set(user_ids)
    return {uid: p for uid, p in _percent_by_user(workspace).items() if uid in wanted}


def complete_profile_todo(user: User, workspace: Workspace) -> list[Todo]:
    """Done at the same share as the kick-off check counts. Two queries."""
    profile = Profile.objects.filter(user=user).prefetch_related("tags").first()
    task = ProfileTask.objects.filter(user=user, workspace=workspace).first()
    score = completeness(
        profile,
        workspace_ids=[workspace.pk],
        tasks_by_workspace={workspace.pk: task.text if task else ""},
    )
    return [
        {
            "label": f"Complete your profile ({score.percent}%)",
            "done": score.percent >= FILLED_PERCENT,
            "url": reverse("profiles:profile_edit_me"),
        }
    ]
