"""Cache and sessions in a real Redis (redis-server started by the test): sessions are
written through to the database, so when Redis stops nobody is signed out, and pages
that use the cache still serve (a cache miss)."""

import pytest
import redis
from django.contrib.auth import SESSION_KEY
from django.urls import reverse

from tests.scale import servers
from tests.wiki.conftest import create_page, edit_page


def use_redis(settings, port):
    settings.CACHES = {
        "default": {
            "BACKEND": "alliance_hub.cache.FailOpenRedisCache",
            "LOCATION": f"redis://127.0.0.1:{port}/0",
            "KEY_PREFIX": "ah",
            "OPTIONS": {
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": 0.5,
                "SOCKET_TIMEOUT": 0.5,
            },
        }
    }
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"


@pytest.fixture
def redis_server(settings):
    with servers.running(servers.redis()) as server:
        use_redis(settings, server.port)
        yield server


@pytest.fixture
def redis_down(settings):
    use_redis(settings, servers.closed_port())


def _sign_in(client, user):
    response = client.post(reverse("account_login"), {"login": user.email, "password": "pw"})
    assert response.status_code == 302, response.content[:500]
    return client


@pytest.fixture
def signed_in(world, client):
    world.member.set_password("pw")
    world.member.save()
    return _sign_in(client, world.member)


def test_the_session_is_kept_in_redis_and_survives_redis_stopping(world, redis_server, signed_in):
    home = reverse("workspaces:home")
    assert signed_in.get(home).status_code == 200
    keys = redis.Redis(port=redis_server.port).keys("ah:*cached_db*")
    assert len(keys) == 1  # the session, read from Redis on each request

    redis_server.stop()

    response = signed_in.get(home)
    assert response.status_code == 200  # still signed in: read back from the database
    assert str(world.member.pk) == signed_in.session[SESSION_KEY]


def test_signing_in_and_pages_that_cache_work_while_redis_is_down(world, client, redis_down):
    world.member.set_password("pw")
    world.member.save()
    _sign_in(client, world.member)
    page = create_page(world.workspace, world.member, "Notes", "notes", "First.")
    edit_page(page, world.member, "Second.")
    diff = client.get(reverse("wiki:page_diff", args=[world.workspace, page.path]))
    assert diff.status_code == 200
    assert b"Second" in diff.content
    assert client.get(reverse("workspaces:home")).status_code == 200


def test_signing_out_while_redis_is_down_ends_the_session(world, client, redis_down):
    world.member.set_password("pw")
    world.member.save()
    _sign_in(client, world.member)
    client.post(reverse("account_logout"))
    response = client.get(reverse("workspaces:home"))
    assert response.status_code == 302 and reverse("account_login") in response["Location"]
