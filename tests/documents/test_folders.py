import pytest
from django.urls import reverse

from documents import services
from documents.models import Document, Folder
from tests.documents.helpers import add_version, doc_url, make_document


def _folder_url(folder):
    return reverse("documents:folder_detail", args=[folder.container, folder.pk])


def test_nested_folders_show_their_breadcrumbs_and_contents(world, client_for):
    client = client_for(world.member)
    response = client.post(
        reverse("documents:folder_create", args=[world.workspace]), {"name": "Reports"}
    )
    reports = Folder.objects.get(name="Reports")
    assert response["Location"] == _folder_url(reports)
    client.post(
        reverse("documents:folder_create", args=[world.workspace]),
        {"name": "2026", "parent": reports.pk},
    )
    year = Folder.objects.get(name="2026")
    assert (year.parent, year.ancestor_ids) == (reports, [reports.pk])
    make_document(world.workspace, world.lead, "q1.txt", folder=year)
    page = client.get(_folder_url(year)).content.decode()
    assert f'<a href="{_folder_url(reports)}">Reports</a>' in page
    assert "q1</a>" in page
    top = client.get(reverse("documents:folder_list", args=[world.workspace])).content.decode()
    assert "Reports</a>" in top and "q1</a>" not in top


def test_folder_without_a_name_is_refused(world, client_for):
    response = client_for(world.member).post(
        reverse("documents:folder_create", args=[world.workspace]), {"name": ""}
    )
    assert response.status_code == 400
    assert not Folder.objects.exists()


def test_folders_of_another_container_are_404(world, client_for):
    folder = services.folder_create(actor=world.lead, container=world.private_group, name="Secret")
    client = client_for(world.member)
    assert (
        client.get(
            reverse("documents:folder_detail", args=[world.workspace, folder.pk])
        ).status_code
        == 404
    )
    assert client.get(_folder_url(folder)).status_code == 200
    assert client_for(world.non_group_member).get(_folder_url(folder)).status_code == 404


def test_move_a_document_between_folders(world, client_for):
    a = services.folder_create(actor=world.lead, container=world.workspace, name="A")
    b = services.folder_create(actor=world.lead, container=world.workspace, name="B")
    document = make_document(world.workspace, world.lead, folder=a)
    response = client_for(world.member).post(doc_url("document_move", document), {"folder": b.pk})
    assert response.status_code == 302
    document.refresh_from_db()
    assert document.folder == b
    client_for(world.member).post(doc_url("document_move", document), {"folder": ""})
    document.refresh_from_db()
    assert document.folder is None


def test_the_move_page_offers_every_folder_of_the_container(world, client_for):
    a = services.folder_create(actor=world.lead, container=world.workspace, name="Alpha")
    services.folder_create(actor=world.lead, container=world.workspace, name="Beta", parent=a)
    services.folder_create(actor=world.lead, container=world.private_group, name="Secret")
    document = make_document(world.workspace, world.lead, folder=a)

    page = client_for(world.member).get(doc_url("document_move", document)).content.decode()
    assert "Alpha" in page and "Beta" in page and "Secret" not in page


def test_moving_into_a_folder_of_another_container_is_refused(world, client_for):
    elsewhere = services.folder_create(actor=world.lead, container=world.private_group, name="X")
    document = make_document(world.workspace, world.lead)
    response = client_for(world.member).post(
        doc_url("document_move", document), {"folder": elsewhere.pk}
    )
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    document.refresh_from_db()
    assert document.folder is None


def test_observer_cannot_move_or_rename(world, client_for):
    folder = services.folder_create(actor=world.lead, container=world.workspace, name="A")
    document = make_document(world.workspace, world.lead, "plan.txt")
    client = client_for(world.observer)
    assert client.post(doc_url("document_move", document), {"folder": folder.pk}).status_code == 403
    assert client.post(doc_url("document_edit", document), {"title": "X"}).status_code == 403
    document.refresh_from_db()
    assert (document.folder, document.title) == (None, "plan")


def test_rename_and_retag_a_document(world, client_for):
    document = make_document(world.workspace, world.lead, "plan.txt", tags=["old"])
    response = client_for(world.member).post(
        doc_url("document_edit", document),
        {"title": "Work plan 2026", "description": "The agreed plan.", "tags": "Plan, WP1"},
    )
    assert response.status_code == 302
    document.refresh_from_db()
    assert (document.title, document.description) == ("Work plan 2026", "The agreed plan.")
    assert sorted(document.tags.values_list("name", flat=True)) == ["plan", "wp1"]


def test_invalid_tags_are_refused_with_a_message(world, client_for):
    document = make_document(world.workspace, world.lead, "plan.txt")
    response = client_for(world.member).post(
        doc_url("document_edit", document), {"title": "X", "tags": "<script>"}
    )
    assert response.status_code == 400
    assert "is not a valid tag" in response.content.decode()
    document.refresh_from_db()
    assert document.title == "plan"


def test_rename_and_delete_folders(world, client_for):
    folder = services.folder_create(actor=world.lead, container=world.workspace, name="Old")
    client = client_for(world.member)
    client.post(
        reverse("documents:folder_rename", args=[world.workspace, folder.pk]), {"name": "New"}
    )
    folder.refresh_from_db()
    assert folder.name == "New"
    make_document(world.workspace, world.lead, folder=folder)
    refused = client.post(reverse("documents:folder_delete", args=[world.workspace, folder.pk]))
    assert refused.status_code == 400
    assert "is not empty" in refused.content.decode()
    Document.objects.update(folder=None)
    client.post(reverse("documents:folder_delete", args=[world.workspace, folder.pk]))
    assert not Folder.objects.exists()


# Sorting, filtering, pagination ------------------------------------------------------


def _titles(response):
    return [d.title for d in response.context["page"].documents]


@pytest.fixture
def three_documents(world):
    a = make_document(world.workspace, world.lead, "beta.pdf", b"%PDF-1.4 b", tags=["budget"])
    b = make_document(world.workspace, world.lead, "Alpha.txt", b"alpha")
    c = make_document(world.workspace, world.lead, "gamma.csv", b"g,1\n", tags=["budget"])
    add_version(b, world.lead, b"alpha 2", "Alpha.txt")  # now the newest
    return a, b, c


def test_folder_sorts_by_name_date_and_type(world, client_for, three_documents):
    client = client_for(world.observer)
    url = reverse("documents:folder_list", args=[world.workspace])
    assert _titles(client.get(url)) == ["Alpha", "beta", "gamma"]
    assert _titles(client.get(url, {"sort": "-name"})) == ["gamma", "beta", "Alpha"]
    assert _titles(client.get(url, {"sort": "-date"})) == ["Alpha", "gamma", "beta"]
    assert _titles(client.get(url, {"sort": "type"})) == ["gamma", "beta", "Alpha"]


def test_folder_filters_by_tag_and_type(world, client_for, three_documents):
    client = client_for(world.observer)
    url = reverse("documents:folder_list", args=[world.workspace])
    assert _titles(client.get(url, {"tag": "budget"})) == ["beta", "gamma"]
    assert _titles(client.get(url, {"type": "pdf"})) == ["beta"]
    assert _titles(client.get(url, {"tag": "budget", "type": "txt"})) == []


@pytest.mark.parametrize("sort", ["name", "-name", "-date", "date", "type"])
def test_cursor_pages_walk_every_document_once(world, client_for, settings, sort, monkeypatch):
    from documents import selectors

    monkeypatch.setattr(selectors, "PAGE_SIZE", 4)
    for index in range(11):
        make_document(world.workspace, world.lead, f"doc {index % 3} {index}.txt", b"x%d" % index)
    client = client_for(world.member)
    url = reverse("documents:folder_list", args=[world.workspace])
    seen, cursor = [], ""
    while True:
        response = client.get(url, {"sort": sort, "cursor": cursor})
        seen += [d.pk for d in response.context["page"].documents]
        cursor = response.context["page"].next_cursor
        if not cursor:
            break
    assert sorted(seen) == sorted(Document.objects.values_list("pk", flat=True))
    assert len(seen) == len(set(seen)) == 11


def test_tampered_cursor_is_refused_with_a_message(world, client_for, three_documents):
    response = client_for(world.member).get(
        reverse("documents:folder_list", args=[world.workspace]), {"cursor": "forged"}
    )
    assert response.status_code == 400
    assert "This page link is no longer valid" in response.content.decode()
    assert _titles(response) == ["Alpha", "beta", "gamma"]
