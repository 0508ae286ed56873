"""The document page's two reads as SQL text: the document with what its page shows
(and the viewer's state), and a page of its versions with their uploaders' faces.

The ORM took about 1 ms of CPU to compile the document's query and 0.4 ms the
versions', more than PostgreSQL took to run them. The container is the one
``container_view`` resolved and checked, so the rule is "a live document of that
container": tests/documents/test_document_sql.py holds both reads to the ORM's
(``selectors._in_container(Document.objects.alive(), container)`` with its
select_related, and ``document.versions``) for every viewer.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import connection

from alliance_hub import sqlrows
from profiles.models import Profile, User
from workspaces.access import Container

from .models import Document, Folder, Version

if TYPE_CHECKING:
    from collections.abc import Mapping

    from django.db.models.expressions import RawSQL


def _in_container_sql(container: Container) -> tuple[str, list[Any]]:
    """``_in_container`` (the container's own rows, the workspace named for groups too)."""
    if container.is_group:
        return "d.workspace_id = %s AND d.group_id = %s", [container.workspace.pk, container.pk]
    return "d.workspace_id = %s AND d.group_id IS NULL", [container.pk]


def document_view_for(
    *, container: Container, pk: int, state: Mapping[str, RawSQL]
) -> Document | None:
    """The live document ``pk`` of ``container`` with its folder, creator, lock holder and
    latest version (and its uploader) loaded, the container's objects attached, and each
    ``state`` subquery set as an attribute, converted as an annotation would be; None if
    there is none."""
    if not sqlrows.may_be_a_key(pk):
        return None
    parts = sqlrows.parts(
        [
            (Document, "d"),
            (Folder, "f"),
            (User, "cb"),
            (User, "lb"),
            (Version, "lv"),
            (User, "lvu"),
        ]
    )
    users = User._meta.db_table
    where, params = _in_container_sql(container)
    subqueries = ", ".join(f"{raw.sql} AS {name}" for name, raw in state.items())
    sql = (
        f"SELECT {', '.join(part.sql for part in parts)}, {subqueries} "  # noqa: S608 - names only
        f"FROM {Document._meta.db_table} d "
        f"LEFT JOIN {Folder._meta.db_table} f ON f.id = d.folder_id "
        f"LEFT JOIN {users} cb ON cb.id = d.created_by_id "
        f"LEFT JOIN {users} lb ON lb.id = d.locked_by_id "
        f"LEFT JOIN {Version._meta.db_table} lv ON lv.id = d.latest_version_id "
        f"LEFT JOIN {users} lvu ON lvu.id = lv.uploaded_by_id "
        f"WHERE d.id = %s AND d.deleted_at IS NULL AND {where}"
    )
    state_params = [value for raw in state.values() for value in raw.params]
    with connection.cursor() as cursor:
        cursor.execute(sql, [*state_params, pk, *params])
        row = cursor.fetchone()
    if row is None:
        return None
    document_part, folder, created_by, locked_by, latest, uploader = parts
    document = document_part.get(row)
    document.workspace = container.workspace
    document.group = container if container.is_group else None
    document.folder = folder.get(row)
    document.created_by = created_by.get(row)
    document.locked_by = locked_by.get(row)
    document.latest_version = version = latest.get(row)
    if version is not None:
        version.uploaded_by = uploader.get(row)
    for (name, raw), value in zip(state.items(), row[uploader.end :], strict=True):
        setattr(document, name, _converted(raw, value))
    return document


def _converted(raw: RawSQL, value: Any) -> Any:
    for converter in connection.ops.get_db_converters(raw) + raw.get_db_converters(connection):
        value = converter(value, raw, connection)
    return value


def versions_page(
    *, document: Document, before: int | None, limit: int
) -> tuple[list[Version], bool]:
    """Up to ``limit`` versions of ``document``, newest first, numbered below ``before``
    if given, each with its uploader and their profile (as ``select_related
    ("uploaded_by__profile")``, one instance per person), and whether more follow."""
    version, uploader, profile = sqlrows.parts([(Version, "v"), (User, "u"), (Profile, "p")])
    sql = (
        f"SELECT {version.sql}, {uploader.sql}, {profile.sql} "  # noqa: S608 - names only
        f"FROM {Version._meta.db_table} v "
        f"LEFT JOIN {User._meta.db_table} u ON u.id = v.uploaded_by_id "
        f"LEFT JOIN {Profile._meta.db_table} p ON p.user_id = u.id "
        "WHERE v.document_id = %s"
    )
    params: list[Any] = [document.pk]
    if before is not None:
        sql += " AND v.number < %s"
        params.append(before)
    sql += " ORDER BY v.number DESC LIMIT %s"
    params.append(limit + 1)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    people: dict[int, User] = {}
    versions = []
    for row in rows[:limit]:
        item = version.build(row[: version.end])
        person = uploader.get(row)
        if person is not None:
            if person.pk not in people:
                User.profile.related.set_cached_value(person, profile.get(row))
                people[person.pk] = person
            person = people[person.pk]
        item.uploaded_by = person
        item.document = document
        versions.append(item)
    return versions, len(rows) > limit
