"""Review and approval of document versions: states, rules, the "latest approved"
link, notifications, roles, removal mid-review and simultaneous approvals."""

import threading

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from documents import reviews
from documents.models import Review, Reviewer, Version
from tests.alliance import build_alliance
from tests.documents.helpers import add_version, body, doc_url, make_document
from tests.factories import make_group
from workspaces.models import Activity, Notification
from workspaces.roles import Role
from workspaces.services import member_change_role, member_remove, organisation_remove


@pytest.fixture
def alliance(db):
    return build_alliance()


def _send(a, document, reviewers, rule=Review.Rule.ALL, number=None):
    versions = document.versions.order_by("-number")
    version = versions.get(number=number) if number else versions.first()
    return reviews.review_send(actor=a.lead, version=version, reviewers=reviewers, rule=rule)


def _decide(client, user, review, decision="approve", comment=""):
    client.force_login(user)
    document = review.version.document
    url = doc_url("review_decide", document, review.pk)
    return client.post(url, {"decision": decision, "comment": comment})


def _state(document, number):
    return Version.objects.get(document=document, number=number).state


def test_a_new_document_is_a_draft_and_the_page_and_list_say_so(alliance, client):
    document = make_document(alliance.workspace, alliance.lead)
    client.force_login(alliance.anna)
    assert _state(document, 1) == Version.State.DRAFT
    assert "Draft" in client.get(document.get_absolute_url()).content.decode()
    folder = client.get(reverse("documents:folder_list", args=[alliance.workspace]))
    assert "Draft" in folder.content.decode()


def test_sending_for_review_through_the_page_notifies_each_reviewer(alliance, client):
    document = make_document(alliance.workspace, alliance.lead)
    client.force_login(alliance.lead)
    response = client.post(
        doc_url("review_send", document),
        {"version": 1, "reviewers": [alliance.marco.pk, alliance.elif_.pk], "rule": "all"},
    )
    assert response.status_code == 302
    assert _state(document, 1) == Version.State.IN_REVIEW
    notified = set(Notification.objects.values_list("recipient_id", flat=True))
    assert notified == {alliance.marco.pk, alliance.elif_.pk}
    assert Activity.objects.filter(verb__startswith="sent version 1 for review").exists()
    client.force_login(alliance.marco)
    page = client.get(document.get_absolute_url()).content.decode()
    assert "Approve version 1" in page and "In review" in page
    client.force_login(alliance.lead)
    form = client.get(doc_url("review_send", document))
    assert form.status_code == 200


def test_all_reviewers_approving_approves_and_the_approved_link_serves_it(alliance, client):
    document = make_document(alliance.workspace, alliance.lead, content=b"agreed text\n")
    review = _send(alliance, document, [alliance.marco, alliance.elif_])
    approved_link = reverse("documents:document_approved_permalink", args=[document.pk])
    client.force_login(alliance.anna)
    assert client.get(approved_link).status_code == 404
    assert _decide(client, alliance.marco, review).status_code == 302
    assert _state(document, 1) == Version.State.IN_REVIEW
    assert _decide(client, alliance.elif_, review).status_code == 302
    assert _state(document, 1) == Version.State.APPROVED
    add_version(document, alliance.anna, b"new draft\n")
    assert _state(document, 2) == Version.State.DRAFT
    client.force_login(alliance.anna)
    assert body(client.get(approved_link)) == b"agreed text\n"
    assert body(client.get(document.get_permalink())) == b"new draft\n"
    author_news = Notification.objects.filter(recipient=alliance.lead, text__contains="approved")
    assert author_news.count() == 3  # two decisions and the approval


def test_one_per_organisation_needs_one_approval_from_each_organisation(alliance, client):
    document = make_document(alliance.workspace, alliance.lead)
    review = _send(
        alliance,
        document,
        [alliance.marco, alliance.marta, alliance.elif_],
        rule=Review.Rule.ONE_PER_ORGANISATION,
    )
    _decide(client, alliance.marco, review)
    assert _state(document, 1) == Version.State.IN_REVIEW
    _decide(client, alliance.elif_, review)
    assert _state(document, 1) == Version.State.APPROVED
    # Marta's decision is no longer asked for: the review is closed.
    response = _decide(client, alliance.marta, review)
    assert response.status_code == 409
    assert "closed" in response.content.decode()


def test_requesting_changes_needs_a_comment_and_makes_the_version_a_draft(alliance, client):
    document = make_document(alliance.workspace, alliance.lead)
    review = _send(alliance, document, [alliance.marco, alliance.elif_])
    assert _decide(client, alliance.marco, review, "changes").status_code == 409
    assert _state(document, 1) == Version.State.IN_REVIEW
    response = _decide(client, alliance.marco, review, "changes", "Clause 4 is wrong")
    assert response.status_code == 302
    assert _state(document, 1) == Version.State.DRAFT
    review.refresh_from_db()
    assert review.outcome == Review.Outcome.CHANGES_REQUESTED
    text = Notification.objects.get(recipient=alliance.lead).text
    assert "requested changes" in text
    # The vote stays on record and the draft can be sent again.
    assert Reviewer.objects.get(user=alliance.marco).comment == "Clause 4 is wrong"
    assert _send(alliance, document, [alliance.marco]).is_open


def test_a_newer_approved_version_supersedes_the_older_one(alliance, client):
    document = make_document(alliance.workspace, alliance.lead, content=b"one\n")
    _decide(client, alliance.marco, _send(alliance, document, [alliance.marco]))
    add_version(document, alliance.lead, b"two\n")
    _decide(client, alliance.marco, _send(alliance, document, [alliance.marco]))
    assert (_state(document, 1), _state(document, 2)) == ("superseded", "approved")
    link = reverse("documents:document_approved_permalink", args=[document.pk])
    client.force_login(alliance.anna)
    assert body(client.get(link)) == b"two\n"


def test_observers_can_neither_be_named_nor_decide(alliance, client):
    document = make_document(alliance.workspace, alliance.lead)
    client.force_login(alliance.lead)
    response = client.post(
        doc_url("review_send", document),
        {"version": 1, "reviewers": [alliance.observer.pk], "rule": "all"},
    )
    assert response.status_code == 400
    assert _state(document, 1) == Version.State.DRAFT
    review = _send(alliance, document, [alliance.marco])
    assert _decide(client, alliance.observer, review).status_code == 403
    assert _decide(client, alliance.anna, review).status_code == 403  # not a reviewer


@pytest.mark.parametrize(
    "data",
    [
        {"version": "x", "reviewers": ["1"], "rule": "all"},
        {"version": 1, "reviewers": ["999999"], "rule": "all"},
        {"version": 1, "reviewers": ["abc"], "rule": "all"},
        {"version": 1, "rule": "all"},
        {"version": 1, "reviewers": ["1"], "rule": "everyone"},
        {"version": 1, "reviewers": ["1"], "rule": "all", "due_date": "31/02/2026"},
    ],
)
def test_hostile_review_requests_are_refused_without_a_server_error(alliance, client, data):
    document = make_document(alliance.workspace, alliance.lead)
    client.force_login(alliance.lead)
    response = client.post(doc_url("review_send", document), data)
    assert response.status_code == 400
    assert not Review.objects.exists()


def test_bad_decisions_and_unknown_reviews_are_refused(alliance, client):
    document = make_document(alliance.workspace, alliance.lead)
    review = _send(alliance, document, [alliance.marco])
    assert _decide(client, alliance.marco, review, "maybe").status_code == 400
    client.force_login(alliance.marco)
    missing = client.post(doc_url("review_decide", document, 999999), {"decision": "approve"})
    assert missing.status_code == 404
    too_far = client.post(
        doc_url("review_send", document),
        {"version": 99, "reviewers": [alliance.marco.pk], "rule": "all"},
    )
    assert too_far.status_code == 404
    assert _state(document, 1) == Version.State.IN_REVIEW


def test_a_version_in_review_cannot_be_sent_again(alliance):
    from django.core.exceptions import ValidationError

    document = make_document(alliance.workspace, alliance.lead)
    _send(alliance, document, [alliance.marco])
    with pytest.raises(ValidationError, match="only a draft"):
        _send(alliance, document, [alliance.elif_])


def test_a_removed_reviewer_no_longer_counts_and_the_rule_is_re_evaluated(alliance, client):
    document = make_document(alliance.workspace, alliance.lead)
    review = _send(alliance, document, [alliance.marco, alliance.elif_])
    _decide(client, alliance.elif_, review)
    assert _state(document, 1) == Version.State.IN_REVIEW
    membership = alliance.workspace.memberships.get(user=alliance.marco)
    member_remove(actor=alliance.lead, membership=membership)
    assert _state(document, 1) == Version.State.APPROVED
    # Marco's row survives, it just did not count.
    assert Reviewer.objects.filter(review=review, user=alliance.marco).exists()


def test_an_approval_from_someone_removed_no_longer_counts(alliance, client):
    document = make_document(alliance.workspace, alliance.lead)
    review = _send(alliance, document, [alliance.marco, alliance.elif_, alliance.anna])
    _decide(client, alliance.marco, review)
    member_remove(
        actor=alliance.lead, membership=alliance.workspace.memberships.get(user=alliance.marco)
    )
    _decide(client, alliance.elif_, review)
    assert _state(document, 1) == Version.State.IN_REVIEW
    _decide(client, alliance.anna, review)
    assert _state(document, 1) == Version.State.APPROVED


def test_a_reviewer_made_observer_can_no_longer_approve(alliance, client):
    document = make_document(alliance.workspace, alliance.lead)
    review = _send(alliance, document, [alliance.marco, alliance.elif_])
    _decide(client, alliance.elif_, review)
    membership = alliance.workspace.memberships.get(user=alliance.marco)
    member_change_role(actor=alliance.lead, membership=membership, role=Role.OBSERVER)
    assert _decide(client, alliance.marco, review).status_code == 403
    assert _state(document, 1) == Version.State.APPROVED  # re-evaluated without Marco


def test_an_organisation_removed_mid_review_drops_out_of_the_per_organisation_rule(
    alliance, client
):
    document = make_document(alliance.workspace, alliance.lead)
    review = _send(
        alliance, document, [alliance.marco, alliance.elif_], rule=Review.Rule.ONE_PER_ORGANISATION
    )
    _decide(client, alliance.marco, review)
    organisation_remove(
        actor=alliance.lead, workspace=alliance.workspace, organisation=alliance.baltic
    )
    assert _state(document, 1) == Version.State.APPROVED
    assert Reviewer.objects.get(review=review, organisation_name="Baltic").decision == "pending"


def test_reviews_in_a_private_group_stay_private(alliance, client):
    group = make_group(alliance.workspace, "Board", is_private=True, members=[alliance.marco])
    document = make_document(group, alliance.lead)
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="cannot approve"):
        _send(alliance, document, [alliance.elif_])
    review = _send(alliance, document, [alliance.marco])
    _decide(client, alliance.marco, review)
    link = reverse("documents:document_approved_permalink", args=[document.pk])
    client.force_login(alliance.anna)
    assert client.get(link).status_code == 404
    client.force_login(alliance.marco)
    assert client.get(link).status_code == 200


def test_withdrawing_makes_the_version_a_draft_again(alliance, client):
    document = make_document(alliance.workspace, alliance.lead)
    review = _send(alliance, document, [alliance.marco])
    client.force_login(alliance.anna)
    assert client.post(doc_url("review_withdraw", document, review.pk)).status_code == 403
    client.force_login(alliance.lead)
    assert client.post(doc_url("review_withdraw", document, review.pk)).status_code == 302
    assert _state(document, 1) == Version.State.DRAFT


def test_the_document_page_runs_a_fixed_number_of_queries(
    alliance, client, django_assert_max_num_queries
):
    document = make_document(alliance.workspace, alliance.lead)
    client.force_login(alliance.marco)
    for reviewers in ([alliance.marco], [alliance.marco, alliance.marta, alliance.elif_]):
        add_version(document, alliance.lead, str(reviewers).encode())
        _send(alliance, document, reviewers)
        client.get(document.get_absolute_url())  # first-visit bookkeeping, not measured
        # The page's ten (tests/documents/test_query_counts.py), reviews included.
        with django_assert_max_num_queries(10):
            assert client.get(document.get_absolute_url()).status_code == 200


@pytest.mark.django_db(transaction=True)
def test_two_reviewers_approving_at_the_same_instant_approve_the_version():
    alliance = build_alliance()
    document = make_document(alliance.workspace, alliance.lead)
    review = _send(alliance, document, [alliance.marco, alliance.elif_])
    url = doc_url("review_decide", document, review.pk)
    start = threading.Barrier(2)
    statuses = []

    def approve(user):
        client = Client()
        client.force_login(user)
        if connection.vendor != "sqlite":
            start.wait(timeout=10)
        try:
            statuses.append(client.post(url, {"decision": "approve"}).status_code)
        finally:
            connection.close()

    people = [alliance.marco, alliance.elif_]
    if connection.vendor == "sqlite":
        for user in people:  # SQLite serialises writers: the same requests in turn
            approve(user)
    else:
        threads = [threading.Thread(target=approve, args=(user,)) for user in people]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
    assert statuses == [302, 302]
    assert set(Reviewer.objects.values_list("decision", flat=True)) == {"approved"}
    assert _state(document, 1) == Version.State.APPROVED
    document.refresh_from_db()
    assert document.approved_version.number == 1


def test_the_folder_list_and_search_results_show_each_state(alliance, client):
    document = make_document(alliance.workspace, alliance.lead, "consortium-agreement.txt")
    client.force_login(alliance.anna)
    folder_url = reverse("documents:folder_list", args=[alliance.workspace])
    search = reverse("search:search")

    def states():
        listed = client.get(folder_url).content.decode()
        found = client.get(search, {"q": "consortium agreement"}).content.decode()
        return listed, found

    listed, found = states()
    assert "Draft" in listed and '<span class="tag result-state">Draft</span>' in found
    review = _send(alliance, document, [alliance.marco])
    listed, found = states()
    assert "In review" in listed and '<span class="tag result-state">In review</span>' in found
    _decide(client, alliance.marco, review)
    client.force_login(alliance.anna)
    listed, found = states()
    assert "Approved" in listed and '<span class="tag result-state">Approved</span>' in found
    add_version(document, alliance.lead, b"second draft", "consortium-agreement.txt")
    second = _send(alliance, document, [alliance.marco])
    _decide(client, alliance.marco, second)
    client.force_login(alliance.anna)
    found = client.get(search, {"q": "consortium agreement", "versions": "on"}).content.decode()
    assert '<span class="tag result-state">Superseded</span>' in found  # version 1
    assert '<span class="tag result-state">Approved</span>' in found  # version 2
