"""Never stale: every kind of change is in the very next search."""

import pytest

from documents import services as documents
from microblog import services as microblog
from profiles import services as profiles
from tests.documents.helpers import upload_file
from tests.microblog.helpers import blog, post
from tests.search.helpers import search
from tests.wiki.conftest import create_page, edit_page
from wiki import services as wiki

pytestmark = pytest.mark.django_db


@pytest.fixture
def document(world, upload):
    return upload(
        world.workspace, world.member, "Ospreys.txt", b"nesting osprey\n", description="Birds"
    )


@pytest.fixture
def client(world, client_for):
    return client_for(world.lead)


def test_a_renamed_document_is_found_by_its_new_name(world, client, document):
    documents.document_update(
        actor=world.member, document=document, title="Raptors", description="", tags=["eagle"]
    )
    assert search(client, "raptors").titles == ["Raptors"]
    assert search(client, "eagle").titles == ["Raptors"]
    assert search(client, "birds") == []


def test_a_moved_document_is_still_found(world, client, document):
    folder = documents.folder_create(actor=world.member, container=world.workspace, name="Nests")
    documents.document_move(actor=world.member, document=document, folder=folder)
    assert search(client, "osprey").titles == ["Ospreys"]


def test_a_trashed_document_is_not_found_and_a_restored_one_is(world, client, document):
    documents.document_trash(actor=world.member, document=document)
    document.refresh_from_db()
    assert search(client, "osprey") == []
    documents.document_untrash(actor=world.lead, document=document)
    assert search(client, "osprey").titles == ["Ospreys"]
    documents.document_trash(actor=world.member, document=document)
    document.refresh_from_db()
    documents.document_purge(actor=world.lead, document=document)
    assert search(client, "osprey", versions="on") == []


def test_a_new_version_replaces_the_old_text(world, client, document, immediate):
    immediate(
        documents.version_upload,
        actor=world.member,
        document=document,
        upload=upload_file("Ospreys.txt", b"now about kingfishers\n"),
    )
    assert search(client, "kingfisher").titles == ["Ospreys"]
    assert search(client, "nesting") == []
    assert search(client, "nesting", versions="on")[0][2].endswith("#v1")


def test_a_wiki_edit_move_delete_and_restore(world, client):
    page = create_page(world.workspace, world.member, "Plovers", "plovers", "Sand plovers")
    edit_page(page, world.member, "Ringed plovers and terns")
    assert search(client, "terns").titles == ["Plovers"]
    assert search(client, "sand") == []
    wiki.page_move(actor=world.member, page=page, new_path="shorebirds")
    ((_, _, url),) = search(client, "terns")
    assert url.endswith("/wiki/shorebirds/")
    page.refresh_from_db()
    wiki.page_delete(actor=world.member, page=page)
    assert search(client, "terns") == []
    wiki.page_restore(actor=world.lead, page=page)
    assert search(client, "terns").titles == ["Plovers"]


def test_posts_edited_hidden_shown_and_deleted(world, client):
    status = post(world.member, world.workspace, "A curlew on the mudflat")
    microblog.post_edit(actor=world.member, post=status, text="A whimbrel on the mudflat")
    assert search(client, "whimbrel", kind="post")
    assert search(client, "curlew") == []
    microblog.post_hide(actor=world.lead, post=status, reason="off topic")
    assert search(client, "whimbrel") == []
    microblog.post_unhide(actor=world.lead, post=status)
    assert search(client, "whimbrel")
    microblog.post_delete(actor=world.member, post=status)
    assert search(client, "whimbrel") == []


def test_blog_drafts_are_found_once_published_and_gone_when_deleted(world, client):
    draft = blog(world.member, world.workspace, title="Godwit season", publish=False)
    assert search(client, "godwit") == []
    microblog.blogpost_update(
        actor=world.member, post=draft, title="Godwit season", body="Bar-tailed", publish=True
    )
    assert search(client, "godwit").titles == ["Godwit season"]
    microblog.blogpost_delete(actor=world.member, post=draft)
    assert search(client, "godwit") == []


def test_a_profile_change_is_found_at_once(world, client):
    profiles.profile_save(
        actor=world.member, user=world.member, changes={"skills": ["Bird ringing"]}
    )
    found = search(client, "bird ringing", kind="person")
    assert [url for _, _, url in found] == [world.member.get_absolute_url()]


def test_a_renamed_or_deactivated_person_is_found_accordingly(world, client):
    world.member.display_name = "Wren Ashby"
    world.member.save()
    assert search(client, "wren ashby", kind="person").titles == ["Wren Ashby"]
    world.member.is_active = False
    world.member.save()
    assert search(client, "wren ashby", kind="person") == []
