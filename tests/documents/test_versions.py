import threading

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from documents.actions import versions as version_actions
from documents.models import Document, Version
from tests.documents.helpers import (
    add_version,
    body,
    doc_url,
    make_document,
    stored_files,
    upload_file,
)


def _post_version(client, document, content, note="", name="report.txt"):
    return client.post(
        doc_url("version_upload", document),
        {"file": upload_file(name, content), "change_note": note},
    )


def test_new_version_gets_the_next_number_and_the_page_shows_it_first(world, client_for):
    document = make_document(world.workspace, world.lead)
    client = client_for(world.member)
    response = _post_version(client, document, b"second draft\n", "Added the budget")
    assert response.status_code == 302
    version = Version.objects.get(document=document, number=2)
    assert (version.change_note, version.uploaded_by) == ("Added the budget", world.member)
    page = client.get(document.get_absolute_url()).content.decode()
    assert "Latest: version 2" in page
    assert page.index('id="v2"') < page.index('id="v1"')
    assert "Added the budget" in page


def test_identical_upload_says_so_and_stores_nothing(world, client_for):
    document = make_document(world.workspace, world.lead, content=b"same\n")
    files_before = stored_files()
    response = _post_version(client_for(world.member), document, b"same\n")
    assert response.status_code == 409
    assert (
        "identical to the latest version (1); nothing new was stored" in response.content.decode()
    )
    assert document.versions.count() == 1
    assert stored_files() == files_before


def test_permalink_serves_the_latest_and_version_link_serves_that_version(world, client_for):
    document = make_document(world.workspace, world.lead, content=b"one\n")
    add_version(document, world.lead, b"two\n")
    client = client_for(world.observer)
    assert body(client.get(reverse("documents:document_permalink", args=[document.pk]))) == b"two\n"
    old = client.get(reverse("documents:version_download", args=[document.pk, 1]))
    assert body(old) == b"one\n"
    add_version(document, world.lead, b"three\n")
    assert body(client.get(document.get_permalink())) == b"three\n"


def test_restoring_an_old_version_makes_it_the_newest_and_keeps_history(world, client_for):
    document = make_document(world.workspace, world.lead, content=b"one\n")
    add_version(document, world.lead, b"two\n")
    files_before = stored_files()
    client = client_for(world.member)
    response = client.post(doc_url("version_restore", document, 1))
    assert response.status_code == 302
    assert list(document.versions.values_list("number", "restored_from")) == [
        (3, 1),
        (2, None),
        (1, None),
    ]
    assert body(client.get(document.get_permalink())) == b"one\n"
    assert stored_files() == files_before  # the restore shares version 1's file


def test_restoring_the_latest_content_is_refused(world, client_for):
    document = make_document(world.workspace, world.lead, content=b"one\n")
    response = client_for(world.member).post(doc_url("version_restore", document, 1))
    assert response.status_code == 409
    assert document.versions.count() == 1


def test_restoring_a_missing_version_is_refused(world, client_for):
    document = make_document(world.workspace, world.lead)
    response = client_for(world.member).post(doc_url("version_restore", document, 9))
    assert response.status_code == 409
    assert "no such version" in response.content.decode()


def test_observer_cannot_add_or_restore_versions(world, client_for):
    document = make_document(world.workspace, world.lead, content=b"one\n")
    add_version(document, world.lead, b"two\n")
    client = client_for(world.observer)
    assert _post_version(client, document, b"three\n").status_code == 403
    assert client.post(doc_url("version_restore", document, 1)).status_code == 403
    assert document.versions.count() == 2
    page = client.get(document.get_absolute_url()).content.decode()
    assert "Upload a new version" not in page
    assert ">Restore<" not in page


def test_new_version_over_the_size_limit_is_refused(world, client_for, settings):
    document = make_document(world.workspace, world.lead)
    files_before = stored_files()
    settings.MAX_UPLOAD_SIZE = 10
    response = _post_version(client_for(world.member), document, b"x" * 100, name="big.txt")
    assert response.status_code == 413
    assert "big.txt: larger than the limit of 10" in response.content.decode()
    assert document.versions.count() == 1
    assert stored_files() == files_before


def test_failure_after_storing_the_file_leaves_no_version_and_no_file(world, monkeypatch):
    document = make_document(world.workspace, world.lead)
    files_before = stored_files()

    def broken_announce(*args, **kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(version_actions, "_announce", broken_announce)
    with pytest.raises(RuntimeError):
        add_version(document, world.member, b"new content\n")
    assert document.versions.count() == 1
    assert Document.objects.get(pk=document.pk).version_count == 1
    assert stored_files() == files_before


def test_interrupted_upload_leaves_no_version_and_no_file(world, client_for):
    document = make_document(world.workspace, world.lead)
    files_before = stored_files()
    client = client_for(world.member)
    boundary = "XyZ"
    truncated = (
        f"--{boundary}\r\n"
        'Content-Disposition: form-data; name="file"; filename="cut.txt"\r\n'
        "Content-Type: text/plain\r\n\r\n"
        "half of the fi"
    ).encode()
    response = client.generic(
        "POST",
        doc_url("version_upload", document),
        truncated,
        content_type=f"multipart/form-data; boundary={boundary}",
    )
    assert response.status_code == 400
    assert document.versions.count() == 1
    assert stored_files() == files_before


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_new_versions_both_get_unique_gap_free_numbers(world):
    document = make_document(world.workspace, world.lead, content=b"v1\n")
    url = doc_url("version_upload", document)
    start = threading.Barrier(2)
    statuses = []

    def upload(user, content):
        client = Client()
        client.force_login(user)
        if connection.vendor != "sqlite":
            start.wait(timeout=10)
        try:
            response = client.post(url, {"file": upload_file("report.txt", content)})
            statuses.append(response.status_code)
        finally:
            connection.close()

    jobs = [(world.member, b"from member\n"), (world.community_manager, b"from manager\n")]
    if connection.vendor == "sqlite":
        # SQLite has no row locks and serialises writers anyway: run the same requests in turn.
        for user, content in jobs:
            upload(user, content)
    else:
        threads = [threading.Thread(target=upload, args=job) for job in jobs]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
    assert statuses == [302, 302]
    versions = list(Version.objects.filter(document=document).order_by("number"))
    assert [v.number for v in versions] == [1, 2, 3]
    assert {v.uploaded_by for v in versions[1:]} == {world.member, world.community_manager}
    assert len({v.file.name for v in versions}) == 3
    document.refresh_from_db()
    assert (document.version_count, document.latest_version) == (3, versions[-1])
    assert len(stored_files()) == 3


def test_removed_member_loses_access_but_their_versions_stay_attributed(world, client_for):
    document = make_document(world.workspace, world.lead)
    add_version(document, world.member, b"member's edit\n", note="Member's edit")
    services_member_remove(world)
    client = client_for(world.member)
    assert client.get(document.get_absolute_url()).status_code == 404
    assert client.get(document.get_permalink()).status_code == 404
    page = client_for(world.lead).get(document.get_absolute_url()).content.decode()
    assert str(world.member) in page
    assert document.versions.get(number=2).uploaded_by == world.member


def services_member_remove(world):
    from workspaces.services import member_remove

    member_remove(actor=world.lead, membership=world.workspace.memberships.get(user=world.member))


def test_version_list_page_shows_every_version(world, client_for):
    document = make_document(world.workspace, world.lead, content=b"one\n")
    add_version(document, world.lead, b"two\n", note="Second")
    response = client_for(world.observer).get(doc_url("version_list", document))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="v1"' in html and 'id="v2"' in html and "Second" in html


def test_document_page_shows_the_latest_ten_versions_and_links_to_all(world, client_for):
    document = make_document(world.workspace, world.lead, content=b"v1\n")
    for number in range(2, 13):
        add_version(document, world.lead, b"v%d\n" % number, note=f"Edit {number}")
    html = client_for(world.observer).get(document.get_absolute_url()).content.decode()

    assert 'id="v12"' in html and 'id="v3"' in html and 'id="v2"' not in html
    assert "All 12 versions" in html and doc_url("version_list", document) in html


def test_version_list_pages_by_fifty_from_the_newest(world, client_for):
    document = make_document(world.workspace, world.lead, content=b"v1\n")
    for number in range(2, 53):
        add_version(document, world.lead, b"v%d\n" % number)
    client = client_for(world.observer)

    first = client.get(doc_url("version_list", document))
    assert [v.number for v in first.context["versions"]] == list(range(52, 2, -1))
    assert "?before=3" in first.content.decode()
    older = client.get(doc_url("version_list", document), {"before": 3})
    assert [v.number for v in older.context["versions"]] == [2, 1]
    assert "Older versions" not in older.content.decode()


def test_version_list_refuses_a_page_that_is_not_a_number(world, client_for):
    document = make_document(world.workspace, world.lead, content=b"v1\n")
    client = client_for(world.observer)
    for bad in ("x", "-1", "0", str(10**30)):
        response = client.get(doc_url("version_list", document), {"before": bad})
        assert response.status_code == 400
