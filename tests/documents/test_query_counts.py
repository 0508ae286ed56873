"""The folder list, the document page and the version list run a fixed number of
queries whatever the number of documents or versions (same bound at 5 and 200)."""

import pytest
from django.urls import reverse

from documents import reviews, services
from tests.documents.helpers import add_version, body, doc_url, make_document, upload_file
from tests.factories import OrganisationFactory, add_member
from workspaces.roles import Role

# The ceiling for every benchmarked page: 10, at any data size.
FOLDER_QUERIES = 10
DOCUMENT_QUERIES = 10
VERSION_LIST_QUERIES = 10


def _fill_folder(world, count):
    folder = services.folder_create(actor=world.lead, container=world.workspace, name="Reports")
    for index in range(3):
        services.folder_create(
            actor=world.lead, container=world.workspace, name=f"Sub {index}", parent=folder
        )
    services.documents_upload(
        actor=world.lead,
        container=world.workspace,
        folder=folder,
        uploads=[upload_file(f"report {i}.txt", b"report %d" % i) for i in range(count)],
        tags=["budget", "wp1"],
    )
    return folder


@pytest.mark.parametrize("count", [5, 200])
def test_folder_list_runs_a_fixed_number_of_queries(
    world, client_for, django_assert_max_num_queries, count
):
    folder = _fill_folder(world, count)
    client = client_for(world.member)
    url = reverse("documents:folder_detail", args=[world.workspace, folder.pk])
    client.get(url)  # the first visit of a session may write bookkeeping (last seen)
    with django_assert_max_num_queries(FOLDER_QUERIES):
        first = client.get(url, {"sort": "-date", "tag": "budget"})
    assert len(first.context["page"].documents) == min(count, 50)
    cursor = first.context["page"].next_cursor
    if cursor:  # a later page costs the same
        with django_assert_max_num_queries(FOLDER_QUERIES):
            later = client.get(url, {"sort": "-date", "tag": "budget", "cursor": cursor})
        assert len(later.context["page"].documents) == 50


@pytest.mark.parametrize("count", [5, 200])
def test_document_page_runs_a_fixed_number_of_queries(
    world, client_for, django_assert_max_num_queries, count
):
    folder = services.folder_create(actor=world.lead, container=world.workspace, name="Deep")
    for depth in range(4):
        folder = services.folder_create(
            actor=world.lead, container=world.workspace, name=f"Level {depth}", parent=folder
        )
    document = make_document(world.workspace, world.lead, "plan.md", b"v0", folder=folder)
    for number in range(count - 1):
        add_version(document, world.member, b"v%d\n" % (number + 1), "plan.md", note="edit")
    client = client_for(world.member)
    body(client.get(reverse("documents:version_download", args=[document.pk, 1])))
    services.document_lock(actor=world.lead, document=document)
    client.get(doc_url("version_list", document))  # first visit bookkeeping, as above
    with django_assert_max_num_queries(DOCUMENT_QUERIES):
        response = client.get(document.get_absolute_url())
    assert len(response.context["versions"]) == min(count, 10)
    with django_assert_max_num_queries(VERSION_LIST_QUERIES):
        response = client.get(doc_url("version_list", document))
    assert len(response.context["versions"]) == min(count, 50)


def _reviewed_document(world, reviewer_count):
    """A document deep in folders, locked, downloaded by the member: version 1 approved
    by ``reviewer_count`` partners, version 2 in review with the same reviewers, half of
    whom have decided."""
    folder = services.folder_create(actor=world.lead, container=world.workspace, name="Deep")
    for depth in range(4):
        folder = services.folder_create(
            actor=world.lead, container=world.workspace, name=f"Level {depth}", parent=folder
        )
    document = make_document(world.workspace, world.lead, "plan.md", b"v1", folder=folder)
    people = [world.member] + [
        add_member(world.workspace, Role.MEMBER, organisation=OrganisationFactory())
        for _ in range(reviewer_count - 1)
    ]
    first = reviews.review_send(actor=world.lead, version=document.versions.get(), reviewers=people)
    for person in people:
        reviews.review_decide(actor=person, review=first, approve=True)
    second = reviews.review_send(
        actor=world.lead,
        version=add_version(document, world.lead, b"v2", "plan.md"),
        reviewers=people,
    )
    for person in people[1 : reviewer_count // 2 + 1]:
        reviews.review_decide(actor=person, review=second, approve=True)
    services.document_lock(actor=world.lead, document=document)
    return document


@pytest.mark.parametrize("reviewer_count", [3, 30])
def test_document_page_with_reviews_and_approvals_stays_within_the_budget(
    world, client_for, django_assert_max_num_queries, reviewer_count
):
    document = _reviewed_document(world, reviewer_count)
    client = client_for(world.member)
    body(client.get(reverse("documents:version_download", args=[document.pk, 1])))
    client.get(doc_url("version_list", document))  # first visit bookkeeping, as above
    with django_assert_max_num_queries(DOCUMENT_QUERIES):
        response = client.get(document.get_absolute_url())
    page = response.content.decode()
    assert "You downloaded version 1" in page  # the last download, read in the same query
    assert [r.outcome for r in response.context["reviews"]] == ["open", "approved"]
    assert len(response.context["reviews"][1].decisions) == reviewer_count
    assert response.context["my_pending_reviews"] == {response.context["reviews"][0].pk}
    with django_assert_max_num_queries(VERSION_LIST_QUERIES):
        client.get(doc_url("version_list", document))
