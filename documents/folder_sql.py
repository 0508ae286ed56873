"""A folder page's reads as SQL text: the folder, its subfolders and one keyset page of
its live documents, sorted and filtered, with what a row shows.

The ORM took about 2.5 ms of CPU to compile the page's three queries (the documents'
alone 1.5 ms), more than PostgreSQL took to run them. The container is the one
``container_view`` resolved and checked, so the rule is "rows of that container" (a
workspace's own, or a group's). tests/documents/test_folder_sql.py holds every read to
the ORM's (``selectors._in_container`` and ``alliance_hub.pagination.keyset_page``)
for every sort, filter and cursor, in a workspace and in groups.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import connection

from alliance_hub import sqlrows
from profiles.models import User
from workspaces.access import Container

from .models import Document, DocumentTag, Folder, Version

# What a folder row shows and its sort keys (selectors.FOLDER_ROW_COLUMNS, as the
# ORM's ``.only`` loaded them): the rest cost more to load than the rows to show.
DOCUMENT_FIELDS = [
    "id", "workspace_id", "group_id", "folder_id", "title", "name_key", "latest_version_id",
    "version_count", "file_type", "size", "updated_at", "locked_by_id", "locked_until",
]  # fmt: skip
PERSON_FIELDS = ["id", "email", "display_name"]
VERSION_FIELDS = ["id", "state", "uploaded_by_id"]
COLUMNS = ", ".join(
    [
        *(f"d.{name}" for name in DOCUMENT_FIELDS),
        *(f"lb.{name}" for name in PERSON_FIELDS),
        *(f"lv.{name}" for name in VERSION_FIELDS),
        *(f"lvu.{name}" for name in PERSON_FIELDS),
    ]
)
# The container and folder columns that lead every folder index: ordering by them too
# (they are fixed) lets PostgreSQL read a page straight off the index.
CONSTANT_FIELDS = ("workspace_id", "group_id", "folder_id")


def in_container_sql(container: Container, alias: str) -> tuple[str, list[Any]]:
    """``selectors._in_container`` on the rows aliased ``alias`` (the container's own
    rows; the workspace named for groups too, for the indexes' leading column)."""
    if container.is_group:
        sql = f"{alias}.workspace_id = %s AND {alias}.group_id = %s"
        return sql, [container.workspace.pk, container.pk]
    return f"{alias}.workspace_id = %s AND {alias}.group_id IS NULL", [container.pk]


def _folders(where: str, params: Sequence[Any]) -> list[Folder]:
    columns, names = sqlrows.columns(Folder, "f")
    build = sqlrows.builder(Folder, names)
    sql = f"SELECT {columns} FROM {Folder._meta.db_table} f WHERE {where} ORDER BY f.name_key, f.id"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [build(row) for row in cursor.fetchall()]


def folder_get(*, container: Container, pk: int) -> Folder | None:
    """``_in_container(Folder.objects, container).filter(pk=pk).first()``."""
    if not sqlrows.may_be_a_key(pk):
        return None
    where, params = in_container_sql(container, "f")
    found = _folders(f"f.id = %s AND {where}", [pk, *params])
    return found[0] if found else None


def subfolders(*, container: Container, parent: Folder | None) -> list[Folder]:
    """``_in_container(Folder.objects, container).filter(parent=parent)``, by name."""
    where, params = in_container_sql(container, "f")
    if parent is None:
        return _folders(f"{where} AND f.parent_id IS NULL", params)
    return _folders(f"{where} AND f.parent_id = %s", [*params, parent.pk])


def _after(ordering: Sequence[str], values: Sequence[Any]) -> tuple[str, list[Any]]:
    """``alliance_hub.pagination.after`` on ``d``: rows strictly after ``values``
    (prepared for the database as the ORM prepares them: SQLite compares text)."""
    names = [field.lstrip("-") for field in ordering]
    values = [
        Document._meta.get_field(name).get_db_prep_value(value, connection)
        for name, value in zip(names, values, strict=True)
    ]
    alternatives, params = [], []
    for index, field in enumerate(ordering):
        equal = [f"d.{earlier.lstrip('-')} = %s" for earlier in ordering[:index]]
        op = "<" if field.startswith("-") else ">"
        alternatives.append(" AND ".join([*equal, f"d.{field.lstrip('-')} {op} %s"]))
        params += [*values[:index], values[index]]
    return "(" + " OR ".join(f"({sql})" for sql in alternatives) + ")", params


def _order(ordering: Sequence[str]) -> str:
    return ", ".join(
        f"d.{field.lstrip('-')}{' DESC' if field.startswith('-') else ''}" for field in ordering
    )


def documents_page(
    *,
    container: Container,
    folder: Folder | None,
    ordering: Sequence[str],
    size: int,
    after: Sequence[Any] | None = None,
    tag: str = "",
    file_type: str = "",
) -> list[Document]:
    """Up to ``size + 1`` live documents of ``folder`` (None: the top level) of the
    container, in ``ordering`` (fields of Document, "-" for descending, ending with
    ``id``), after the sort key ``after`` if given, with the tag and type if given; each
    with its lock holder, latest version and its uploader loaded as a row shows them."""
    where, params = in_container_sql(container, "d")
    where = f"d.deleted_at IS NULL AND {where}"
    if folder is None:
        where += " AND d.folder_id IS NULL"
    else:
        where += " AND d.folder_id = %s"
        params.append(folder.pk)
    if tag:
        where += (
            f" AND EXISTS (SELECT 1 FROM {DocumentTag._meta.db_table} t "  # noqa: S608
            "WHERE t.document_id = d.id AND t.name = %s)"
        )
        params.append(tag)
    if file_type:
        where += " AND d.file_type = %s"
        params.append(file_type)
    if after is not None:
        condition, after_params = _after(ordering, after)
        where += f" AND {condition}"
        params += after_params
    direction = "-" if ordering[0].startswith("-") else ""
    index_order = [direction + field for field in CONSTANT_FIELDS] + list(ordering)
    users, documents = User._meta.db_table, Document._meta.db_table
    # The page's ids first (the index alone answers that), then their rows with joins.
    sql = (
        f"SELECT {COLUMNS} FROM {documents} d "  # noqa: S608 - names and our own SQL only
        f"LEFT JOIN {users} lb ON lb.id = d.locked_by_id "
        f"LEFT JOIN {Version._meta.db_table} lv ON lv.id = d.latest_version_id "
        f"LEFT JOIN {users} lvu ON lvu.id = lv.uploaded_by_id "
        f"WHERE d.id IN (SELECT d.id FROM {documents} d WHERE {where} "
        f"ORDER BY {_order(index_order)} LIMIT %s) ORDER BY {_order(ordering)}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, size + 1])
        rows = cursor.fetchall()
    make = _Row()
    return [make(row) for row in rows]


class _Row:
    """A document from a row of ``COLUMNS``, with its related rows."""

    def __init__(self) -> None:
        self.document = sqlrows.builder(Document, DOCUMENT_FIELDS)
        self.person = sqlrows.builder(User, PERSON_FIELDS)
        self.version = sqlrows.builder(Version, VERSION_FIELDS)
        self.locker_at = len(DOCUMENT_FIELDS)
        self.version_at = self.locker_at + len(PERSON_FIELDS)
        self.uploader_at = self.version_at + len(VERSION_FIELDS)

    def _person(self, values: Sequence[Any]) -> User | None:
        return self.person(values) if values[0] is not None else None

    def __call__(self, row: Sequence[Any]) -> Document:
        document = self.document(row[: self.locker_at])
        document.locked_by = self._person(row[self.locker_at : self.version_at])
        version = None
        if row[self.version_at] is not None:
            version = self.version(row[self.version_at : self.uploader_at])
            version.uploaded_by = self._person(row[self.uploader_at :])
        document.latest_version = version
        return document
