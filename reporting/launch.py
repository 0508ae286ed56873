"""Reporting's part of the start page: reports due from the member's organisation."""

from __future__ import annotations

from typing import TYPE_CHECKING

from alliance_hub.hooks import Todo

from . import selectors

if TYPE_CHECKING:
    from alliance_hub.types import User
    from workspaces.models import Workspace


def reports_todo(user: User, workspace: Workspace) -> list[Todo]:
    return [
        {
            "label": f"Submit {item.period.series} #{item.period.number} "
            f"for {item.organisation_name}",
            "done": False,
            "url": item.get_absolute_url(),
            "due": item.period.due_date,
        }
        for item in selectors.reports_due_for(user=user, workspace=workspace)
    ]
