"""The document page's reads written in SQL (documents/document_sql.py) must load what
the ORM's did: the same live document of the container (none from another container,
none trashed), with the same related rows, and the same versions with their uploaders,
for every viewer."""

import pytest
from django.http import Http404

from documents import selectors, services
from documents.models import Document
from profiles.models import Profile
from tests.documents.helpers import add_version, make_document
from tests.factories import add_member

pytestmark = pytest.mark.django_db


def values(instance):
    if instance is None:
        return None
    return {field.attname: getattr(instance, field.attname) for field in instance._meta.fields}


def loaded(document):
    """The document's own values and those of every related row its page reads."""
    latest = document.latest_version
    return {
        "document": values(document),
        "container": (document.workspace.pk, document.group_id and document.group.pk),
        "folder": values(document.folder),
        "created_by": values(document.created_by),
        "locked_by": values(document.locked_by),
        "latest": values(latest),
        "latest_uploader": values(latest.uploaded_by if latest else None),
    }


def orm_document(container, pk):
    documents = selectors._in_container(Document.objects.alive(), container)
    return documents.select_related(*selectors.DOCUMENT_RELATED).filter(pk=pk).first()


@pytest.fixture
def documents(world):
    ws, lead = world.workspace, world.lead
    folder = services.folder_create(actor=lead, container=ws, name="Reports")
    foldered = make_document(ws, world.member, "in-folder.txt", b"one\n", folder=folder)
    leaver = add_member(ws)
    add_version(foldered, leaver, b"two\n", "in-folder.txt")
    services.document_lock(actor=world.member, document=foldered)
    leaver.delete()  # the latest version's uploader is gone
    trashed = make_document(ws, lead, "trashed.txt", b"gone\n")
    services.document_trash(actor=lead, document=trashed)
    return [
        foldered,
        trashed,
        make_document(ws, lead, "plain.txt", b"plain\n"),
        make_document(world.open_group, lead, "open.txt", b"open\n"),
        make_document(world.private_group, world.member, "private.txt", b"private\n"),
        make_document(world.other_workspace, world.outsider, "other.txt", b"other\n"),
    ]


def test_the_document_is_the_orms_for_every_container_and_viewer(world, documents):
    containers = [world.workspace, world.open_group, world.private_group, world.other_workspace]
    found = 0
    for viewer in world.every_viewer():
        for container in containers:
            for document in documents:
                expected = orm_document(container, document.pk)
                try:
                    got = selectors.document_get_for(
                        container=container, pk=document.pk, viewer=viewer
                    )
                except Http404 as error:
                    assert expected is None, error
                    continue
                assert expected is not None
                assert loaded(got) == loaded(expected)
                found += 1
    assert found == len(world.every_viewer()) * 5  # each live document in its container


def test_the_versions_are_the_orms_with_their_uploaders_faces(world, documents):
    document = documents[0]
    for number in range(3, 7):
        add_version(document, world.member, f"v{number}\n".encode(), "in-folder.txt")
    orm = list(document.versions.select_related("uploaded_by__profile").order_by("-number"))
    for before, limit in [(None, 10), (None, 3), (5, 2), (2, 10), (1, 10)]:
        got, more = selectors.versions_for(document=document, before=before, limit=limit)
        expected = [v for v in orm if before is None or v.number < before]
        assert [values(v) for v in got] == [values(v) for v in expected[:limit]]
        assert more == (len(expected) > limit)
        for version, orm_version in zip(got, expected, strict=False):
            assert version.document is document
            assert values(version.uploaded_by) == values(orm_version.uploaded_by)
            if version.uploaded_by is not None:
                assert values(version.uploaded_by.profile) == values(
                    Profile.objects.filter(user=version.uploaded_by).first()
                )
    assert any(v.uploaded_by is None for v in orm)
