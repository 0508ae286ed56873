"""The document page reads the viewer's state (watching, reviews, last download) as SQL
text subqueries; they must answer what the ORM rules answer, for every combination."""

import pytest
from django.db.models import Exists, OuterRef, Subquery
from django.urls import reverse

from documents import reviews, selectors
from documents.models import Document, Download, Review
from tests.documents.helpers import add_version, body, make_document
from workspaces.activity import unwatch, watched_by

pytestmark = pytest.mark.django_db

STATE = ("is_watched", "has_reviews", "last_download_number", "last_download_sha256")


def orm_state(document, viewer):
    """The rules as they were written with the ORM."""

    def last(field):
        downloads = Download.objects.filter(document=OuterRef("pk"), user=viewer).order_by("-id")
        return Subquery(downloads.values(field)[:1])

    row = Document.objects.filter(pk=document.pk).annotate(
        is_watched=watched_by(viewer, Document),
        has_reviews=Exists(Review.objects.filter(version__document=OuterRef("pk"))),
        last_download_number=last("version__number"),
        last_download_sha256=last("version__sha256"),
        last_download_at=last("at"),
    )
    return row.values(*STATE, "last_download_at").get()


def download(client, document, number):
    url = reverse("documents:version_download", args=[document.pk, number])
    response = client.get(url)
    assert response.status_code == 200
    body(response)


@pytest.fixture
def documents(world, client_for):
    ws = world.workspace
    reviewed = make_document(ws, world.member, "reviewed.txt", b"one\n")
    add_version(reviewed, world.lead, b"two\n", "reviewed.txt")
    reviews.review_send(
        actor=world.lead, version=reviewed.latest_version, reviewers=[world.community_manager]
    )
    plain = make_document(ws, world.lead, "plain.txt", b"plain\n")
    member = client_for(world.member)
    download(member, reviewed, 2)
    download(member, reviewed, 1)  # the last download counts: not the first, not the newest
    download(client_for(world.observer), plain, 1)
    unwatch(user=world.lead, target=plain)
    return [reviewed, plain]


@pytest.mark.parametrize("viewer", ["member", "observer", "lead", "community_manager"])
def test_viewer_state_is_that_of_the_orm_rules(viewer, world, documents):
    user = getattr(world, viewer)
    for document in documents:
        loaded = selectors.document_get_for(container=world.workspace, pk=document.pk, viewer=user)
        expected = orm_state(document, user)
        assert {name: getattr(loaded, name) for name in STATE} == {
            name: expected[name] for name in STATE
        }
        assert loaded.last_download_at == expected["last_download_at"]
    states = [orm_state(document, user) for document in documents]
    assert any(state["has_reviews"] for state in states)
