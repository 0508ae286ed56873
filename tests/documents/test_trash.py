from django.urls import reverse

from documents.models import Document, Version
from tests.documents.helpers import add_version, doc_url, make_document, stored_files


def _trash_url(name, document):
    return reverse(f"documents:{name}", args=[document.container, document.pk])


def test_member_moves_a_document_to_the_trash_and_it_disappears(world, client_for):
    document = make_document(world.workspace, world.lead, "old.txt")
    client = client_for(world.member)
    assert client.post(doc_url("document_delete", document)).status_code == 302
    assert client.get(document.get_absolute_url()).status_code == 404
    listing = client.get(reverse("documents:folder_list", args=[world.workspace]))
    assert "old.txt" not in listing.content.decode() and "old<" not in listing.content.decode()
    assert Version.objects.filter(document=document).count() == 1  # nothing lost yet


def test_observer_cannot_delete(world, client_for):
    document = make_document(world.workspace, world.lead)
    assert client_for(world.observer).post(doc_url("document_delete", document)).status_code == 403
    assert not Document.objects.get(pk=document.pk).is_trashed


def test_only_moderators_see_and_empty_the_trash(world, client_for):
    document = make_document(world.workspace, world.lead)
    client_for(world.member).post(doc_url("document_delete", document))
    trash = reverse("documents:trash_list", args=[world.workspace])
    assert client_for(world.member).get(trash).status_code == 403
    assert client_for(world.member).post(_trash_url("trash_restore", document)).status_code == 403
    assert client_for(world.member).post(_trash_url("trash_purge", document)).status_code == 403
    page = client_for(world.community_manager).get(trash)
    assert page.status_code == 200 and document.title in page.content.decode()


def test_community_manager_restores_from_the_trash(world, client_for):
    document = make_document(world.workspace, world.lead)
    client_for(world.member).post(doc_url("document_delete", document))
    response = client_for(world.community_manager).post(_trash_url("trash_restore", document))
    assert response.status_code == 302
    assert client_for(world.member).get(document.get_absolute_url()).status_code == 200


def test_lead_purges_a_document_with_its_versions_and_files(
    world, client_for, django_capture_on_commit_callbacks
):
    keep = make_document(world.workspace, world.lead, "keep.txt", b"keep")
    document = make_document(world.workspace, world.lead, "gone.txt", b"one")
    add_version(document, world.lead, b"two", "gone.txt")
    client_for(world.member).post(doc_url("document_delete", document))
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(world.lead).post(_trash_url("trash_purge", document))
    assert response.status_code == 302
    assert not Document.objects.filter(pk=document.pk).exists()
    assert not Version.objects.filter(document_id=document.pk).exists()
    assert [p.name for p in stored_files()] == [keep.latest_version.file.name.split("/")[-1]]


def test_live_documents_cannot_be_purged_or_restored_from_the_trash(world, client_for):
    document = make_document(world.workspace, world.lead)
    assert client_for(world.lead).post(_trash_url("trash_purge", document)).status_code == 404
    assert client_for(world.lead).post(_trash_url("trash_restore", document)).status_code == 404
    assert Document.objects.filter(pk=document.pk).exists()
