"""The stream's posts are built in Python (microblog/rows.py); the page must be exactly
what ``{% include "microblog/_post.html" %}`` per post rendered, for every state a post
can be in and every kind of viewer."""

import re
from datetime import timedelta

import pytest
from django.template import Template
from django.template.context import make_context
from django.utils import timezone

from microblog import services
from microblog.models import StatusPost
from tests.factories import UserFactory, add_member
from tests.microblog.helpers import post, url
from workspaces.roles import Role

pytestmark = pytest.mark.django_db

TEMPLATE_LOOP = Template(
    '{% for post in posts %}{% include "microblog/_post.html" %}\n  {% endfor %}'
)
TOKEN = re.compile(r'(name="csrfmiddlewaretoken" value=")[^"]+(")')


def _every_state(world):
    """Posts in each state: plain, edited, liked, hidden, deleted with replies, with more
    replies than shown, one by a former member, one with markup to escape."""
    ws = world.workspace
    plain = post(world.member, ws, "Plain post with a link https://example.org and #tag")
    edited = post(world.member, ws, "Typo")
    services.post_edit(actor=world.member, post=edited, text="Fixed <b>typo</b> & more")
    old = post(world.member, ws, "Out of the edit window")
    StatusPost.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=3))
    liked = post(world.community_manager, ws, 'A manager\'s "quoted" post')
    services.post_like_toggle(actor=world.member, post=liked, liked=True)
    services.post_like_toggle(actor=world.lead, post=liked, liked=True)
    hidden = post(world.non_group_member, ws, "Rude words")
    services.post_hide(actor=world.lead, post=hidden, reason="Rude <script>")
    tombstone = post(world.member, ws, "Soon deleted")
    post(world.lead, ws, "A reply to a tombstone", reply_to=tombstone)
    services.post_delete(actor=world.member, post=tombstone)
    thread = post(world.lead, ws, "A long thread")
    for n in range(5):
        author = world.member if n % 2 else world.community_manager
        post(author, ws, f"Reply {n}", reply_to=thread)
    hidden_reply = post(world.member, ws, "Hidden reply", reply_to=thread)
    services.post_hide(actor=world.community_manager, post=hidden_reply, reason="Spam")
    leaver = UserFactory(display_name="Leaving <Person>")
    add_member(ws, Role.MEMBER, user=leaver)
    orphan = post(leaver, ws, "My author's account goes")
    post(leaver, ws, "And so does this reply's", reply_to=plain)
    leaver.delete()
    assert StatusPost.objects.filter(pk=orphan.pk, author__isnull=True).exists()


def _normalised(html):
    return TOKEN.sub(r"\1T\2", html)


def _by_template(response):
    """The posts of ``response`` rendered as the stream rendered them before."""
    request = response.wsgi_request
    posts = {"posts": response.context["posts"], "container": response.context["container"]}
    return TEMPLATE_LOOP.render(make_context(posts, request))


@pytest.mark.parametrize(
    "persona", ["member", "observer", "community_manager", "lead", "non_group_member"]
)
def test_stream_posts_are_the_html_the_post_template_renders(world, client_for, persona):
    _every_state(world)
    response = client_for(getattr(world, persona)).get(url("post_list", world.workspace))
    assert response.status_code == 200
    expected = _normalised(_by_template(response))
    assert expected.count('<article class="card post') == 8
    assert expected in _normalised(response.content.decode())


def test_the_stream_shows_the_viewers_own_form_token(world, client_for):
    post(world.member, world.workspace, "Hello")
    response = client_for(world.member).get(url("post_list", world.workspace))
    page = response.content.decode()
    tokens = set(re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', page))
    assert len(tokens) == 1  # one masked token for every form of the page, as before
