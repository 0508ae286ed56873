"""Double submits: the same form sent several times at once gives one success and a
clear answer (or the same result each time), never an IntegrityError (500).

Real threads, each with its own database connection, on PostgreSQL; SQLite
serialises writers, so there the same requests run one after the other."""

import threading

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from microblog.models import PostLike, StatusPost
from tests.microblog.helpers import post
from wiki.models import Page
from workspaces.models import Group, Invitation, Organisation

pytestmark = pytest.mark.django_db(transaction=True)

AT_ONCE = 4


def submit_at_once(user, url, data_for):
    """POST ``data_for(i)`` to ``url`` AT_ONCE times, all at the same moment on
    PostgreSQL; returns the responses' status codes and texts (in any order)."""
    start = threading.Barrier(AT_ONCE)
    results = []

    def send(i):
        client = Client()
        client.force_login(user)
        try:
            if connection.vendor != "sqlite":
                start.wait(timeout=20)
            response = client.post(url, data_for(i))
            results.append((response.status_code, response.content.decode()))
        finally:
            connection.close()

    if connection.vendor == "sqlite":
        for i in range(AT_ONCE):
            send(i)
    else:
        threads = [threading.Thread(target=send, args=(i,)) for i in range(AT_ONCE)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
    assert len(results) == AT_ONCE, "a request died (see the log for its exception)"
    return results


def test_the_same_like_sent_at_once_is_one_like(world):
    status = post(world.lead, world.workspace, "Vote for the venue")
    url = reverse("microblog:post_like", args=[world.workspace, status.pk])
    results = submit_at_once(world.member, url, lambda i: {"like": "1"})
    assert {code for code, _ in results} == {302}
    assert PostLike.objects.filter(post=status).count() == 1
    assert StatusPost.objects.get(pk=status.pk).like_count == 1


def test_the_same_unlike_sent_at_once_is_one_unlike(world):
    status = post(world.lead, world.workspace, "Vote for the venue")
    url = reverse("microblog:post_like", args=[world.workspace, status.pk])
    Client().post(url)  # nobody signed in: nothing happens
    client = Client()
    client.force_login(world.member)
    client.post(url, {"like": "1"})
    results = submit_at_once(world.member, url, lambda i: {"like": "0"})
    assert {code for code, _ in results} == {302}
    assert not PostLike.objects.filter(post=status).exists()
    assert StatusPost.objects.get(pk=status.pk).like_count == 0


def test_the_same_wiki_page_created_at_once_exists_once(world):
    url = reverse("wiki:page_create", args=[world.workspace])
    results = submit_at_once(
        world.member, url, lambda i: {"title": "Travel policy", "body": f"Draft {i}"}
    )
    codes = sorted(code for code, _ in results)
    assert codes == [302] + [400] * (AT_ONCE - 1)
    assert all("There is already a page" in text for code, text in results if code == 400)
    assert Page.objects.filter(path="travel-policy").count() == 1


def test_the_same_group_created_at_once_exists_once(world):
    url = reverse("workspaces:group_create", args=[world.workspace])
    results = submit_at_once(world.lead, url, lambda i: {"name": "Work package 9", "slug": "wp9"})
    codes = sorted(code for code, _ in results)
    assert codes == [302] + [400] * (AT_ONCE - 1)
    assert all("already has a group with this address" in text for c, text in results if c == 400)
    assert Group.objects.filter(workspace=world.workspace, slug="wp9").count() == 1


def test_invitations_naming_the_same_new_organisation_at_once_share_it(world):
    url = reverse("workspaces:member_invite", args=[world.workspace])
    results = submit_at_once(
        world.lead,
        url,
        lambda i: {
            "emails": f"person{i}@brand-new.example",
            "role": "member",
            "new_organisation": "Brand New Institute",
        },
    )
    assert {code for code, _ in results} == {302}
    (organisation,) = Organisation.objects.filter(name__iexact="Brand New Institute")
    assert Invitation.objects.filter(organisation=organisation).count() == AT_ONCE
