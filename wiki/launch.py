"""The wiki's part in the launch: kick-off checks, adoption figures and the export.
Registered in contributions.py; each function runs a fixed number of queries."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from django.db.models import QuerySet

from alliance_hub.hooks import Check, ExportEntries, Todo
from alliance_hub.reversing import reverse
from workspaces.access import visible_in
from workspaces.adoption import count_by_member, count_by_week

from .models import Page, Signoff
from .signoff import signoff_csv, signoffs_owed_by
from .starters import GOVERNANCE, REPORTING, SCOPE

if TYPE_CHECKING:
    from alliance_hub.types import User
    from workspaces.access import Container
    from workspaces.models import Workspace

KICKOFF_PAGES = [
    (GOVERNANCE.path, "Governance structure written"),
    (SCOPE.path, "Scope of work written"),
    (REPORTING.path, "Reporting page written"),
]


def kickoff_checks(workspace: Workspace) -> list[Check]:
    """A starter page counts as written once it was edited beyond its template
    (it has more than one revision). One query."""
    revisions = dict(
        Page.objects.in_container(workspace)
        .filter(deleted_at__isnull=True, path__in=[path for path, _ in KICKOFF_PAGES])
        .values_list("path", "revision")
    )
    return [
        {
            "label": label,
            "done": revisions.get(path, 0) > 1,
            "url": reverse("wiki:page_detail", args=[workspace, path])
            if path in revisions
            else None,
        }
        for path, label in KICKOFF_PAGES
    ]


def _revisions(workspace: Workspace, viewer: User) -> QuerySet[Any]:
    """Saved revisions of the workspace's pages and those of the groups ``viewer`` sees."""
    return Page.history.model.objects.filter(visible_in(viewer, workspace))


def edits_by_member(workspace: Workspace, user_ids: list[int], viewer: User) -> dict[int, int]:
    return count_by_member(_revisions(workspace, viewer), "history_user_id", user_ids)


def edits_by_week(workspace: Workspace, since: date, viewer: User) -> dict[date, int]:
    return count_by_week(_revisions(workspace, viewer), "history_date", since)


# Export -------------------------------------------------------------------------------


def _markdown(title: str, body: str, facts: dict[str, Any]) -> bytes:
    header = "\n".join(f"{key}: {value}" for key, value in facts.items())
    return f"---\ntitle: {title}\n{header}\n---\n\n# {title}\n\n{body}\n".encode()


def export_pages(container: Container) -> ExportEntries:
    """The live pages of ``container`` as Markdown: ``pages/<path>.md`` (current) and
    ``pages/<path>/history/<revision>.md`` for every revision. Two queries."""
    pages = list(Page.objects.in_container(container).filter(deleted_at__isnull=True))
    for page in pages:
        facts = {"revision": page.revision, "updated": page.updated_at.isoformat()}
        yield f"pages/{page.path}.md", _markdown(page.title, page.body, facts)
    paths = {page.pk: page.path for page in pages}
    history = (
        Page.history.model.objects.filter(id__in=paths)
        .select_related("history_user")
        .order_by("id", "revision", "history_id")
    )
    for row in history.iterator(chunk_size=200):
        facts = {
            "revision": row.revision,
            "saved": row.history_date.isoformat(),
            "by": row.history_user.display_name if row.history_user else "",
            "summary": " ".join(row.change_summary.split()),
        }
        name = f"pages/{paths[row.id]}/history/{row.revision:04d}-{row.history_id}.md"
        yield name, _markdown(row.title, row.body, facts)


def export_signoffs(container: Container) -> ExportEntries:
    """``signoffs.csv``: every sign-off record of the container's pages (two queries),
    only when there is one."""
    pages = Page.objects.in_container(container)
    if Signoff.objects.filter(request__page__in=pages).exists():
        yield "signoffs.csv", signoff_csv(container=container)


def signoffs_todo(user: User, workspace: Workspace) -> list[Todo]:
    """Sign-offs owed by the user's organisation that the user may give (two queries)."""
    return [
        {
            "label": f"Sign “{row.request.page}” (revision {row.revision}) "
            f"for {row.organisation_name}",
            "done": False,
            "url": row.request.get_absolute_url(),
            "due": row.request.due_date,
        }
        for row in signoffs_owed_by(user=user, workspace=workspace)
    ]
