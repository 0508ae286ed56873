"""Each list runs the same number of queries with 5 items as with 200."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from microblog import services
from microblog.markup import handle_for
from microblog.models import PostLike
from tests.microblog.helpers import blog, post, url
from workspaces.models import Notification

SIZES = [5, 200]


def _many_posts(world, count):
    for i in range(count):
        root = post(
            world.member, world.workspace, f"Post {i} #tag{i % 3} @{handle_for(world.lead)}"
        )
        if i % 2 == 0:
            post(world.lead, world.workspace, f"Reply to {i}", reply_to=root)
            PostLike.objects.create(post=root, user=world.observer)
        if i % 7 == 0:
            services.post_hide(actor=world.community_manager, post=root, reason="test")


@pytest.mark.parametrize("count", SIZES)
def test_status_stream_runs_a_fixed_number_of_queries(
    world, client_for, count, django_assert_max_num_queries
):
    _many_posts(world, count)
    client = client_for(world.observer)
    client.get(url("post_list", world.workspace))  # warm-up: a session's first visit is also noted
    with django_assert_max_num_queries(9):
        response = client.get(url("post_list", world.workspace))
    assert response.status_code == 200


def test_a_stream_without_replies_does_not_ask_for_replies(world, client_for):
    posts = [post(world.member, world.workspace, f"Post {i}") for i in range(5)]
    client = client_for(world.observer)
    client.get(url("post_list", world.workspace))  # warm-up

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url("post_list", world.workspace)).status_code == 200
        return len(captured)

    without_replies = queries()
    post(world.lead, world.workspace, "A reply", reply_to=posts[0])
    assert queries() == without_replies + 1


@pytest.mark.parametrize("count", SIZES)
def test_tag_list_runs_a_fixed_number_of_queries(
    world, client_for, count, django_assert_max_num_queries
):
    _many_posts(world, count)
    client = client_for(world.observer)
    client.get(
        url("post_tag", world.workspace, "tag1")
    )  # warm-up: a session's first visit is also noted
    with django_assert_max_num_queries(8):
        response = client.get(url("post_tag", world.workspace, "tag1"))
    assert response.status_code == 200


@pytest.mark.parametrize("count", SIZES)
def test_thread_page_runs_a_fixed_number_of_queries(
    world, client_for, count, django_assert_max_num_queries
):
    root = post(world.member, world.workspace, "Root")
    for i in range(count):
        post(world.lead, world.workspace, f"Reply {i}", reply_to=root)
    client = client_for(world.observer)
    client.get(
        url("post_detail", world.workspace, root.pk)
    )  # warm-up: a session's first visit is also noted
    with django_assert_max_num_queries(9):
        response = client.get(url("post_detail", world.workspace, root.pk))
    assert response.status_code == 200


@pytest.mark.parametrize("count", SIZES)
def test_blog_list_runs_a_fixed_number_of_queries(
    world, client_for, count, django_assert_max_num_queries
):
    for i in range(count):
        blog(world.member, world.workspace, title=f"Blog {i}", publish=i % 5 != 0)
    client = client_for(world.member)  # the author: drafts are listed too
    client.get(
        url("blogpost_list", world.workspace)
    )  # warm-up: a session's first visit is also noted
    with django_assert_max_num_queries(9):
        response = client.get(url("blogpost_list", world.workspace))
    assert response.status_code == 200


@pytest.mark.parametrize("count", SIZES)
def test_notification_list_runs_a_fixed_number_of_queries(
    world, client_for, count, django_assert_max_num_queries
):
    Notification.objects.bulk_create(
        Notification(
            recipient=world.lead,
            workspace=world.workspace,
            kind="mention",
            actor=world.member,
            text=f"Note {i}",
            target_url="/",
        )
        for i in range(count)
    )
    client = client_for(world.lead)
    client.get(
        reverse("workspaces:notification_list")
    )  # warm-up: a session's first visit is also noted
    with django_assert_max_num_queries(5):
        response = client.get(reverse("workspaces:notification_list"))
    assert response.status_code == 200


@pytest.mark.parametrize("count", SIZES)
def test_dashboard_stream_runs_a_fixed_number_of_queries(
    world, client_for, count, django_assert_max_num_queries
):
    _many_posts(world, count)
    for i in range(count // 5):
        blog(world.member, world.open_group, title=f"Group blog {i}")
    client = client_for(world.member)
    client.get(
        reverse("workspaces:dashboard", args=[world.workspace])
    )  # warm-up: a session's first visit is also noted
    with django_assert_max_num_queries(10):
        response = client.get(reverse("workspaces:dashboard", args=[world.workspace]))
    assert response.status_code == 200
