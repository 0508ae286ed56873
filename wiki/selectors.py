"""Every read the wiki views need. Each starts from the container (which the
``container_view`` decorator has already checked) or from ``visible_to(user)``, loads
what its template shows in a fixed number of queries, and raises Http404 for missing
and forbidden alike."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from django.db.models import OuterRef, Q, QuerySet, Subquery
from django.http import Http404

from alliance_hub.pagination import page_of
from workspaces.access import Container
from workspaces.activity import watched_by

from . import paths
from .models import Page, PageLink, PageRedirect, SignoffRequest

HISTORY_PAGE_SIZE = 50
# Lists of revisions show no text: loading it moved megabytes per page for a long page
# (200 revisions of big-page.md are ~14 MB of body and HTML).
REVISION_TEXT_FIELDS = ("body", "body_html", "toc_html")
RECENT_CHANGES_SIZE = 50

if TYPE_CHECKING:
    from profiles.models import User


def _pages(container: Container) -> Any:
    return Page.objects.in_container(container).select_related("workspace", "group")


def tree_order(pages: Iterable[Page]) -> list[Page]:
    """Sort by path segments, so sub-pages follow their parent whatever the database
    collation does with '/' and '-'."""
    return sorted(pages, key=lambda page: page.path.split("/"))


def page_list_for(*, container: Container) -> list[Page]:
    """Live pages of a container in tree order (indent by ``depth``); one query."""
    return tree_order(_pages(container).alive().select_related("updated_by"))


def page_get_for(*, container: Container, path: str) -> Page:
    """The live page at ``path`` or Http404 (see ``redirect_target_for`` for moved pages)."""
    page = _pages(container).alive().filter(path=path).first()
    if page is None:
        raise Http404("No such page.")
    return page


def redirect_target_for(*, container: Container, path: str) -> Page | None:
    """The live page that used to be at ``path``, or None."""
    redirect = (
        PageRedirect.objects.in_container(container)
        .filter(old_path=path, page__deleted_at__isnull=True)
        .select_related("page__workspace", "page__group")
        .first()
    )
    return redirect.page if redirect else None


_latest_signoff_request = Subquery(
    SignoffRequest.objects.filter(page=OuterRef("pk")).order_by("-id").values("pk")[:1]
)


def page_view_for(
    *, container: Container, path: str, user: User
) -> tuple[Page, list[Page], list[Page]]:
    """The page at ``path`` with what its view shows, in two queries: the page with its
    ancestors (breadcrumbs) and whether ``user`` watches it, then its sub-pages.

    Returns ``(page, ancestors, children)``; raises Http404.
    """
    wanted = [*paths.ancestor_paths(path), path]
    rows = list(
        _pages(container)
        .alive()
        .filter(path__in=wanted)
        .select_related("updated_by")
        .annotate(is_watched=watched_by(user, Page), signoff_request_id=_latest_signoff_request)
    )
    rows.sort(key=lambda row: len(row.path))
    if not rows or rows[-1].path != path:
        raise Http404("No such page.")
    page = rows[-1]
    children = list(_children_query(container, page))
    return page, rows[:-1], children


def _children_query(container: Container, page: Page) -> QuerySet[Page]:
    prefix = page.path + "/"
    # Direct children only: below the prefix, no further slash.
    return (
        _pages(container)
        .alive()
        .filter(path__startswith=prefix)
        .exclude(path__regex=rf"^{re.escape(prefix)}.*/")
        .order_by("path")
    )


def history_for(*, page: Page, before: int | None = None) -> tuple[list[Any], bool]:
    """A page's revisions, newest first, ``HISTORY_PAGE_SIZE`` at a time (keyset by
    revision number). Returns ``(rows, has_more)``; one query."""
    revisions = (
        page.history.select_related("history_user__profile")
        .defer(*REVISION_TEXT_FIELDS)
        .order_by("-revision", "-history_id")
    )
    if before:
        revisions = revisions.filter(revision__lt=before)
    return page_of(revisions, HISTORY_PAGE_SIZE)


def revision_get_for(*, page: Page, revision: int) -> Any:
    """One revision of ``page`` or Http404; one query."""
    row = (
        page.history.filter(revision=revision)
        .select_related("history_user")
        .order_by("-history_id")
        .first()
    )
    if row is None:
        raise Http404("No such revision.")
    return row


def revisions_get_for(*, page: Page, revisions: Sequence[int]) -> dict[int, Any]:
    """Several revisions of ``page`` in one query, as ``{revision: row}``.
    Raises Http404 if any is missing."""
    rows = page.history.filter(revision__in=revisions).select_related("history_user")
    found = {row.revision: row for row in rows.order_by("history_id")}
    if set(revisions) - set(found):
        raise Http404("No such revision.")
    return found


def recent_changes_for(*, container: Container) -> Any:
    """The latest revisions of live pages in the container, newest first, each with the
    page's ``current_path`` (it may have moved since); one query."""
    live = Page.objects.in_container(container).alive()
    return (
        Page.history.filter(id__in=live.values("pk"))
        .select_related("history_user")
        .defer(*REVISION_TEXT_FIELDS)
        .annotate(current_path=Subquery(live.filter(pk=OuterRef("id")).values("path")[:1]))
        .order_by("-history_date", "-history_id")[:RECENT_CHANGES_SIZE]
    )


def revision_or_none(*, page: Page, revision: int) -> Any:
    return page.history.filter(revision=revision).first()


def links_here_for(*, page: Page) -> QuerySet[Page]:
    """Live pages of the same container linking to ``page`` (also through its old paths)."""
    old_paths = PageRedirect.objects.filter(page=page).values("old_path")
    linking = PageLink.objects.filter(Q(target_path=page.path) | Q(target_path__in=old_paths))
    return (
        _pages(page.container)
        .alive()
        .filter(pk__in=linking.values("source_id"))
        .exclude(pk=page.pk)
        .order_by("path")
    )


def trash_for(*, container: Container) -> QuerySet[Page]:
    """Deleted pages of the container, most recently deleted first."""
    return _pages(container).trashed().select_related("deleted_by").order_by("-deleted_at")


def trashed_page_get_for(*, container: Container, pk: int) -> Page:
    page = _pages(container).trashed().filter(pk=pk).first()
    if page is None:
        raise Http404("No such deleted page.")
    return page


def parent_choices_for(*, container: Container) -> list[tuple[str, str]]:
    """``(path, title)`` of every live page of the container, in tree order."""
    rows = Page.objects.in_container(container).alive().values_list("path", "title")
    return sorted(rows, key=lambda row: row[0].split("/"))
