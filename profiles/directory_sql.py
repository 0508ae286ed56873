"""A page of the people directory as SQL text: the container's members
(``members_where_sql``, the rule of who is a member) matching the filters, after a keyset
cursor, by name, with person, profile, organisation and this workspace's task text,
in one query.

The ORM took about 2 ms of CPU to compile the page's query and the tasks' (more than
PostgreSQL took to run them). tests/profiles/test_directory_sql.py holds this to the
ORM's query (``selectors._members``) for every kind of container, every filter and
cursor.
"""

from __future__ import annotations

from typing import Any

from django.db import connection

from alliance_hub import sqlrows
from workspaces.access import Container
from workspaces.models import Membership, Organisation
from workspaces.selectors import members_where_sql

from .models import Profile, ProfileTask, Tag, User

# What a directory row shows (and a manager's completeness score reads), as the ORM's
# ``.only`` of ``selectors.DIRECTORY_COLUMNS`` loaded it.
MEMBERSHIP_FIELDS = ["id", "user_id", "organisation_id", "role"]
USER_FIELDS = ["id", "email", "display_name"]
PROFILE_FIELDS = [
    "user_id", "job_title", "about", "languages", "location", "time_zone", "phone", "links",
    "photo_files", "photo_version", "photo_pending",
]  # fmt: skip
ORGANISATION_FIELDS = ["id", "name"]


COLUMNS = ", ".join(
    [
        *(f"m.{name}" for name in MEMBERSHIP_FIELDS),
        *(f"u.{name}" for name in USER_FIELDS),
        *(f"p.{name}" for name in PROFILE_FIELDS),
        *(f"o.{name}" for name in ORGANISATION_FIELDS),
        # A scalar subquery: as a join, it took PostgreSQL longer to plan than to run.
        f"(SELECT t.text FROM {ProfileTask._meta.db_table} t "  # noqa: S608 - names only
        "WHERE t.user_id = m.user_id AND t.workspace_id = m.workspace_id)",
    ]
)


def _icontains(column: str) -> tuple[str, str]:
    """``(sql with one placeholder, how to make its parameter)`` of the ORM's
    ``icontains`` on a text column, for this database."""
    lhs = connection.ops.lookup_cast("icontains", "CharField") % column
    return f"{lhs} {connection.operators['icontains'] % '%s'}", "%{}%"


def _filters(
    *,
    q: str = "",
    organisation: int | None = None,
    role: str = "",
    skill: str = "",
    interest: str = "",
) -> tuple[str, list[Any]]:
    """The conditions of ``selectors._matching`` on ``m`` (membership), ``u`` and ``p``;
    ``q`` with its whitespace collapsed, as there."""
    conditions: list[str] = []
    params: list[Any] = []
    links, tags = Profile.tags.through._meta.db_table, Tag._meta.db_table
    tag_exists = (
        f"EXISTS (SELECT 1 FROM {links} l JOIN {tags} t ON t.id = l.tag_id "  # noqa: S608
        "WHERE l.profile_id = m.user_id AND {condition})"
    )
    if organisation:
        conditions.append("m.organisation_id = %s")
        params.append(organisation)
    if role:
        conditions.append("m.role = %s")
        params.append(role)
    for kind, slug in ((Tag.Kind.SKILL, skill), (Tag.Kind.INTEREST, interest)):
        if slug:
            conditions.append(tag_exists.format(condition="t.kind = %s AND t.slug = %s"))
            params += [kind, slug]
    q = " ".join(q.split())
    if q:
        pattern = connection.ops.prep_for_like_query(q)
        parts = []
        for column in ("u.display_name", "p.job_title", "t.name"):
            sql, wrap = _icontains(column)
            parts.append(tag_exists.format(condition=sql) if column == "t.name" else sql)
            params.append(wrap.format(pattern))
        conditions.append(f"({' OR '.join(parts)})")
    return "".join(f" AND {condition}" for condition in conditions), params


def directory_rows(
    *, container: Container, size: int, key: list[Any] | None, **filters: Any
) -> tuple[list[tuple[Membership, str]], bool]:
    """Up to ``size`` ``(membership, tasks)`` of the container's members matching
    ``filters``, ordered by name then user id, after ``key`` (the last row's
    ``[display_name, user_id]``) if given; and whether more follow. Each membership has
    its user (with their profile, or None) and organisation, loaded as the directory's
    ``.only`` columns."""
    members, member_params = members_where_sql(container, "m")
    where, params = _filters(**filters)
    if key is not None:
        where += " AND (u.display_name > %s OR (u.display_name = %s AND m.user_id > %s))"
        params += [key[0], key[0], key[1]]
    sql = (
        f"SELECT {COLUMNS} "  # noqa: S608 - names and our own SQL only
        f"FROM {Membership._meta.db_table} m "
        f"JOIN {User._meta.db_table} u ON u.id = m.user_id "
        f"LEFT JOIN {Profile._meta.db_table} p ON p.user_id = m.user_id "
        f"JOIN {Organisation._meta.db_table} o ON o.id = m.organisation_id "
        f"WHERE {members}{where} ORDER BY u.display_name, m.user_id LIMIT %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*member_params, *params, size + 1])
        rows = cursor.fetchall()
    make = _Row()
    return [make(row) for row in rows[:size]], len(rows) > size


class _Row:
    """``(membership, tasks)`` from a row of ``directory_rows``' columns."""

    def __init__(self) -> None:
        self.membership = sqlrows.builder(Membership, MEMBERSHIP_FIELDS)
        self.user = sqlrows.builder(User, USER_FIELDS)
        self.profile = sqlrows.builder(Profile, PROFILE_FIELDS)
        self.organisation = sqlrows.builder(Organisation, ORGANISATION_FIELDS)
        self.user_at = len(MEMBERSHIP_FIELDS)
        self.profile_at = self.user_at + len(USER_FIELDS)
        self.organisation_at = self.profile_at + len(PROFILE_FIELDS)

    def __call__(self, row: tuple[Any, ...]) -> tuple[Membership, str]:
        membership = self.membership(row[: self.user_at])
        person = self.user(row[self.user_at : self.profile_at])
        profile = None
        if row[self.profile_at] is not None:
            profile = self.profile(row[self.profile_at : self.organisation_at])
        User.profile.related.set_cached_value(person, profile)
        membership.user = person
        membership.organisation = self.organisation(row[self.organisation_at : -1])
        return membership, row[-1] or ""
