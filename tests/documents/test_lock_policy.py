"""The document page offers "Release the lock" and "Withdraw the review" exactly to
those whom documents/policies.py lets do it (and the service then agrees)."""

import pytest

from documents import reviews
from tests.documents.helpers import doc_url, make_document

PERSONAS = ["lead", "community_manager", "member", "observer", "non_group_member"]


@pytest.mark.parametrize("persona", PERSONAS)
def test_release_is_offered_exactly_to_those_who_may_release(world, client_for, persona):
    document = make_document(world.workspace, world.lead)
    assert client_for(world.member).post(doc_url("document_lock", document)).status_code == 302
    client = client_for(getattr(world, persona))
    offered = "Release the lock" in client.get(document.get_absolute_url()).content.decode()
    released = client.post(doc_url("document_unlock", document)).status_code == 302
    assert offered == released
    assert released == (persona in {"lead", "community_manager", "member"})


def test_nothing_to_release_is_offered_without_a_lock(world, client_for):
    document = make_document(world.workspace, world.lead)
    page = client_for(world.lead).get(document.get_absolute_url()).content.decode()
    assert "Release the lock" not in page


@pytest.mark.parametrize("persona", PERSONAS)
def test_withdrawal_is_offered_exactly_to_those_who_may_withdraw(world, client_for, persona):
    document = make_document(world.workspace, world.member)
    review = reviews.review_send(
        actor=world.member,
        version=document.versions.get(),
        reviewers=[world.lead],
        rule="all",
    )
    client = client_for(getattr(world, persona))
    offered = "Withdraw the review" in client.get(document.get_absolute_url()).content.decode()
    withdrawn = client.post(doc_url("review_withdraw", document, review.pk)).status_code == 302
    assert offered == withdrawn
    assert withdrawn == (persona in {"lead", "community_manager", "member"})
