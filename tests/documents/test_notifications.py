from django.urls import reverse

from documents.models import Document
from tests.documents.helpers import add_version, body, doc_url, make_document
from workspaces.activity import is_watching
from workspaces.models import Activity, Notification


def _new_version_notified():
    return set(Notification.objects.filter(kind="new_version").values_list("recipient", flat=True))


def test_watchers_and_everyone_who_downloaded_an_older_version_are_notified(world, client_for):
    document = make_document(world.workspace, world.member)  # the uploader watches
    body(client_for(world.observer).get(document.get_permalink()))
    client_for(world.community_manager).post(doc_url("document_watch", document))
    add_version(document, world.lead, b"second\n", note="Budget added")
    assert _new_version_notified() == {
        world.member.pk,
        world.observer.pk,
        world.community_manager.pk,
    }
    notification = Notification.objects.get(recipient=world.observer)
    assert notification.target_url == document.get_absolute_url()
    assert "version 2" in notification.text


def test_the_uploader_is_not_notified_of_their_own_version(world):
    document = make_document(world.workspace, world.member)
    add_version(document, world.member, b"second\n")
    assert _new_version_notified() == set()


def test_people_who_lost_access_are_not_notified(world, client_for):
    document = make_document(world.private_group, world.lead)
    body(client_for(world.member).get(document.get_permalink()))
    from workspaces.services import group_member_remove

    group_member_remove(actor=world.lead, group=world.private_group, user=world.member)
    add_version(document, world.community_manager, b"second\n")
    assert world.member.pk not in _new_version_notified()


def test_watch_and_unwatch_a_document(world, client_for):
    document = make_document(world.workspace, world.lead)
    client = client_for(world.observer)
    assert client.post(doc_url("document_watch", document)).status_code == 302
    assert is_watching(user=world.observer, target=document)
    assert "Stop watching" in client.get(document.get_absolute_url()).content.decode()
    assert client.post(doc_url("document_unwatch", document)).status_code == 302
    assert not is_watching(user=world.observer, target=document)
    add_version(document, world.member, b"second\n")
    assert world.observer.pk not in _new_version_notified()


def test_outsider_cannot_watch_a_private_group_document(world, client_for):
    document = make_document(world.private_group, world.lead)
    response = client_for(world.non_group_member).post(doc_url("document_watch", document))
    assert response.status_code == 404
    assert not is_watching(user=world.non_group_member, target=document)


def test_changes_are_recorded_in_the_activity_stream(world, client_for):
    document = make_document(world.workspace, world.member, "plan.txt")
    add_version(document, world.member, b"second\n")
    add_version(document, world.member, b"third\n")
    client_for(world.member).post(doc_url("version_restore", document, 1))
    verbs = list(
        Activity.objects.filter(target_id=document.pk, target_label=str(document))
        .order_by("id")
        .values_list("verb", flat=True)
    )
    assert verbs == [
        "uploaded",
        "added version 2 of",
        "added version 3 of",
        "restored version 1 of",
    ]
    stream = client_for(world.observer).get(reverse("workspaces:dashboard", args=[world.workspace]))
    assert "added version 3 of" in stream.content.decode()


def test_private_group_activity_stays_in_the_group(world, client_for):
    make_document(world.private_group, world.lead, "secret.txt")
    stream = client_for(world.non_group_member).get(
        reverse("workspaces:dashboard", args=[world.workspace])
    )
    assert "secret" not in stream.content.decode()
    assert Document.objects.count() == 1
