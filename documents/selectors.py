"""Every read the document views need.

Container views pass the container ``container_view`` resolved (the viewer may see
it); the few container-free reads (permalinks) start from ``contained_visible_q(user)``.
Missing and forbidden both raise Http404. Each function does a fixed number of
queries, whatever the number of rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import (
    BooleanField,
    CharField,
    DateTimeField,
    Field,
    IntegerField,
    QuerySet,
)
from django.db.models.expressions import RawSQL
from django.http import Http404

from alliance_hub import sqlrows
from alliance_hub.pagination import decode_cursor, encode_cursor, page_of
from workspaces.access import Container, Viewer, contained_visible_q, contained_visible_sql
from workspaces.models import Group, Watch, Workspace

from . import document_sql, folder_sql
from .models import Document, DocumentTag, Download, Folder, Review, Version

if TYPE_CHECKING:
    from profiles.models import User


PAGE_SIZE = 50
VERSIONS_PAGE_SIZE = 50
RECENT_VERSIONS = 10  # on the document page; the versions page has them all
SORTS = {
    "name": ("Name A–Z", ["name_key", "id"]),
    "-name": ("Name Z–A", ["-name_key", "-id"]),
    "-date": ("Newest first", ["-updated_at", "-id"]),
    "date": ("Oldest first", ["updated_at", "id"]),
    "type": ("Type", ["file_type", "name_key", "id"]),
}
DEFAULT_SORT = "name"


def _in_container(queryset: Any, container: Container) -> Any:
    # The workspace is named for groups too, so both kinds use the same index prefix.
    return queryset.in_container(container).filter(workspace=container.workspace)


# Folders ------------------------------------------------------------------------------


def folder_get_for(*, container: Container, pk: int) -> Folder:
    folder = folder_sql.folder_get(container=container, pk=pk)
    if folder is None:
        raise Http404("No such folder.")
    return folder


def folder_choices_for(*, container: Container) -> list[tuple[Folder, int]]:
    """Every folder of the container as (folder, depth) in tree order (one query)."""
    folders = list(_in_container(Folder.objects, container).order_by("name_key", "id"))
    children: dict[int | None, list[Folder]] = {}
    for folder in folders:
        children.setdefault(folder.parent_id, []).append(folder)
    ordered: list[tuple[Folder, int]] = []

    def walk(parent_id: int | None, depth: int) -> None:
        for folder in children.get(parent_id, ()):
            ordered.append((folder, depth))
            walk(folder.pk, depth + 1)

    walk(None, 0)
    return ordered


def breadcrumbs_for(folder: Folder | None, *, include_self: bool = False) -> list[Folder]:
    """The folder's ancestors (and itself), top first: one query at any depth, and
    their links need no more (they share the folder's container objects)."""
    if folder is None:
        return []
    by_id = Folder.objects.in_bulk(folder.ancestor_ids) if folder.ancestor_ids else {}
    crumbs = [by_id[pk] for pk in folder.ancestor_ids if pk in by_id]
    if include_self:
        crumbs.append(folder)
    folder.share_container(*crumbs)
    return crumbs


@dataclass
class FolderPage:
    folder: Folder | None
    subfolders: list[Folder]
    documents: list[Document]
    next_cursor: str | None
    breadcrumbs: list[Folder]


def folder_page(
    *,
    container: Container,
    folder: Folder | None,
    sort: str = DEFAULT_SORT,
    tag: str = "",
    file_type: str = "",
    cursor: str = "",
) -> FolderPage:
    """One page of a folder's live documents, sorted and filtered, plus its
    subfolders (on the first page). Raises alliance_hub.pagination.InvalidCursor.
    Read in SQL text (documents/folder_sql.py)."""
    ordering = SORTS[sort][1]
    rows = folder_sql.documents_page(
        container=container,
        folder=folder,
        ordering=ordering,
        size=PAGE_SIZE,
        after=decode_cursor(Document, ordering, cursor) if cursor else None,
        tag=tag,
        file_type=file_type,
    )
    next_cursor = None
    if len(rows) > PAGE_SIZE:
        rows = rows[:PAGE_SIZE]
        next_cursor = encode_cursor(ordering, rows[-1])
    subfolders = []
    if not cursor:
        subfolders = folder_sql.subfolders(container=container, parent=folder)
    _load_tag_names(rows)
    for row in [*rows, *subfolders, *([folder] if folder else [])]:
        # Every row lives in this container: share its objects, no join, no query.
        row.workspace, row.group = container.workspace, container.group
    return FolderPage(folder, subfolders, rows, next_cursor, breadcrumbs_for(folder))


def _load_tag_names(documents: list[Document]) -> None:
    """Set each document's ``tag_names`` (by name) in one query, written in SQL: as a
    prefetch_related it built a related manager and a queryset per document, and the
    ORM took longer to compile even this plain query than to run it."""
    names: dict[int, list[str]] = {document.pk: [] for document in documents}
    if names:
        placeholders = ", ".join(["%s"] * len(names))
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT document_id, name FROM {DocumentTag._meta.db_table} "  # noqa: S608 - placeholders only
                f"WHERE document_id IN ({placeholders}) ORDER BY name",
                list(names),
            )
            for document_id, name in cursor.fetchall():
                names[document_id].append(name)
    for document in documents:
        document.tag_names = names[document.pk]


def _live_documents_sql(container: Container, folder: Folder | None) -> tuple[str, list[Any]]:
    """``(where, params)`` for the live documents directly in ``folder`` of ``container``
    (alias ``d``): ``_in_container(Document.objects.alive(), container).filter(folder=
    folder)`` as SQL text."""
    where = "d.deleted_at IS NULL AND d.workspace_id = %s"
    params: list[Any] = [container.workspace.pk]
    if container.is_group:
        where += " AND d.group_id = %s"
        params.append(container.pk)
    else:
        where += " AND d.group_id IS NULL"
    if folder is None:
        where += " AND d.folder_id IS NULL"
    else:
        where += " AND d.folder_id = %s"
        params.append(folder.pk)
    return where, params


def filter_choices_for(
    *, container: Container, folder: Folder | None
) -> tuple[list[str], list[str]]:
    """The tags and file types in use in the folder, for its filter form: one query
    (a UNION), over the folder's documents only, not the whole container's. Written in
    SQL: the ORM took longer to compile it than PostgreSQL to run it
    (tests/documents/test_folder_filter_choices.py holds it to the ORM rule)."""
    where, params = _live_documents_sql(container, folder)
    documents, tags = Document._meta.db_table, DocumentTag._meta.db_table
    sql = (
        f"SELECT 'tag', t.name FROM {tags} t WHERE t.document_id IN "  # noqa: S608 - names only
        f"(SELECT d.id FROM {documents} d WHERE {where}) "
        f"UNION SELECT 'type', d.file_type FROM {documents} d WHERE {where} "
        "AND d.file_type <> ''"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params + params)
        rows = sorted(cursor.fetchall())
    return [name for kind, name in rows if kind == "tag"], [
        name for kind, name in rows if kind == "type"
    ]


# Documents ----------------------------------------------------------------------------

DOCUMENT_RELATED = (  # what the document page shows
    "workspace",
    "group",
    "folder",
    "created_by",
    "locked_by",
    "latest_version__uploaded_by",
)


def _viewer_state(viewer: User, pk: int) -> dict[str, RawSQL]:
    """What document ``pk``'s page shows about ``viewer``, as scalar subqueries in SQL
    text: whether they watch it, whether it has reviews, and their last download's
    version number, hash and time (None if never). Built with the ORM these five cost
    2 ms of CPU to compile (documents/document_sql.py reads them with the document);
    tests/documents/test_document_viewer_state.py holds them to the ORM rules
    (``watched_by``, the downloads in id order)."""
    tables = {
        "watch": Watch._meta.db_table,
        "review": Review._meta.db_table,
        "download": Download._meta.db_table,
        "version": Version._meta.db_table,
    }
    last_download = (
        "(SELECT {column} FROM {download} dl JOIN {version} dv ON dv.id = dl.version_id "
        "WHERE dl.document_id = %s AND dl.user_id = %s ORDER BY dl.id DESC LIMIT 1)"
    )
    mine = [pk, viewer.pk]
    watch_type = ContentType.objects.get_for_model(Document).pk
    state: dict[str, tuple[str, list[Any], Field[Any, Any]]] = {
        "is_watched": (
            "EXISTS (SELECT 1 FROM {watch} w WHERE w.user_id = %s AND w.target_type_id = %s "
            "AND w.target_id = %s)",
            [viewer.pk, watch_type, pk],
            BooleanField(),
        ),
        "has_reviews": (
            "EXISTS (SELECT 1 FROM {review} r JOIN {version} rv ON rv.id = r.version_id "
            "WHERE rv.document_id = %s)",
            [pk],
            BooleanField(),
        ),
        "last_download_number": (last_download, mine, IntegerField()),
        "last_download_sha256": (last_download, mine, CharField()),
        "last_download_at": (last_download, mine, DateTimeField()),
    }
    columns = {"last_download_number": "dv.number", "last_download_sha256": "dv.sha256"}
    columns["last_download_at"] = "dl.at"
    return {
        name: RawSQL(  # noqa: S611 - table and column names only, values are parameters
            sql.format(column=columns.get(name, ""), **tables), params, output_field=field
        )
        for name, (sql, params, field) in state.items()
    }


def document_get_for(*, container: Container, pk: int, viewer: User | None = None) -> Document:
    """A live document of the container, with what its page shows; with ``viewer`` (for
    its page, two queries written in SQL, see documents/document_sql.py), also its
    ``tag_names``, ``is_watched`` (whether the viewer watches it), ``has_reviews`` and
    the viewer's last download (``last_download_number``, ``_sha256``, ``_at``; None if
    never), as subqueries of the same query."""
    if viewer is not None:
        document = document_sql.document_view_for(
            container=container, pk=pk, state=_viewer_state(viewer, pk)
        )
        if document is not None:
            _load_tag_names([document])
    else:
        documents = _in_container(Document.objects.alive(), container)
        document = documents.select_related(*DOCUMENT_RELATED).filter(pk=pk).first()
    if document is None:
        raise Http404("No such document.")
    return document


def trashed_document_get_for(*, container: Container, pk: int) -> Document:
    document = (
        _in_container(Document.objects.trashed(), container)
        .select_related("workspace", "group")
        .filter(pk=pk)
        .first()
    )
    if document is None:
        raise Http404("No such document in the trash.")
    return document


def trash_list_for(*, container: Container) -> QuerySet[Document]:
    return (
        _in_container(Document.objects.trashed(), container)
        .select_related("workspace", "group", "deleted_by", "folder")
        .order_by("-deleted_at", "-id")
    )


def versions_for(
    *, document: Document, before: int | None = None, limit: int = VERSIONS_PAGE_SIZE
) -> tuple[list[Version], bool]:
    """Up to ``limit`` versions, newest first, older than number ``before`` if given;
    and whether there are more. The document is set on each (no query per row)."""
    return document_sql.versions_page(document=document, before=before, limit=limit)


def version_get_for(*, document: Document, number: int) -> Version:
    version = document.versions.select_related("uploaded_by").filter(number=number).first()
    if version is None:
        raise Http404("No such version.")
    version.document = document
    return version


def downloads_for(
    *, document: Document, before: int | None = None, limit: int = 100
) -> tuple[list[Download], bool]:
    """The access record, newest first; ``before`` is an id cursor."""
    downloads = Download.objects.filter(document=document).select_related("user", "version")
    if before:
        downloads = downloads.filter(id__lt=before)
    return page_of(downloads.order_by("-id"), limit)


# Container-free reads (permalinks) ----------------------------------------------------


def document_visible_get(*, user: Viewer, pk: int) -> Document:
    """A live document ``user`` may view, with its latest version; else Http404."""
    document = (
        Document.objects.alive()
        .filter(contained_visible_q(user))
        .select_related("latest_version", "approved_version")
        .filter(pk=pk)
        .first()
    )
    if document is None or document.latest_version is None:
        raise Http404("No such document.")
    return document


def version_visible_get(*, user: Viewer, pk: int, number: int) -> Version:
    """Version ``number`` of a live document ``user`` may view; else Http404."""
    visible = Document.objects.alive().filter(contained_visible_q(user)).filter(pk=pk)
    version = (
        Version.objects.filter(document__in=visible, number=number)
        .select_related("document")
        .first()
    )
    if version is None:
        raise Http404("No such version.")
    return version


# Search and profile (hooks) -----------------------------------------------------------


def recent_documents_by(*, viewer: Viewer, person: User, limit: int = 5) -> list[Document]:
    """Documents ``person`` created that ``viewer`` may see, newest first, with only
    ``title``, ``updated_at``, ``workspace_slug`` and ``group_slug`` loaded (one query,
    in SQL text: the profile page's sections cost more to compile than to run)."""
    visible, visible_params = contained_visible_sql(viewer, "d")
    sql = (
        "SELECT d.id, d.title, d.updated_at, w.slug AS workspace_slug, g.slug AS group_slug "  # noqa: S608
        f"FROM {Document._meta.db_table} d "
        f"JOIN {Workspace._meta.db_table} w ON w.id = d.workspace_id "
        f"LEFT JOIN {Group._meta.db_table} g ON g.id = d.group_id "
        f"WHERE d.deleted_at IS NULL AND d.created_by_id = %s AND {visible} "
        "ORDER BY d.updated_at DESC, d.id DESC LIMIT %s"
    )
    return sqlrows.fetch(Document, sql, [person.pk, *visible_params, limit])
