import pytest
from django.urls import reverse

from alliance_hub import hooks

pytestmark = pytest.mark.django_db


@pytest.fixture
def provider():
    """A provider the way apps register one: it sees the user, container and query."""
    calls = []

    def search(user, container, query):
        calls.append((user, container, query))
        return [{"kind": "Test", "label": f"Found {query}", "url": "/x/", "snippet": "snip"}]

    hooks.register_search(search)
    yield calls
    hooks.SEARCH_PROVIDERS.remove(search)


def test_search_asks_every_provider_and_lists_their_results(world, client, provider):
    client.force_login(world.member)
    response = client.get(reverse("workspaces:search", args=[world.workspace]), {"q": "budget"})
    assert response.status_code == 200
    assert "Found budget" in response.content.decode()
    assert provider == [(world.member, world.workspace, "budget")]


def test_a_too_short_query_gets_a_clear_message_and_asks_nobody(world, client, provider):
    client.force_login(world.member)
    response = client.get(reverse("workspaces:search", args=[world.workspace]), {"q": "b"})
    assert response.status_code == 400
    assert "at least 2 characters" in response.content.decode()
    assert provider == []
