"""Posts, blog posts and comments offer "Edit" and "Delete" exactly to those whom
microblog/policies.py lets do it, and the views agree when they try."""

import pytest

from microblog import services
from tests.microblog.helpers import blog, post, url

PERSONAS = ["lead", "community_manager", "member", "observer", "non_group_member"]
MAY_DELETE_OTHERS = {"lead", "community_manager"}  # moderators


def _offers(client, page_url, action_url):
    return f'action="{action_url}"' in client.get(page_url).content.decode()


def _offers_link(client, page_url, link_url):
    return f'href="{link_url}"' in client.get(page_url).content.decode()


@pytest.mark.parametrize("persona", PERSONAS)
def test_a_post_offers_edit_and_delete_to_its_author_only(world, client_for, persona):
    item = post(world.member, world.workspace)
    client = client_for(getattr(world, persona))
    page = item.get_absolute_url()
    edit, delete = (
        url("post_edit", world.workspace, item.pk),
        url("post_delete", world.workspace, item.pk),
    )
    offered_edit, offered_delete = _offers_link(client, page, edit), _offers(client, page, delete)
    edited = client.post(edit, {"text": "Changed"}).status_code == 302
    deleted = client.post(delete).status_code == 302
    assert (offered_edit, offered_delete) == (edited, deleted) == (persona == "member",) * 2


@pytest.mark.parametrize("persona", PERSONAS)
def test_a_blog_post_offers_delete_to_its_author_and_moderators(world, client_for, persona):
    item = blog(world.member, world.workspace)
    client = client_for(getattr(world, persona))
    page = url("blogpost_detail", world.workspace, item.pk)
    edit = url("blogpost_edit", world.workspace, item.pk)
    delete = url("blogpost_delete", world.workspace, item.pk)
    offered_edit, offered_delete = _offers_link(client, page, edit), _offers(client, page, delete)
    edited = client.post(edit, {"title": "New", "body": "New body"}).status_code == 302
    assert offered_edit == edited == (persona == "member")
    deleted = client.post(delete).status_code == 302
    assert offered_delete == deleted == (persona in MAY_DELETE_OTHERS | {"member"})


@pytest.mark.parametrize("persona", PERSONAS)
def test_a_comment_offers_delete_to_its_author_and_moderators(world, client_for, persona):
    item = blog(world.lead, world.workspace)
    comment = services.comment_create(actor=world.member, post=item, body="Nice")
    client = client_for(getattr(world, persona))
    page = url("blogpost_detail", world.workspace, item.pk)
    delete = url("blogcomment_delete", world.workspace, item.pk, comment.pk)
    offered = _offers(client, page, delete)
    deleted = client.post(delete).status_code in {200, 302}
    assert offered == deleted == (persona in MAY_DELETE_OTHERS | {"member"})
