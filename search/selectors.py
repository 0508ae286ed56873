"""Reads of the site search. Everything starts from the index rows in containers the
viewer may view (workspaces.access), so what cannot be seen cannot be found."""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db import connection
from django.db.models import F
from django.db.models.expressions import RawSQL
from django.utils import timezone

from workspaces.access import contained_in_q, visible_ids_sql
from workspaces.models import Group, Organisation, Workspace

from . import backends
from .models import Entry
from .text import MARK_START, highlighted

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

    def rows(self):
        """The index rows in these containers (``contained_visible_q``'s rule)."""
        return Entry.objects.filter(contained_in_q(tuple(self.workspaces), tuple(self.groups)))


@dataclass(frozen=True)
class FilterChoices:
    containers: list[tuple[str, str]]  # (path, label)
    scopes: dict[str, Scope]  # by path
    organisations: list[tuple[int, str]]  # (id, name)
    visible: Visible


_WORKSPACE, _GROUP, _ORGANISATION = 0, 1, 2


def filter_choices(*, user):
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
    return FilterChoices(*_containers(workspaces, groups), organisations, visible)


def _choice_rows(user):
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


def _containers(workspaces, groups):
    """``[(path, label)]`` of each workspace followed by its groups, and ``{path: Scope}``."""
    groups_of: defaultdict[int, list[tuple[int, str, str]]] = defaultdict(list)
    for workspace_id, pk, name, slug in groups:
        groups_of[workspace_id].append((pk, name, slug))
    labels, scopes = [], {}
    for pk, name, slug in workspaces:
        labels.append((slug, name))  # Workspace.container_path
        scopes[slug] = Scope(is_group=False, pk=pk)
        for group_pk, group_name, group_slug in groups_of[pk]:
            path = f"{slug}/g/{group_slug}"  # Group.container_path
            labels.append((path, f"{name} › {group_name}"))
            scopes[path] = Scope(is_group=True, pk=group_pk)
    return labels, scopes


def _day_start(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def _filtered(
    rows,
    *,
    container=None,
    kind="",
    author="",
    organisation=None,
    since=None,
    until=None,
    versions=False,
):
    if container is not None:
        rows = (
            rows.filter(group_id=container.pk)
            if container.is_group
            else rows.filter(workspace_id=container.pk)
        )
    if kind:
        rows = rows.filter(kind=kind)
    if author:
        rows = rows.filter(author__display_name__icontains=author)
    if organisation:
        rows = rows.filter(organisation_id=organisation)
    if since:
        rows = rows.filter(date__gte=_day_start(since))
    if until:
        rows = rows.filter(date__lt=_day_start(until + datetime.timedelta(days=1)))
    if not versions:
        rows = rows.filter(is_current=True)
    return rows


def _snippet(row):
    for text in (row["body_snippet"], row["file_snippet"]):
        if text and MARK_START in text:
            return highlighted(text)
    return highlighted(row["body_snippet"] or row["file_snippet"] or "")


# What a result shows from the entry's relations, read with the page's rows (the
# container's name comes from ``Visible``).
_SHOWN = {
    "author_display_name": F("author__display_name"),
    "author_email": F("author__email"),
    "organisation_name": F("organisation__name"),
}
_OWN = ("kind", "title", "url", "version", "is_current", "state", "file_state", "date")
_CONTAINER = ("workspace_id", "group_id")


def _result(row, visible):
    return Result(
        **{field: row[field] for field in _OWN if field != "file_state"},
        text_pending=row["file_state"] == Entry.FileState.PENDING,
        workspace_name=visible.workspaces[row["workspace_id"]],
        group_name=visible.groups[row["group_id"]] if row["group_id"] else None,
        author_name=row["author_display_name"] or row["author_email"],  # User.__str__
        organisation_name=row["organisation_name"],
        snippet=_snippet(row),
    )


def search_for(*, query, visible, page=1, page_size=PAGE_SIZE, **filters):
    """One page of results for ``query`` in the containers the viewer may see
    (``visible``, from ``filter_choices``), best first, and whether there are more.
    Filters: container (a ``Scope``, a workspace or a group), kind, author,
    organisation, since, until, versions (include older versions of documents).
    One query.

    The cost must not grow with the number of matches (a common word matches tens of
    thousands of posts): at most ``CANDIDATES`` matches are read through the
    full-text index, only those are ranked, only the page gets snippets, and nothing
    counts or sorts every match."""
    matches = backends.matching(_filtered(visible.rows(), **filters), query)
    if matches is None or not (visible.workspaces or visible.groups):
        return [], False
    page_ids = _page_ids(matches, query, offset=(page - 1) * page_size, limit=page_size + 1)
    # The page's rows are ranked again (21 rows) to come back in the page's order.
    rows = backends.ranked(Entry.objects.filter(id__in=page_ids), query)
    rows = backends.with_snippets(rows, query).order_by("-rank", "-date", "-id")
    rows = list(rows.values(*_OWN, *_CONTAINER, "body_snippet", "file_snippet", **_SHOWN))
    seen, results = set(), []
    for row in rows[:page_size]:
        if row["url"] not in seen:  # a person is indexed once per shared workspace
            seen.add(row["url"])
            results.append(_result(row, visible))
    return results, len(rows) > page_size


def _page_ids(matches, query, *, offset, limit):
    """The ids of one page of ``matches``, best first, as a subquery: the first
    ``CANDIDATES`` found through the full-text index are ranked as they are read (one
    pass over their rows, no list of ids sent back), then sorted. Written as SQL around
    the ORM's query because the backends' SQL names the table, which an ORM subquery
    would alias."""
    candidates = backends.ranked(matches.order_by(), query).values_list("id", "rank", "date")
    sql, params = candidates[:CANDIDATES].query.sql_with_params()
    return RawSQL(  # noqa: S611 - the ORM's SQL, its parameters apart
        f"SELECT c.id FROM ({sql}) c ORDER BY c.rank DESC, c.date DESC, c.id DESC"  # noqa: S608
        " LIMIT %s OFFSET %s",
        (*params, limit, offset),
    )
