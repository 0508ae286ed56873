from microblog.models import BlogComment, BlogPost
from tests.microblog.helpers import HTMX, blog, text_of, url
from workspaces.models import Activity, Notification


def test_member_publishes_a_blog_post_rendered_from_markdown(world, client_for):
    client = client_for(world.member)
    response = client.post(
        url("blogpost_create", world.workspace),
        {"title": "Site visit", "body": "We saw **twelve** turbines.", "action": "publish"},
    )
    created = BlogPost.objects.get()
    assert response.status_code == 302
    assert response["Location"] == created.get_absolute_url()
    assert created.is_published and created.published_at
    assert "<strong>twelve</strong>" in created.body_html
    assert created.markup_version >= 1
    page = text_of(client_for(world.observer).get(url("blogpost_list", world.workspace)))
    assert "Site visit" in page
    assert Activity.objects.filter(verb="published", target_label="Site visit").exists()


def test_a_draft_is_visible_only_to_its_author(world, client_for):
    client = client_for(world.member)
    client.post(
        url("blogpost_create", world.workspace),
        {"title": "Half-baked", "body": "Notes", "action": "draft"},
    )
    draft = BlogPost.objects.get()
    assert not draft.is_published
    assert not Activity.objects.filter(verb="published").exists()
    assert "Half-baked" in text_of(client.get(url("blogpost_list", world.workspace)))
    assert client.get(draft.get_absolute_url()).status_code == 200
    for persona in (world.lead, world.community_manager, world.observer):
        other = client_for(persona)
        assert "Half-baked" not in text_of(other.get(url("blogpost_list", world.workspace)))
        assert other.get(draft.get_absolute_url()).status_code == 404


def test_publishing_a_draft_later_puts_it_at_the_top(world, client_for):
    draft = blog(world.member, world.workspace, title="Old draft", publish=False)
    blog(world.member, world.workspace, title="Published first")
    client = client_for(world.member)
    client.post(
        url("blogpost_edit", world.workspace, draft.pk),
        {"title": "Old draft", "body": "Now ready", "action": "publish"},
    )
    page = text_of(client_for(world.observer).get(url("blogpost_list", world.workspace)))
    assert page.index("Old draft") < page.index("Published first")


def test_blog_list_loads_more_by_publication_cursor(world, client_for):
    posts = [blog(world.member, world.workspace, title=f"Entry {i:02d}") for i in range(23)]
    client = client_for(world.observer)
    page = text_of(client.get(url("blogpost_list", world.workspace)))
    assert "Entry 22" in page and "Entry 03" in page and "Entry 02" not in page
    more = text_of(
        client.get(url("blogpost_list", world.workspace) + f"?before={posts[3].pk}", **HTMX)
    )
    assert "Entry 02" in more and "Entry 00" in more and "Entry 03" not in more


def test_an_untitled_blog_post_is_refused(world, client_for):
    response = client_for(world.member).post(
        url("blogpost_create", world.workspace), {"title": "", "body": "x", "action": "publish"}
    )
    assert response.status_code == 400
    assert "This field is required" in text_of(response)
    assert not BlogPost.objects.exists()


def test_only_the_author_edits_a_blog_post(world, client_for):
    created = blog(world.member, world.workspace)
    response = client_for(world.lead).post(
        url("blogpost_edit", world.workspace, created.pk), {"title": "Mine now", "body": "x"}
    )
    assert response.status_code == 403
    created.refresh_from_db()
    assert created.title == "Field report"


def test_author_or_moderator_deletes_a_blog_post_but_not_other_members(world, client_for):
    created = blog(world.member, world.workspace)
    response = client_for(world.non_group_member).post(
        url("blogpost_delete", world.workspace, created.pk)
    )
    assert response.status_code == 403
    response = client_for(world.community_manager).post(
        url("blogpost_delete", world.workspace, created.pk)
    )
    assert response.status_code == 302
    assert not BlogPost.objects.exists()
    assert not Activity.objects.filter(verb="published").exists()


def test_comment_notifies_the_author_and_is_sanitised_markdown(world, client_for):
    created = blog(world.member, world.workspace)
    response = client_for(world.lead).post(
        url("blogcomment_create", world.workspace, created.pk),
        {"body": "Great _work_ <script>alert(1)</script>"},
        **HTMX,
    )
    assert response.status_code == 200
    comment = BlogComment.objects.get()
    assert "<em>work</em>" in comment.body_html
    assert "<script" not in comment.body_html
    notification = Notification.objects.get(recipient=world.member)
    assert notification.kind == "reply"
    assert notification.target_url == comment.get_absolute_url()
    created.refresh_from_db()
    assert created.comment_count == 1


def test_empty_comment_is_refused(world, client_for):
    created = blog(world.member, world.workspace)
    client = client_for(world.lead)
    response = client.post(url("blogcomment_create", world.workspace, created.pk), {"body": ""})
    assert response.status_code == 400
    assert "the comment is empty" in text_of(response)
    response = client.post(
        url("blogcomment_create", world.workspace, created.pk), {"body": ""}, **HTMX
    )
    assert response.status_code == 422
    assert not BlogComment.objects.exists()


def test_drafts_cannot_be_commented_on(world, client_for):
    draft = blog(world.member, world.workspace, publish=False)
    response = client_for(world.member).post(
        url("blogcomment_create", world.workspace, draft.pk), {"body": "note"}
    )
    assert response.status_code == 400
    assert not BlogComment.objects.exists()


def test_comment_deleted_by_author_or_moderator_only(world, client_for):
    created = blog(world.member, world.workspace)
    client_for(world.lead).post(
        url("blogcomment_create", world.workspace, created.pk), {"body": "hi"}
    )
    comment = BlogComment.objects.get()
    delete_url = url("blogcomment_delete", world.workspace, created.pk, comment.pk)
    assert client_for(world.member).post(delete_url).status_code == 403
    assert client_for(world.community_manager).post(delete_url).status_code == 302
    assert not BlogComment.objects.exists()
    created.refresh_from_db()
    assert created.comment_count == 0


def test_observers_read_but_cannot_write_blog_posts(world, client_for):
    created = blog(world.member, world.workspace)
    client = client_for(world.observer)
    assert client.get(created.get_absolute_url()).status_code == 200
    response = client.post(
        url("blogpost_create", world.workspace), {"title": "t", "body": "b", "action": "publish"}
    )
    assert response.status_code == 403
    assert BlogPost.objects.count() == 1


def test_blog_in_a_private_group_is_hidden_from_members_outside_it(world, client_for):
    created = blog(world.member, world.private_group, title="Budget")
    client = client_for(world.non_group_member)
    assert client.get(created.get_absolute_url()).status_code == 404
    assert client.get(url("blogpost_list", world.private_group)).status_code == 404
    workspace_blog = text_of(client.get(url("blogpost_list", world.workspace)))
    assert "Budget" not in workspace_blog
