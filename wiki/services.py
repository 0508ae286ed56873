"""Every write to the wiki. Each function is atomic, re-checks the actor's rights on the
page's container, records activity and notifies the page's watchers.

Rights: reading needs ``view``; creating and editing needs ``contribute``, or
``moderate`` for a protected page; protecting pages and restoring deleted ones
needs ``lead``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, QuerySet
from django.utils import timezone

from alliance_hub.db import refuse_duplicate
from alliance_hub.hooks import search_changed
from workspaces.access import require_action
from workspaces.activity import notify, record_activity, unwatch, watch, watcher_ids
from workspaces.pins import unpin_target
from workspaces.roles import Action

from . import paths
from .models import Page, PageLink, PageRedirect, render_page_markdown
from .policies import PROTECT_ACTION, create_action_for, edit_action_for
from .starters import STARTER_PAGES

if TYPE_CHECKING:
    from alliance_hub.types import User
    from workspaces.access import Container
    from workspaces.models import Workspace

PAGE_EDIT = "page_edit"  # a notification kind (contributions.py)


class EditConflict(Exception):
    """Someone saved the page after the editor's base revision; nothing was written.

    ``current`` is the page as it is now (None if it was deleted meanwhile).
    """

    def __init__(self, current: Page | None) -> None:
        super().__init__("The page was changed by someone else since you started editing.")
        self.current = current


@dataclass(frozen=True)
class PageContent:
    title: str
    body: str
    summary: str = ""


def _live_pages(container: Container) -> QuerySet[Page]:
    return Page.objects.in_container(container).alive()


def _validate_new_path(container: Container, path: str, *, moving: Page | None = None) -> None:
    """Raise ValidationError unless a page may live at ``path`` in ``container``."""
    if not paths.is_valid_path(path):
        raise ValidationError(
            {"path": "Use lower-case words joined by hyphens, separated by slashes."}
        )
    taken = _live_pages(container).filter(path=path)
    if moving is not None:
        taken = taken.exclude(pk=moving.pk)
    if taken.exists():
        raise ValidationError({"path": f"There is already a page at “{path}”."})
    parent = paths.ancestor_paths(path)[-1:] or []
    if parent and not _live_pages(container).filter(path=parent[0]).exists():
        raise ValidationError(
            {"path": f"The parent page “{parent[0]}” does not exist: create it first."}
        )
    if moving is not None and (path + "/").startswith(moving.path + "/"):
        raise ValidationError({"path": "A page cannot move inside itself."})


def _render_into(page: Page) -> set[str]:
    html, toc, version, targets = render_page_markdown(page.body, container=page.container)
    page.body_html, page.toc_html, page.markup_version = html, toc, version
    return targets


def _store_links(page: Page, targets: Iterable[str]) -> None:
    PageLink.objects.filter(source=page).delete()
    PageLink.objects.bulk_create(PageLink(source=page, target_path=t) for t in sorted(targets))


def _write_revision(page: Page, *, actor: User, summary: str) -> None:
    """Render, save (simple-history adds the revision row) and rebuild the page's links."""
    targets = _render_into(page)
    page.change_summary = summary[:300]
    page.updated_by = actor
    page.updated_at = timezone.now()
    page._history_user = actor
    page.save()
    _store_links(page, targets)
    search_changed("page", page.pk)


def _refresh_linking_pages(container: Container, affected_paths: Iterable[str]) -> None:
    """Re-render pages whose wiki links point at ``affected_paths`` (a page appeared,
    moved or went away), without adding revisions. A page saved meanwhile is skipped:
    its own save rendered the links afresh."""
    affected = {p for p in affected_paths if p}
    if not affected:
        return
    sources = _live_pages(container).filter(outgoing_links__target_path__in=affected).distinct()
    for source in sources.select_related("workspace", "group"):
        fields = source.render_markup()
        Page.objects.filter(pk=source.pk, revision=source.revision).update(
            **{name: getattr(source, name) for name in fields}
        )


def _after_change(*, actor: User, page: Page, verb: str, notify_watchers: bool = True) -> None:
    container = page.container
    record_activity(actor=actor, verb=verb, target=page, container=container)
    if notify_watchers:
        notify(
            recipients=watcher_ids(page),
            kind=PAGE_EDIT,
            actor=actor,
            text=f"{actor} {verb} “{page.title}”",
            target=page,
            container=container,
        )
    watch(user=actor, target=page, container=container)


@transaction.atomic
def page_create(
    *,
    actor: User,
    container: Container,
    content: PageContent,
    path: str,
    is_protected: bool = False,
    check: bool = True,
    announce: bool = True,
) -> Page:
    """Create a page at ``path`` (its parent must exist). Members and up; protecting it
    at once needs ``lead`` (``check=False``: the caller decided). ``announce`` records
    the activity and makes the actor watch the page. Raises PermissionDenied,
    ValidationError. Atomic."""
    if check:
        require_action(actor, container, create_action_for(is_protected=is_protected))
    _validate_new_path(container, path)
    if not content.title.strip():
        raise ValidationError({"title": "Give the page a title."})
    page = Page(
        title=content.title.strip(),
        path=path,
        body=content.body,
        is_protected=is_protected,
        created_by=actor,
    )
    page.set_container(container)
    with refuse_duplicate({"path": f"There is already a page at “{path}”."}):
        _write_revision(page, actor=actor, summary=content.summary or "Created the page")
    _refresh_linking_pages(container, {path, paths.slug_for(page.title)})
    if announce:
        _after_change(actor=actor, page=page, verb="created the page", notify_watchers=False)
    return page


def _claim(page: Page, base_revision: int) -> None:
    """Atomically move the page from ``base_revision`` to the next one, or raise EditConflict.

    The conditional UPDATE is the whole check: on PostgreSQL a concurrent save from the
    same base waits for the row lock, then finds the revision moved on and updates
    nothing; SQLite serialises writers. Either way exactly one save per base applies.
    """
    claimed = Page.objects.filter(
        pk=page.pk, revision=base_revision, deleted_at__isnull=True
    ).update(revision=F("revision") + 1)
    if not claimed:
        current = Page.objects.alive().select_related("workspace", "group").filter(pk=page.pk)
        raise EditConflict(current.first())
    page.refresh_from_db()


@transaction.atomic
def page_save(*, actor: User, page: Page, base_revision: int, content: PageContent) -> Page:
    """Save an edit made from ``base_revision``: a new revision, or EditConflict if the
    page moved on since (nothing written). Editors of the page only (protected pages:
    moderators). Raises EditConflict, PermissionDenied, ValidationError. Atomic."""
    if not content.title.strip():
        raise ValidationError({"title": "Give the page a title."})
    old_title = page.title
    _claim(page, base_revision)
    require_action(actor, page.container, edit_action_for(page))
    if page.title == content.title.strip() and page.body == content.body:
        # Nothing changed: undo the claimed revision number by rolling back.
        transaction.set_rollback(True)
        return page
    page.title = content.title.strip()
    page.body = content.body
    _write_revision(page, actor=actor, summary=content.summary)
    if page.title != old_title:
        _refresh_linking_pages(page.container, {paths.slug_for(page.title)})
    _after_change(actor=actor, page=page, verb="edited")
    return page


def page_revision_get(page: Page, revision: int) -> Any:
    """The historical row of ``page`` at ``revision`` (None if there is none)."""
    return page.history.filter(revision=revision).select_related("history_user").first()


@transaction.atomic
def page_revert(*, actor: User, page: Page, revision: int, base_revision: int) -> Page:
    """Make an old revision's title and text current again, as a new revision.
    Same rights as editing. Raises EditConflict, PermissionDenied, ValidationError. Atomic."""
    old = page_revision_get(page, revision)
    if old is None:
        raise ValidationError("There is no such revision.")
    return page_save(
        actor=actor,
        page=page,
        base_revision=base_revision,
        content=PageContent(old.title, old.body, f"Reverted to revision {revision}"),
    )


@transaction.atomic
def page_move(*, actor: User, page: Page, new_path: str) -> Page:
    """Move (rename the path of) a page and its sub-pages; old paths redirect to the new
    ones. Editors of the page. Raises PermissionDenied, ValidationError. Atomic."""
    container = page.container
    require_action(actor, container, edit_action_for(page))
    if new_path == page.path:
        return page
    _validate_new_path(container, new_path, moving=page)
    old_root = page.path
    moved = [Page.objects.select_for_update().get(pk=page.pk)]
    moved += (
        _live_pages(container)
        .select_for_update()
        .filter(path__startswith=old_root + "/")
        .order_by("path")
    )
    new_paths = {row.path: new_path + row.path[len(old_root) :] for row in moved}
    PageRedirect.objects.in_container(container).filter(old_path__in=new_paths.values()).delete()
    for row in moved:
        old_path = row.path
        row.path = new_paths[old_path]
        row.revision += 1
        row.set_container(container)
        _write_revision(row, actor=actor, summary=f"Moved from {old_path} to {row.path}")
        redirect = PageRedirect.objects.in_container(container).filter(old_path=old_path).first()
        if redirect is None:
            redirect = PageRedirect(old_path=old_path)
            redirect.set_container(container)
        redirect.page = row
        redirect.save()
    _refresh_linking_pages(container, set(new_paths) | set(new_paths.values()))
    page.refresh_from_db()
    _after_change(actor=actor, page=page, verb=f"moved to {page.path}", notify_watchers=True)
    return page


@transaction.atomic
def page_delete(*, actor: User, page: Page) -> Page:
    """Move a page to the trash (leads can restore it). Editors of the page; a page with
    sub-pages cannot be deleted. Raises PermissionDenied, ValidationError. Atomic."""
    container = page.container
    require_action(actor, container, edit_action_for(page))
    if _live_pages(container).filter(path__startswith=page.path + "/").exists():
        raise ValidationError("This page has sub-pages: move or delete them first.")
    now = timezone.now()
    Page.objects.filter(pk=page.pk).update(deleted_at=now, deleted_by=actor)
    page.deleted_at, page.deleted_by = now, actor
    unpin_target(page)
    _refresh_linking_pages(container, {page.path})
    record_activity(actor=actor, verb="deleted the page", target=page, container=container)
    search_changed("page", page.pk)
    return page


@transaction.atomic
def page_restore(*, actor: User, page: Page) -> Page:
    """Bring a page back from the trash (leads). Its path must be free and its parent must
    exist. Raises PermissionDenied, ValidationError. Atomic."""
    container = page.container
    require_action(actor, container, Action.LEAD)
    if not page.is_trashed:
        return page
    _validate_new_path(container, page.path)
    Page.objects.filter(pk=page.pk).update(deleted_at=None, deleted_by=None)
    page.deleted_at = page.deleted_by = None
    _refresh_linking_pages(container, {page.path})
    record_activity(actor=actor, verb="restored the page", target=page, container=container)
    search_changed("page", page.pk)
    return page


@transaction.atomic
def page_set_protected(*, actor: User, page: Page, is_protected: bool) -> Page:
    """Protect a page (only moderators may then edit it) or lift it (leads).
    Raises PermissionDenied. Atomic."""
    require_action(actor, page.container, PROTECT_ACTION)
    if page.is_protected == is_protected:
        return page
    Page.objects.filter(pk=page.pk).update(is_protected=is_protected)
    page.is_protected = is_protected
    verb = "protected the page" if is_protected else "lifted the protection of"
    record_activity(actor=actor, verb=verb, target=page, container=page.container)
    return page


def page_watch(*, actor: User, page: Page) -> None:
    """Watch a page (anyone who may view it)."""
    require_action(actor, page.container, Action.VIEW)
    watch(user=actor, target=page, container=page.container)


def page_unwatch(*, actor: User, page: Page) -> None:
    unwatch(user=actor, target=page)


@transaction.atomic
def create_starter_pages(*, workspace: Workspace, actor: User) -> None:
    """The pages every new workspace starts with (Governance structure is protected).
    Called through the workspace_created hook inside the creating transaction."""
    for template in STARTER_PAGES:
        page_create(
            actor=actor,
            container=workspace,
            content=PageContent(template.title, template.body, "Created from the template"),
            path=template.path,
            is_protected=template.protected,
            check=False,  # the workspace is being created by ``actor``
            announce=False,  # a new workspace's stream starts empty
        )
