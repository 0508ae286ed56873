"""Every read the wiki views need. Each starts from the container (which the
``container_view`` decorator has already checked) or from ``visible_to(user)``, loads
what its template shows in a fixed number of queries, and raises Http404 for missing
and forbidden alike."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any, NamedTuple

from django.db import connection
from django.db.models import OuterRef, Q, QuerySet, Subquery
from django.http import Http404

from alliance_hub import sqlrows
from alliance_hub.pagination import page_of
from profiles.avatars import People
from profiles.models import User
from workspaces.access import Container
from workspaces.activity import watched_by_sql

from . import paths
from .models import Page, PageLink, PageRedirect, SignoffRequest

HistoricalPage = Page.history.model

HISTORY_PAGE_SIZE = 50
# Lists of revisions show no text: loading it moved megabytes per page for a long page
# (200 revisions of big-page.md are ~14 MB of body and HTML).
REVISION_TEXT_FIELDS = ("body", "body_html", "toc_html")
RECENT_CHANGES_SIZE = 50


def _pages(container: Container) -> Any:
    return Page.objects.in_container(container).select_related("workspace", "group")


def tree_order(pages: Iterable[Page]) -> list[Page]:
    """Sort by path segments, so sub-pages follow their parent whatever the database
    collation does with '/' and '-'."""
    return sorted(pages, key=lambda page: page.path.split("/"))


def page_list_for(*, container: Container) -> list[Page]:
    """Live pages of a container in tree order (indent by ``depth``); one query."""
    return tree_order(_pages(container).alive().select_related("updated_by"))


def page_get_for(*, container: Container, path: str, text: bool = True) -> Page:
    """The live page at ``path`` or Http404 (see ``redirect_target_for`` for moved pages).
    ``text=False`` leaves its text and HTML unread (pages about the page: history, diff).

    One query written in SQL, the container attached as select_related would: the
    ORM's took about 0.8 ms of CPU to build (tests/wiki/test_page_get_sql.py holds it
    to ``_pages(container).alive()``)."""
    fields = [
        f for f in Page._meta.concrete_fields if text or f.attname not in REVISION_TEXT_FIELDS
    ]
    names = [f.attname for f in fields]
    columns = ", ".join(f"p.{f.column}" for f in fields)
    if container.is_group:
        in_container = "p.group_id = %s"
    else:
        in_container = "p.workspace_id = %s AND p.group_id IS NULL"
    sql = (
        f"SELECT {columns} FROM {Page._meta.db_table} p WHERE {in_container}"  # noqa: S608
        " AND p.deleted_at IS NULL AND p.path = %s"  # one live page a path (a constraint)
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [container.pk, path])
        row = cursor.fetchone()
    if row is None:
        raise Http404("No such page.")
    page = sqlrows.builder(Page, names)(row)
    page.workspace = container.workspace
    page.group = container if container.is_group else None
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


def page_view_for(
    *, container: Container, path: str, user: User
) -> tuple[Page, list[Page], list[Page]]:
    """The page at ``path`` with what its view shows: its ancestors (breadcrumbs), its
    direct sub-pages, whether ``user`` watches it and its latest sign-off request.
    One query, written in SQL: the ORM's two took about 1.8 ms of CPU to build, more
    than the page's rendering (tests/wiki/test_page_view_sql.py holds it to the ORM's
    rules).

    Returns ``(page, ancestors, children)``; raises Http404.
    """
    sql, params = _page_view_sql(container, path, user)
    rows: list[Any] = sqlrows.fetch(Page, sql, params)
    _attach(rows, container)
    wanted = {*paths.ancestor_paths(path), path}
    family = sorted((row for row in rows if row.path in wanted), key=lambda row: len(row.path))
    if not family or family[-1].path != path:
        raise Http404("No such page.")
    children = [row for row in rows if row.path not in wanted]
    return family[-1], family[:-1], children


def _page_view_sql(container: Container, path: str, user: User) -> tuple[str, list[Any]]:
    """The live pages of ``container`` at ``path``, above it and directly below it (by
    path), with ``updated_by``'s name and, for the page itself, ``is_watched`` and
    ``signoff_request_id`` (``Page.objects.in_container(...).alive()``,
    ``activity.watched_by`` and the latest ``SignoffRequest``, as SQL text)."""
    wanted = [*paths.ancestor_paths(path), path]
    below = connection.ops.prep_for_like_query(path + "/")
    watched, watched_params = watched_by_sql(user, Page, "p.id")
    if container.is_group:
        in_container, container_params = "p.group_id = %s", [container.pk]
    else:
        in_container, container_params = (
            "p.workspace_id = %s AND p.group_id IS NULL",
            [container.pk],
        )
    sql = (
        f"SELECT p.*, u.display_name AS updated_by_display_name, u.email AS updated_by_email,"  # noqa: S608
        f" CASE WHEN p.path = %s THEN {watched} END AS is_watched,"
        " CASE WHEN p.path = %s THEN (SELECT s.id FROM"
        f" {SignoffRequest._meta.db_table} s WHERE s.page_id = p.id ORDER BY s.id DESC"
        " LIMIT 1) END AS signoff_request_id"
        f" FROM {Page._meta.db_table} p LEFT JOIN {User._meta.db_table} u"
        f" ON u.id = p.updated_by_id WHERE {in_container} AND p.deleted_at IS NULL"
        f" AND (p.path IN ({', '.join(['%s'] * len(wanted))})"
        " OR (p.path LIKE %s ESCAPE '\\' AND p.path NOT LIKE %s ESCAPE '\\'))"
        " ORDER BY p.path"
    )
    params = [path, *watched_params, path, *container_params, *wanted, f"{below}%", f"{below}%/%"]
    return sql, params


def _attach(rows: list[Any], container: Container) -> None:
    """Give raw rows their container and editor as ``select_related`` would have."""
    workspace = container.workspace if container.is_group else container
    group = container if container.is_group else None
    for row in rows:
        row.workspace, row.group = workspace, group
        editor = None
        if row.updated_by_id is not None:
            editor = sqlrows.instance(
                User,
                {
                    "id": row.updated_by_id,
                    "email": row.updated_by_email,
                    "display_name": row.updated_by_display_name,
                },
            )
        row.updated_by = editor
        row.is_watched = bool(row.is_watched)


class HistoryRow(NamedTuple):
    """One line of a page's history: what wiki/rows.py shows."""

    revision: int
    history_date: datetime
    change_summary: str
    history_user: User | None


def history_for(*, page: Page, before: int | None = None) -> tuple[list[HistoryRow], bool]:
    """A page's revisions, newest first, ``HISTORY_PAGE_SIZE`` at a time (keyset by
    revision number). Returns ``(rows, has_more)``; one query.

    Rows are read as values, each editor (with the profile their face needs) made from
    them: the historical model's manager and three model instances a row cost about
    1.5 ms of the page's CPU."""
    revisions = (
        HistoricalPage._default_manager.filter(id=page.pk)
        .order_by("-revision", "-history_id")
        .values_list(*HISTORY_ROW_VALUES)
    )
    if before:
        revisions = revisions.filter(revision__lt=before)
    values, has_more = page_of(revisions, HISTORY_PAGE_SIZE)
    editors = People(convert=False)  # values_list converted the values already
    rows = [
        HistoryRow(revision, when, summary, editors.get(*editor))
        for revision, when, summary, *editor in values
    ]
    return rows, has_more


HISTORY_ROW_VALUES = (
    "revision",
    "history_date",
    "change_summary",
    "history_user_id",
    "history_user__email",
    "history_user__display_name",
    "history_user__profile__user_id",
    "history_user__profile__photo_files",
    "history_user__profile__photo_version",
)


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


def revisions_get_for(*, page: Page, revisions: Sequence[int], text: bool = True) -> dict[int, Any]:
    """Several revisions of ``page`` in one query, as ``{revision: row}``; ``text=False``
    leaves their text and HTML unread. Raises Http404 if any is missing."""
    rows = page.history.filter(revision__in=revisions).select_related("history_user")
    if not text:
        rows = rows.defer(*REVISION_TEXT_FIELDS)
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
