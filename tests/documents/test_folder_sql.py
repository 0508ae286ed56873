"""A folder page is read in SQL (documents/folder_sql.py); it must hold what the ORM's
queries held (``_in_container`` with ``keyset_page``): the same folder, subfolders and
documents, with the same loaded values, for every sort, filter and cursor, in a
workspace, an open and a private group; and nothing of another container or trashed."""

import pytest
from django.db.models import Exists, OuterRef
from django.http import Http404

from alliance_hub.pagination import keyset_page
from documents import selectors, services
from documents.models import Document, DocumentTag, Folder
from tests.documents.helpers import add_version, make_document

pytestmark = pytest.mark.django_db

# The columns the ORM's query loaded (``.only``), as it was written.
FOLDER_ROW_COLUMNS = (
    "workspace_id", "group_id", "folder_id", "title", "name_key", "latest_version_id",
    "version_count", "file_type", "size", "updated_at", "locked_by_id", "locked_until",
    "locked_by__display_name", "locked_by__email", "latest_version__state",
    "latest_version__uploaded_by__display_name", "latest_version__uploaded_by__email",
)  # fmt: skip


def values(instance):
    """The loaded field values of ``instance`` (deferred ones are not read)."""
    if instance is None:
        return None
    deferred = instance.get_deferred_fields()
    return {
        f.attname: getattr(instance, f.attname)
        for f in instance._meta.concrete_fields
        if f.attname not in deferred
    }


def row(document):
    version = document.latest_version
    return (
        values(document),
        values(document.locked_by),
        values(version),
        values(version.uploaded_by) if version else None,
        document.tag_names,
        (document.workspace.pk, document.group and document.group.pk),
    )


def orm_page(container, folder, sort, tag, file_type, cursor):
    documents = (
        selectors._in_container(Document.objects.alive(), container)
        .filter(folder=folder)
        .select_related("locked_by", "latest_version__uploaded_by")
        .only(*FOLDER_ROW_COLUMNS)
    )
    if tag:
        documents = documents.filter(
            Exists(DocumentTag.objects.filter(document=OuterRef("pk"), name=tag))
        )
    if file_type:
        documents = documents.filter(file_type=file_type)
    rows, next_cursor = keyset_page(
        documents,
        selectors.SORTS[sort][1],
        cursor,
        selectors.PAGE_SIZE,
        constant_fields=("workspace_id", "group_id", "folder_id"),
    )
    subfolders = []
    if not cursor:
        subfolders = list(selectors._in_container(Folder.objects, container).filter(parent=folder))
    selectors._load_tag_names(rows)
    for document in rows:
        document.workspace, document.group = container.workspace, container.group
    return rows, next_cursor, subfolders


@pytest.fixture
def containers(world, settings):
    """Each container with a folder, a subfolder, documents at the top and in the
    folder (tagged, locked, of several types, same names), and a trashed one."""
    made = []
    for container in (world.workspace, world.open_group, world.private_group):
        folder = services.folder_create(actor=world.lead, container=container, name="Reports")
        services.folder_create(actor=world.lead, container=container, name="Sub", parent=folder)
        services.folder_create(actor=world.lead, container=container, name="Top")
        for index, name in enumerate(["b.txt", "a.pdf", "b.txt", "c.csv", "A.PDF", "d.txt"]):
            document = make_document(
                container,
                world.member,
                name,
                f"{index}\n".encode(),
                folder=folder if index % 3 else None,
                tags=["x", f"t{index % 2}"],
            )
            if index == 2:
                add_version(document, world.community_manager, b"two\n", name)
            if index == 3:
                services.document_lock(actor=world.member, document=document)
            if index == 5:
                services.document_trash(actor=world.lead, document=document)
        made.append((container, folder))
    make_document(world.other_workspace, world.outsider, "other.txt", b"other\n")
    return made


@pytest.mark.parametrize("sort", list(selectors.SORTS))
@pytest.mark.parametrize("tag, file_type", [("", ""), ("t1", ""), ("", "pdf"), ("x", "txt")])
def test_every_page_is_the_orms(world, containers, settings, monkeypatch, sort, tag, file_type):
    monkeypatch.setattr(selectors, "PAGE_SIZE", 2)
    for container, folder in containers:
        for where in (None, folder):
            cursor, seen = "", 0
            while True:
                page = selectors.folder_page(
                    container=container,
                    folder=where,
                    sort=sort,
                    tag=tag,
                    file_type=file_type,
                    cursor=cursor,
                )
                rows, next_cursor, subfolders = orm_page(
                    container, where, sort, tag, file_type, cursor
                )
                assert [row(d) for d in page.documents] == [row(d) for d in rows]
                assert [values(f) for f in page.subfolders] == [values(f) for f in subfolders]
                assert bool(page.next_cursor) == bool(next_cursor)
                seen += len(rows)
                if not next_cursor:
                    break
                cursor = page.next_cursor
            if not tag and not file_type:
                assert seen in (2, 3)  # each place's live documents, walked once


def test_a_folder_is_found_only_in_its_own_container(world, containers):
    folders = [folder for _, folder in containers]
    for container in (
        world.workspace,
        world.open_group,
        world.private_group,
        world.other_workspace,
    ):
        for folder in folders:
            expected = (
                selectors._in_container(Folder.objects, container).filter(pk=folder.pk).first()
            )
            try:
                got = selectors.folder_get_for(container=container, pk=folder.pk)
            except Http404:
                assert expected is None
                continue
            assert values(got) == values(expected)
