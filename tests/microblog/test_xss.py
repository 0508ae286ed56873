"""No script runs from posts, replies, blog posts, comments or notifications: every
payload goes in through the real HTTP path and every page it shows up on is checked."""

import json
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from microblog.markup import handle_for
from microblog.models import BlogComment, BlogPost, StatusPost
from tests.factories import add_member
from tests.microblog.helpers import blog, url
from tests.xss_corpus import HOSTILE_NAME, PAYLOADS, script_risks


def _assert_safe(html, where):
    risks = script_risks(html)
    assert not risks, f"{where}: {risks}"


def test_the_checker_catches_what_it_should():
    assert script_risks("<img src=x onerror=alert(1)>")
    assert script_risks('<a href=" JaVa\tscript:alert(1)">x</a>')
    assert script_risks("<script>alert(1)</script>")
    assert script_risks("<svg></svg>")
    assert not script_risks(
        '<a href="https://ok.example">ok</a><script src="/static/x.js"></script>'
    )


def test_status_posts_run_no_script(world, client_for):
    hostile = add_member(world.workspace)
    get_user_model().objects.filter(pk=hostile.pk).update(display_name=HOSTILE_NAME)
    client = client_for(world.member)
    for payload in PAYLOADS:
        response = client.post(url("post_create", world.workspace), {"text": payload})
        assert response.status_code == 302, payload
        post = StatusPost.objects.latest("id")
        _assert_safe(post.html, f"stored html of {payload!r}")
        page = client.get(url("post_detail", world.workspace, post.pk))
        _assert_safe(page.content.decode(), f"thread page of {payload!r}")
    before = ""
    while True:  # every page of the stream
        page = client.get(url("post_list", world.workspace) + before)
        _assert_safe(page.content.decode(), f"stream {before}")
        if page.context["has_more"] is False:
            break
        before = f"?before={page.context['posts'][-1].pk}"
    for tag in ("tag", "img", "script"):
        page = client.get(url("post_tag", world.workspace, tag))
        _assert_safe(page.content.decode(), f"tag page {tag}")


def test_a_mention_of_a_member_with_a_hostile_name_is_a_safe_link(world, client_for):
    hostile = add_member(world.workspace)
    get_user_model().objects.filter(pk=hostile.pk).update(display_name=HOSTILE_NAME)
    hostile.refresh_from_db()
    client = client_for(world.member)
    client.post(url("post_create", world.workspace), {"text": f"Hi @{handle_for(hostile)}"})
    post = StatusPost.objects.get()
    assert 'class="mention"' in post.html
    _assert_safe(post.html, "mention")
    notifications = client_for(hostile).get(reverse("workspaces:notification_list"))
    _assert_safe(notifications.content.decode(), "notification list")
    client = client_for(world.member)
    suggestions = client.get(url("post_mentions", world.workspace), {"q": "<img"})
    assert suggestions["Content-Type"] == "application/json"
    assert json.loads(suggestions.content)["results"][0]["name"] == HOSTILE_NAME


def test_replies_run_no_script(world, client_for):
    client = client_for(world.member)
    client.post(url("post_create", world.workspace), {"text": "Root"})
    root = StatusPost.objects.get()
    lead = client_for(world.lead)
    for payload in PAYLOADS:
        response = lead.post(url("post_reply", world.workspace, root.pk), {"text": payload})
        assert response.status_code == 302, payload
    page = client_for(world.member).get(url("post_detail", world.workspace, root.pk))
    _assert_safe(page.content.decode(), "thread with hostile replies")
    stream = client_for(world.member).get(url("post_list", world.workspace))
    _assert_safe(stream.content.decode(), "stream with hostile replies")


def test_blog_posts_run_no_script(world, client_for):
    client = client_for(world.member)
    for payload in PAYLOADS:
        response = client.post(
            url("blogpost_create", world.workspace),
            {
                "title": payload[:200],
                "body": f"Intro\n\n{payload}\n\n- {payload}",
                "action": "publish",
            },
        )
        assert response.status_code == 302, payload
        post = BlogPost.objects.latest("id")
        _assert_safe(post.body_html, f"stored blog html of {payload!r}")
        page = client_for(world.observer).get(post.get_absolute_url())
        _assert_safe(page.content.decode(), f"blog page of {payload!r}")
        client = client_for(world.member)
    listing = client_for(world.observer).get(url("blogpost_list", world.workspace))
    _assert_safe(listing.content.decode(), "blog list")


def test_comments_run_no_script(world, client_for):
    post = blog(world.member, world.workspace)
    client = client_for(world.lead)
    for payload in PAYLOADS:
        response = client.post(
            url("blogcomment_create", world.workspace, post.pk), {"body": payload}
        )
        assert response.status_code == 302, payload
        _assert_safe(BlogComment.objects.latest("id").body_html, f"comment {payload!r}")
    page = client_for(world.member).get(post.get_absolute_url())
    _assert_safe(page.content.decode(), "blog post with hostile comments")


def test_notifications_and_digests_run_no_script(world, client_for, settings):
    get_user_model().objects.filter(pk=world.member.pk).update(display_name=HOSTILE_NAME)
    world.member.refresh_from_db()
    client = client_for(world.member)
    mention = f"@{handle_for(world.lead)}"
    for payload in PAYLOADS[:20]:
        client.post(url("post_create", world.workspace), {"text": f"{mention} {payload}"})
    root = StatusPost.objects.filter(reply_to__isnull=True).first()
    client_for(world.community_manager).post(
        url("post_reply", world.workspace, root.pk), {"text": PAYLOADS[0]}
    )
    page = client_for(world.lead).get(reverse("workspaces:notification_list"))
    assert "mentioned you" in page.content.decode()
    _assert_safe(page.content.decode(), "notification list")
    dashboard = client_for(world.lead).get(reverse("workspaces:dashboard", args=[world.workspace]))
    _assert_safe(dashboard.content.decode(), "dashboard stream")
    get_user_model().objects.update(digest_sent_at=timezone.now() - timedelta(days=8))
    call_command("send_digests")
    (digest,) = [m for m in mail.outbox if m.to == [world.lead.email]]
    _assert_safe(digest.alternatives[0][0], "digest html")
