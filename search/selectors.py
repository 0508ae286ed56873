"""Reads of the site search. Everything starts from the index rows in containers the
viewer may view (workspaces.access), so what cannot be seen cannot be found."""

import datetime
from dataclasses import dataclass

from django.db import connection
from django.utils import timezone

from workspaces.access import contained_visible_q, groups_visible_to, workspaces_visible_to
from workspaces.models import Organisation

from . import backends
from .models import Entry
from .text import MARK_START, highlighted

PAGE_SIZE = 20
# Matches ranked per search, the first found by the full-text index (the form
# allows 50 pages of 20); a query matching more is best narrowed with a filter.
CANDIDATES = 1000


@dataclass
class Result:
    entry: Entry
    snippet: str

    def __getattr__(self, name):
        return getattr(self.entry, name)


def filter_choices(*, user):
    """Containers ``[(path, label)]`` and organisations ``[(id, name)]`` the viewer may
    filter by, and ``{path: container}``. Three queries."""
    workspaces = list(workspaces_visible_to(user).order_by("name"))
    groups = list(groups_visible_to(user).select_related("workspace").order_by("name"))
    containers = {}
    for workspace in workspaces:
        containers[workspace.container_path] = workspace
        for group in groups:
            if group.workspace_id == workspace.pk:
                containers[group.container_path] = group
    labels = [
        (path, f"{c.workspace.name} › {c.name}" if c.is_group else c.name)
        for path, c in containers.items()
    ]
    organisations = Organisation.objects.filter(workspaces__in=workspaces).distinct()
    return labels, list(organisations.order_by("name").values_list("id", "name")), containers


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
            rows.filter(group=container) if container.is_group else rows.filter(workspace=container)
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


def _snippet(entry):
    for text in (entry.body_snippet, entry.file_snippet):
        if text and MARK_START in text:
            return highlighted(text)
    return highlighted(entry.body_snippet or entry.file_snippet or "")


def search_for(*, user, query, page=1, page_size=PAGE_SIZE, **filters):
    """One page of results for ``query`` that ``user`` may see, best first, and whether
    there are more. Filters: container, kind, author, organisation, since, until,
    versions (include older versions of documents). Two queries.

    The cost must not grow with the number of matches (a common word matches tens of
    thousands of posts): at most ``CANDIDATES`` matches are read through the
    full-text index, only those are ranked, only the page gets snippets, and nothing
    counts or sorts every match."""
    matches = backends.matching(
        _filtered(Entry.objects.filter(contained_visible_q(user)), **filters), query
    )
    if matches is None:
        return [], False
    ids = _page_ids(matches, query, offset=(page - 1) * page_size, limit=page_size + 1)
    rows = (
        backends.with_snippets(Entry.objects.filter(id__in=ids[:page_size]), query)
        .select_related("workspace", "group", "author", "organisation")
        .defer("body", "file_text", "tags")
        .in_bulk()
    )
    seen, results = set(), []
    for entry in (rows[pk] for pk in ids[:page_size] if pk in rows):
        if entry.url not in seen:  # a person is indexed once per shared workspace
            seen.add(entry.url)
            results.append(Result(entry, _snippet(entry)))
    return results, len(ids) > page_size


def _page_ids(matches, query, *, offset, limit):
    """The ids of one page of ``matches``, best first: the first ``CANDIDATES`` found
    through the full-text index are ranked as they are read (one pass over their rows,
    no list of ids sent back), then sorted. Written as SQL around the ORM's query
    because the backends' SQL names the table, which an ORM subquery would alias."""
    candidates = backends.ranked(matches.order_by(), query).values_list("id", "rank", "date")
    sql, params = candidates[:CANDIDATES].query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT c.id FROM ({sql}) c ORDER BY c.rank DESC, c.date DESC, c.id DESC"  # noqa: S608 (the ORM's SQL, parameters apart)
            " LIMIT %s OFFSET %s",
            [*params, limit, offset],
        )
        return [row[0] for row in cursor.fetchall()]
