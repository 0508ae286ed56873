from documents.models import Document
from tests.documents.helpers import doc_url, make_document, upload_file


def _lock(client, document):
    return client.post(doc_url("document_lock", document))


def _new_version(client, document, content=b"new\n"):
    return client.post(doc_url("version_upload", document), {"file": upload_file("r.txt", content)})


def test_locked_document_shows_its_holder_and_refuses_others_new_versions(world, client_for):
    document = make_document(world.workspace, world.lead)
    assert _lock(client_for(world.member), document).status_code == 302
    other = client_for(world.non_group_member)
    page = other.get(document.get_absolute_url()).content.decode()
    assert f"Being edited by {world.member}" in page
    response = _new_version(other, document)
    assert response.status_code == 409
    assert f"{world.member} is editing this document" in response.content.decode()
    assert other.post(doc_url("version_restore", document, 1)).status_code == 409
    assert other.post(doc_url("document_delete", document)).status_code == 409
    assert document.versions.count() == 1
    assert not Document.objects.get(pk=document.pk).is_trashed


def test_holder_uploads_and_releases_the_lock_with_the_new_version(world, client_for):
    document = make_document(world.workspace, world.lead)
    client = client_for(world.member)
    _lock(client, document)
    response = client.post(
        doc_url("version_upload", document),
        {"file": upload_file("r.txt", b"mine\n"), "release_lock": "on"},
    )
    assert response.status_code == 302
    document.refresh_from_db()
    assert document.version_count == 2
    assert document.locked_by is None


def test_someone_else_cannot_take_a_held_lock(world, client_for):
    document = make_document(world.workspace, world.lead)
    _lock(client_for(world.member), document)
    response = _lock(client_for(world.non_group_member), document)
    assert response.status_code == 409
    document.refresh_from_db()
    assert document.locked_by == world.member


def test_only_the_holder_or_a_moderator_may_release_a_lock(world, client_for):
    document = make_document(world.workspace, world.lead)
    _lock(client_for(world.member), document)
    assert (
        client_for(world.non_group_member).post(doc_url("document_unlock", document)).status_code
        == 403
    )
    assert client_for(world.observer).post(doc_url("document_unlock", document)).status_code == 403
    document.refresh_from_db()
    assert document.locked_by == world.member
    for releaser in (world.community_manager, world.lead, world.member):
        _lock(client_for(world.member), document)
        assert client_for(releaser).post(doc_url("document_unlock", document)).status_code == 302
        document.refresh_from_db()
        assert document.locked_by is None


def test_observer_cannot_lock(world, client_for):
    document = make_document(world.workspace, world.lead)
    assert _lock(client_for(world.observer), document).status_code == 403
    document.refresh_from_db()
    assert document.locked_by is None


def test_locks_expire_after_the_configured_time(world, client_for, settings):
    settings.DOCUMENT_LOCK_MINUTES = 0  # expires at once
    document = make_document(world.workspace, world.lead)
    _lock(client_for(world.member), document)
    other = client_for(world.non_group_member)
    assert "Being edited by" not in other.get(document.get_absolute_url()).content.decode()
    assert _new_version(other, document).status_code == 302
    assert _lock(other, document).status_code == 302


def test_lock_lasts_the_configured_minutes(world, client_for, settings):
    from datetime import timedelta

    from django.utils import timezone

    settings.DOCUMENT_LOCK_MINUTES = 45
    document = make_document(world.workspace, world.lead)
    before = timezone.now()
    _lock(client_for(world.member), document)
    document.refresh_from_db()
    assert (
        before + timedelta(minutes=44)
        < document.locked_until
        <= timezone.now() + timedelta(minutes=45)
    )
