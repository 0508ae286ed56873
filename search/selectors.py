"""Reads of the site search. Everything starts from the index rows in containers the
viewer may view (workspaces.access), so what cannot be seen cannot be found."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db import connection
from django.utils import timezone

from profiles.models import User
from workspaces.access import contained_in_sql, ids_sql, visible_ids_sql
from workspaces.models import Group, Organisation, Workspace

from . import backends
from .models import Entry
from .text import MARK_START, highlighted

if TYPE_CHECKING:
    from workspaces.access import Container, Viewer

# SQL text with its parameters.
SQL = tuple[str, list[Any]]

PAGE_SIZE = 20
# Matches ranked per search, the first found by the full-text index (the form
# allows 50 pages of 20); a query matching more is best narrowed with a filter.
CANDIDATES = 1000


@dataclass(frozen=True)
class Result:
    """One found thing as the result lists show it: plain values, not model instances
    (twenty entries with their workspace, group, author and organisation took 3 ms of
    CPU to build)."""

    kind: str
    title: str
    url: str
    version: int | None
    is_current: bool
    state: str
    text_pending: bool
    date: datetime.datetime
    workspace_name: str
    group_name: str | None
    author_name: str | None
    organisation_name: str | None
    snippet: str


@dataclass(frozen=True)
class Scope:
    """A container to search in, as the filter needs it (see ``_filtered``)."""

    is_group: bool
    pk: int


@dataclass(frozen=True)
class Visible:
    """The containers a viewer may view, read once through workspaces.access (with the
    filter's choices) and then used as the search's access filter: with their ids bound
    as parameters the full-text query plans in 0.4 ms, with the access layer's
    permission subqueries in 1.3 ms (and runs them, 0.9 ms) (docs/performance.md).
    Their names label the results, so the page's rows need no join to them."""

    workspaces: dict[int, str]  # name by id
    groups: dict[int, str]


@dataclass(frozen=True)
class FilterChoices:
    containers: list[tuple[str, str]]  # (path, label)
    scopes: dict[str, Scope]  # by path
    organisations: list[tuple[int, str]]  # (id, name)
    visible: Visible


_WORKSPACE, _GROUP, _ORGANISATION = 0, 1, 2


def filter_choices(*, user: Viewer) -> FilterChoices:
    """The containers and organisations the viewer may filter by, and what the viewer
    may see, each by name. One query written in SQL: the ORM's three took longer to
    build than to run. tests/search/test_filter_choices.py holds it to
    ``workspaces_visible_to``, ``groups_visible_to`` and the workspaces' partners."""
    rows = _choice_rows(user)
    workspaces = [(pk, name, slug) for part, pk, name, slug, _ in rows if part == _WORKSPACE]
    groups = [
        (in_workspace, pk, name, slug)
        for part, pk, name, slug, in_workspace in rows
        if part == _GROUP
    ]
    organisations = [(pk, name) for part, pk, name, _, _ in rows if part == _ORGANISATION]
    visible = Visible(
        {pk: name for pk, name, _ in workspaces}, {pk: name for _, pk, name, _ in groups}
    )
    containers, scopes = _containers(workspaces, groups)
    return FilterChoices(containers, scopes, organisations, visible)


def _choice_rows(user: Viewer) -> list[tuple[Any, ...]]:
    """``(part, id, name, slug, workspace_id)`` of the visible workspaces, groups and the
    workspaces' partner organisations, each part by name."""
    workspace_ids, workspace_params = visible_ids_sql(user, Workspace)
    group_ids, group_params = visible_ids_sql(user, Group)
    partners = Workspace.partners.through._meta.db_table
    sql = (
        f"SELECT {_WORKSPACE} AS part, w.id, w.name AS name, w.slug, NULL"  # noqa: S608
        f" FROM {Workspace._meta.db_table} w WHERE w.id IN ({workspace_ids})"
        f" UNION ALL SELECT {_GROUP}, g.id, g.name, g.slug, g.workspace_id"
        f" FROM {Group._meta.db_table} g WHERE g.id IN ({group_ids})"
        f" UNION ALL SELECT {_ORGANISATION}, o.id, o.name, NULL, NULL"
        f" FROM {Organisation._meta.db_table} o WHERE o.id IN (SELECT p.organisation_id"
        f" FROM {partners} p WHERE p.workspace_id IN ({workspace_ids}))"
        " ORDER BY part, name"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*workspace_params, *group_params, *workspace_params])
        return cursor.fetchall()


def _containers(
    workspaces: list[tuple[int, str, str]], groups: list[tuple[int, int, str, str]]
) -> tuple[list[tuple[str, str]], dict[str, Scope]]:
    """``[(path, label)]`` of each workspace followed by its groups, and ``{path: Scope}``."""
    groups_of: defaultdict[int, list[tuple[int, str, str]]] = defaultdict(list)
    for workspace_id, pk, name, slug in groups:
        groups_of[workspace_id].append((pk, name, slug))
    labels: list[tuple[str, str]] = []
    scopes: dict[str, Scope] = {}
    for pk, name, slug in workspaces:
        labels.append((slug, name))  # Workspace.container_path
        scopes[slug] = Scope(is_group=False, pk=pk)
        for group_pk, group_name, group_slug in groups_of[pk]:
            path = f"{slug}/g/{group_slug}"  # Group.container_path
            labels.append((path, f"{name} › {group_name}"))
            scopes[path] = Scope(is_group=True, pk=group_pk)
    return labels, scopes


def _day_start(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def _where(
    visible: Visible,
    *,
    container: Scope | Container | None = None,
    kind: str = "",
    author: str = "",
    organisation: int | None = None,
    since: datetime.date | None = None,
    until: datetime.date | None = None,
    versions: bool = False,
) -> SQL:
    """``(conditions, params)``: index rows in the visible containers, narrowed by the
    filters, as SQL text over ``backends.TABLE``."""
    table = backends.TABLE
    access, params = contained_in_sql(
        ids_sql(list(visible.workspaces)), ids_sql(list(visible.groups)), table
    )
    conditions = [access]

    def add(condition: str, *values: Any) -> None:
        conditions.append(condition)
        params.extend(values)

    if container is not None:
        add(f"{table}.{'group_id' if container.is_group else 'workspace_id'} = %s", container.pk)
    if kind:
        add(f"{table}.kind = %s", kind)
    if author:
        authors = User.objects.filter(display_name__icontains=author).values("pk")
        sql, author_params = authors.query.sql_with_params()
        add(f"{table}.author_id IN ({sql})", *author_params)
    if organisation:
        add(f"{table}.organisation_id = %s", organisation)
    if since:
        add(f"{table}.date >= %s", _db_datetime(_day_start(since)))
    if until:
        add(f"{table}.date < %s", _db_datetime(_day_start(until + datetime.timedelta(days=1))))
    if not versions:
        add(f"{table}.is_current = %s", True)
    return " AND ".join(conditions), params


def _db_datetime(value: datetime.datetime) -> Any:
    return connection.ops.adapt_datetimefield_value(value)


def _snippet(body: str | None, file: str | None) -> str:
    for text in (body, file):
        if text and MARK_START in text:
            return highlighted(text)
    return highlighted(body or file or "")


def _result(row: tuple[Any, ...], visible: Visible) -> Result:
    (kind, title, url, version, is_current, state, file_state, date, workspace_id, group_id,
     body, file, author_display_name, author_email, organisation_name) = row  # fmt: skip
    if isinstance(date, str):  # SQLite's text, UTC (as Django's own converter reads it)
        date = datetime.datetime.fromisoformat(date).replace(tzinfo=datetime.UTC)
    return Result(
        kind=kind,
        title=title,
        url=url,
        version=version,
        is_current=bool(is_current),
        state=state,
        text_pending=file_state == Entry.FileState.PENDING,
        date=date,
        workspace_name=visible.workspaces[workspace_id],
        group_name=visible.groups[group_id] if group_id else None,
        author_name=author_display_name or author_email,  # User.__str__
        organisation_name=organisation_name,
        snippet=_snippet(body, file),
    )


def search_for(
    *, query: str, visible: Visible, page: int = 1, page_size: int = PAGE_SIZE, **filters: Any
) -> tuple[list[Result], bool]:
    """One page of results for ``query`` in the containers the viewer may see
    (``visible``, from ``filter_choices``), best first, and whether there are more.
    Filters: container (a ``Scope``, a workspace or a group), kind, author,
    organisation, since, until, versions (include older versions of documents).
    One query.

    The cost must not grow with the number of matches (a common word matches tens of
    thousands of posts): at most ``CANDIDATES`` matches are read through the
    full-text index, only those are ranked, only the page gets snippets, and nothing
    counts or sorts every match."""
    match = backends.matching(query)
    if match is None or not (visible.workspaces or visible.groups):
        return [], False
    sql, params = _page_sql(match, _where(visible, **filters), query)
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, page_size + 1, (page - 1) * page_size])
        rows = cursor.fetchall()
    seen: set[str] = set()
    results: list[Result] = []
    for row in rows[:page_size]:
        url = row[2]
        if url not in seen:  # a person is indexed once per shared workspace
            seen.add(url)
            results.append(_result(row, visible))
    return results, len(rows) > page_size


def _page_sql(match: SQL, where: SQL, query: str) -> SQL:
    """One page of matches with what a result shows, best first, as SQL text and its
    parameters (the page's size and offset last). The first ``CANDIDATES`` matches found
    through the full-text index are ranked as they are read, then sorted; only the
    page's rows are joined to their author and organisation and get snippets."""
    table = backends.TABLE
    (match_sql, match_params), (where_sql, where_params) = match, where
    rank_sql, rank_params = backends.rank(query)
    snippets_sql, snippets_params = backends.snippets(query)
    candidates = (
        f"SELECT {table}.id, {rank_sql} AS rank, {table}.date FROM {table}"  # noqa: S608
        f" WHERE {where_sql} AND {match_sql} LIMIT {CANDIDATES}"
    )
    page = (
        f"SELECT c.id, c.rank FROM ({candidates}) c"  # noqa: S608
        " ORDER BY c.rank DESC, c.date DESC, c.id DESC LIMIT %s OFFSET %s"
    )
    columns = ", ".join(f"{table}.{column}" for column in _COLUMNS)
    sql = (
        f"SELECT {columns}, {snippets_sql}, u.display_name, u.email, o.name"  # noqa: S608
        f" FROM ({page}) p JOIN {table} ON {table}.id = p.id"
        f" LEFT JOIN {User._meta.db_table} u ON u.id = {table}.author_id"
        f" LEFT JOIN {Organisation._meta.db_table} o ON o.id = {table}.organisation_id"
        f" ORDER BY p.rank DESC, {table}.date DESC, {table}.id DESC"
    )
    return sql, [*snippets_params, *rank_params, *where_params, *match_params]


# The entry's own columns a result shows, in ``_result``'s order.
_COLUMNS = (
    "kind", "title", "url", "version", "is_current", "state", "file_state", "date",
    "workspace_id", "group_id",
)  # fmt: skip
