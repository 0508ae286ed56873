from datetime import timedelta

from django.utils import timezone

from microblog.models import StatusPost
from tests.microblog.helpers import HTMX, post, text_of, url
from workspaces.models import Activity


def test_member_posts_a_status_and_it_shows_in_the_stream(world, client_for):
    client = client_for(world.member)
    response = client.post(url("post_create", world.workspace), {"text": "Kick-off on Monday"})
    assert response.status_code == 302
    assert response["Location"] == url("post_list", world.workspace)
    page = client.get(url("post_list", world.workspace))
    assert "Kick-off on Monday" in text_of(page)
    assert StatusPost.objects.get().author == world.member


def test_posting_with_htmx_answers_with_the_new_post_fragment(world, client_for):
    response = client_for(world.member).post(
        url("post_create", world.workspace), {"text": "Fragment please"}, **HTMX
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Fragment please" in body
    assert "<html" not in body


def test_a_post_of_more_than_500_characters_is_refused_and_nothing_is_saved(world, client_for):
    client = client_for(world.member)
    response = client.post(url("post_create", world.workspace), {"text": "x" * 501})
    assert response.status_code == 400
    assert "at most 500 characters" in text_of(response)
    assert not StatusPost.objects.exists()
    response = client.post(url("post_create", world.workspace), {"text": "x" * 501}, **HTMX)
    assert response.status_code == 422
    assert response["HX-Retarget"] == "#composer-errors"
    assert not StatusPost.objects.exists()


def test_an_empty_post_is_refused_with_a_clear_message(world, client_for):
    response = client_for(world.member).post(url("post_create", world.workspace), {"text": "  "})
    assert response.status_code == 400
    assert "the post is empty" in text_of(response)
    assert not StatusPost.objects.exists()


def test_observers_see_the_stream_but_cannot_post(world, client_for):
    post(world.member, world.workspace, "Visible to observers")
    client = client_for(world.observer)
    page = client.get(url("post_list", world.workspace))
    assert "Visible to observers" in text_of(page)
    assert 'id="composer"' not in text_of(page)
    response = client.post(url("post_create", world.workspace), {"text": "Me too"})
    assert response.status_code == 403
    assert StatusPost.objects.count() == 1


def test_group_stream_shows_only_the_group_posts(world, client_for):
    post(world.member, world.workspace, "Workspace-wide news")
    post(world.member, world.private_group, "Steering secret")
    page = text_of(client_for(world.member).get(url("post_list", world.private_group)))
    assert "Steering secret" in page
    assert "Workspace-wide news" not in page


def test_private_group_stream_is_404_for_members_outside_the_group(world, client_for):
    post(world.member, world.private_group, "Steering secret")
    response = client_for(world.non_group_member).get(url("post_list", world.private_group))
    assert response.status_code == 404


def test_posting_records_a_line_in_the_activity_stream(world, client_for):
    created = post(world.member, world.workspace, "Stream me")
    activity = Activity.objects.get(verb="posted")
    assert activity.verb == "posted"
    assert activity.target_url == created.get_absolute_url()
    dashboard = client_for(world.lead).get(created.workspace.get_absolute_url())
    assert "Stream me" in text_of(dashboard)


def test_author_edits_within_15_minutes_and_the_post_is_marked_edited(world, client_for):
    created = post(world.member, world.workspace, "Frist draft")
    client = client_for(world.member)
    response = client.post(url("post_edit", world.workspace, created.pk), {"text": "First draft"})
    assert response.status_code == 302
    created.refresh_from_db()
    assert created.text == "First draft"
    assert created.edited_at is not None
    assert "(edited)" in text_of(client.get(url("post_list", world.workspace)))


def test_editing_after_15_minutes_is_refused_and_the_text_stays(world, client_for):
    created = post(world.member, world.workspace, "Old words")
    StatusPost.objects.filter(pk=created.pk).update(
        created_at=timezone.now() - timedelta(minutes=16)
    )
    response = client_for(world.member).post(
        url("post_edit", world.workspace, created.pk), {"text": "New words"}
    )
    assert response.status_code == 400
    assert "first 15 minutes" in text_of(response)
    created.refresh_from_db()
    assert created.text == "Old words"
    assert created.edited_at is None


def test_nobody_but_the_author_edits_a_post(world, client_for):
    created = post(world.member, world.workspace, "Mine")
    response = client_for(world.lead).post(
        url("post_edit", world.workspace, created.pk), {"text": "Theirs"}
    )
    assert response.status_code == 403
    created.refresh_from_db()
    assert created.text == "Mine"


def test_author_deletes_a_post_and_its_stream_line_goes_too(world, client_for):
    created = post(world.member, world.workspace, "Oops")
    response = client_for(world.member).post(url("post_delete", world.workspace, created.pk))
    assert response.status_code == 302
    assert not StatusPost.objects.exists()
    assert not Activity.objects.filter(verb="posted").exists()


def test_a_deleted_post_with_replies_stays_as_an_empty_tombstone(world, client_for):
    root = post(world.member, world.workspace, "Question?")
    post(world.lead, world.workspace, "Answer.", reply_to=root)
    client = client_for(world.member)
    client.post(url("post_delete", world.workspace, root.pk))
    root.refresh_from_db()
    assert root.deleted_at is not None
    assert root.text == ""
    page = text_of(client.get(url("post_detail", world.workspace, root.pk)))
    assert "deleted by its author" in page
    assert "Question?" not in page
    assert "Answer." in page


def test_others_cannot_delete_a_post(world, client_for):
    created = post(world.member, world.workspace, "Stay")
    response = client_for(world.community_manager).post(
        url("post_delete", world.workspace, created.pk)
    )
    assert response.status_code == 403
    assert StatusPost.objects.filter(pk=created.pk).exists()


def test_removed_members_posts_stay_attributed(world, client_for):
    from workspaces import services as workspace_services

    created = post(world.non_group_member, world.workspace, "Before I leave")
    workspace_services.member_remove(
        actor=world.lead, membership=world.workspace.memberships.get(user=world.non_group_member)
    )
    page = text_of(client_for(world.member).get(url("post_list", world.workspace)))
    assert "Before I leave" in page
    assert str(world.non_group_member) in page
    assert client_for(world.non_group_member).get(created.get_absolute_url()).status_code == 404


def test_load_more_pages_by_cursor(world, client_for):
    posts = [post(world.member, world.workspace, f"Post number {i}") for i in range(25)]
    client = client_for(world.member)
    first = text_of(client.get(url("post_list", world.workspace)))
    assert "Post number 24" in first
    assert "Post number 4 " not in first and "Post number 4<" not in first
    last_shown = posts[5]
    assert f"?before={last_shown.pk}" in first
    more = client.get(url("post_list", world.workspace) + f"?before={last_shown.pk}", **HTMX)
    body = text_of(more)
    assert "Post number 4" in body and "Post number 0" in body
    assert "<html" not in body
    assert "Post number 5<" not in body
