"""A folder's filter choices (tags and file types in use) are one SQL query; they must be
what the ORM rule finds: live documents directly in that folder of that container."""

import pytest
from django.db.models import Value

from documents import selectors, services
from documents.models import Document, DocumentTag
from tests.documents.helpers import make_document

pytestmark = pytest.mark.django_db


def orm_choices(container, folder):
    """The rule as it was written with the ORM."""
    documents = selectors._in_container(Document.objects.alive(), container).filter(folder=folder)
    tags = (
        DocumentTag.objects.filter(document__in=documents.values("pk"))
        .annotate(kind=Value("tag"))
        .values_list("kind", "name")
        .order_by()
    )
    types = (
        documents.exclude(file_type="")
        .annotate(kind=Value("type"))
        .values_list("kind", "file_type")
        .order_by()
    )
    rows = sorted(tags.union(types))
    return [n for k, n in rows if k == "tag"], [n for k, n in rows if k == "type"]


@pytest.fixture
def places(world):
    ws, group = world.workspace, world.open_group
    sub = services.folder_create(actor=world.lead, container=ws, name="Sub", parent=None)
    group_folder = services.folder_create(actor=world.lead, container=group, name="G", parent=None)
    make_document(ws, world.lead, "root.pdf", b"%PDF-1.4\n", tags=["budget", "wp1"])
    make_document(ws, world.lead, "root.txt", tags=["wp1"])
    make_document(ws, world.lead, "in-sub.csv", b"a,b\n", folder=sub, tags=["sub-only"])
    gone = make_document(ws, world.lead, "trashed.docx", b"PK", tags=["trashed-tag"])
    services.document_trash(actor=world.lead, document=gone)
    make_document(group, world.lead, "group.txt", tags=["group-tag"])
    make_document(group, world.lead, "g-folder.pdf", b"%PDF-1.4\n", folder=group_folder)
    make_document(world.other_workspace, world.outsider, "other.txt", tags=["other"])
    return {
        "workspace top": (ws, None),
        "workspace folder": (ws, sub),
        "group top": (group, None),
        "group folder": (group, group_folder),
        "other workspace": (world.other_workspace, None),
    }


@pytest.mark.parametrize(
    "place",
    ["workspace top", "workspace folder", "group top", "group folder", "other workspace"],
)
def test_filter_choices_are_those_of_the_orm_rule(place, places):
    container, folder = places[place]
    found = selectors.filter_choices_for(container=container, folder=folder)
    assert found == orm_choices(container, folder)
    assert found[0] or found[1]
