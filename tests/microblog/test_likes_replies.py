from microblog.models import PostLike, StatusPost
from tests.microblog.helpers import HTMX, post, text_of, url
from workspaces.models import Notification


def test_liking_with_htmx_returns_the_like_button_with_the_new_count(world, client_for):
    created = post(world.member, world.workspace, "Like me")
    client = client_for(world.lead)
    response = client.post(url("post_like", world.workspace, created.pk), **HTMX)
    assert response.status_code == 200
    body = text_of(response)
    assert "1 like" in body and "Liked" in body and "<html" not in body
    created.refresh_from_db()
    assert created.like_count == 1


def test_liking_twice_takes_the_like_back(world, client_for):
    created = post(world.member, world.workspace, "Like me")
    client = client_for(world.lead)
    client.post(url("post_like", world.workspace, created.pk))
    response = client.post(url("post_like", world.workspace, created.pk))
    assert response.status_code == 302
    created.refresh_from_db()
    assert created.like_count == 0
    assert not PostLike.objects.exists()


def test_observers_cannot_like(world, client_for):
    created = post(world.member, world.workspace, "Like me")
    response = client_for(world.observer).post(url("post_like", world.workspace, created.pk))
    assert response.status_code == 403
    assert not PostLike.objects.exists()


def test_the_stream_shows_whether_the_viewer_liked_a_post(world, client_for):
    created = post(world.member, world.workspace, "Like me")
    client = client_for(world.lead)
    client.post(url("post_like", world.workspace, created.pk))
    assert 'aria-pressed="true"' in text_of(client.get(url("post_list", world.workspace)))
    other = client_for(world.community_manager)
    assert 'aria-pressed="true"' not in text_of(other.get(url("post_list", world.workspace)))


def test_a_reply_notifies_the_author_of_the_post(world, client_for):
    root = post(world.member, world.workspace, "Who has the minutes?")
    response = client_for(world.lead).post(
        url("post_reply", world.workspace, root.pk), {"text": "I do."}, **HTMX
    )
    assert response.status_code == 200
    assert "I do." in text_of(response)
    reply = StatusPost.objects.get(reply_to=root)
    assert reply.get_absolute_url().endswith(f"#post-{reply.pk}")
    notification = Notification.objects.get(recipient=world.member)
    assert notification.kind == "reply"
    root.refresh_from_db()
    assert root.reply_count == 1


def test_a_reply_to_a_reply_joins_the_same_thread(world, client_for):
    root = post(world.member, world.workspace, "Start")
    first = post(world.lead, world.workspace, "First reply", reply_to=root)
    client_for(world.observer)  # observers may read but not reply
    client = client_for(world.community_manager)
    client.post(url("post_reply", world.workspace, first.pk), {"text": "Second reply"})
    second = StatusPost.objects.get(text="Second reply")
    assert second.reply_to_id == root.pk


def test_the_thread_page_shows_replies_oldest_first(world, client_for):
    root = post(world.member, world.workspace, "Start")
    post(world.lead, world.workspace, "Reply A", reply_to=root)
    post(world.lead, world.workspace, "Reply B", reply_to=root)
    page = text_of(client_for(world.observer).get(url("post_detail", world.workspace, root.pk)))
    assert page.index("Reply A") < page.index("Reply B")


def test_an_empty_reply_is_refused_and_nothing_is_saved(world, client_for):
    root = post(world.member, world.workspace, "Start")
    client = client_for(world.lead)
    response = client.post(url("post_reply", world.workspace, root.pk), {"text": ""})
    assert response.status_code == 400
    assert "the post is empty" in text_of(response)
    response = client.post(url("post_reply", world.workspace, root.pk), {"text": ""}, **HTMX)
    assert response.status_code == 422
    assert StatusPost.objects.count() == 1
    assert not Notification.objects.exists()


def test_replying_to_a_post_of_another_container_is_404(world, client_for):
    root = post(world.member, world.private_group, "Secret start")
    response = client_for(world.member).post(
        url("post_reply", world.workspace, root.pk), {"text": "Leak"}
    )
    assert response.status_code == 404
    assert StatusPost.objects.count() == 1


def test_the_stream_shows_the_latest_replies_and_a_link_to_all(world, client_for):
    root = post(world.member, world.workspace, "Start")
    for i in range(5):
        post(world.lead, world.workspace, f"Reply {i}", reply_to=root)
    page = text_of(client_for(world.observer).get(url("post_list", world.workspace)))
    assert "Reply 4" in page and "Reply 2" in page and "Reply 1" not in page
    assert "View all 5 replies" in page


def test_thread_replies_load_more_by_cursor(world, client_for):
    root = post(world.member, world.workspace, "Start")
    replies = [post(world.lead, world.workspace, f"R{i:03d}", reply_to=root) for i in range(55)]
    client = client_for(world.observer)
    page = text_of(client.get(url("post_detail", world.workspace, root.pk)))
    assert "R049" in page and "R050" not in page
    more = client.get(
        url("post_detail", world.workspace, root.pk) + f"?after={replies[49].pk}", **HTMX
    )
    assert "R050" in text_of(more) and "R054" in text_of(more)
