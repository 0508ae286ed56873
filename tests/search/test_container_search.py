"""The old per-container search URL still works: it opens the site search, narrowed
to that container (the search itself is tested in tests/search/)."""

import pytest
from django.urls import reverse

from tests.search.helpers import search
from tests.wiki.conftest import create_page

pytestmark = pytest.mark.django_db


def test_the_container_search_opens_the_site_search_narrowed_to_it(world, client):
    create_page(world.private_group, world.member, "Kestrel plan", "kestrel", "")
    create_page(world.workspace, world.member, "Kestrel notes", "kestrel-notes", "")
    client.force_login(world.member)
    response = client.get(
        reverse("search:container_search", args=[world.private_group]),
        {"q": "kestrel"},
        follow=True,
    )
    assert response.status_code == 200
    assert "Kestrel plan" in response.content.decode()
    assert "Kestrel notes" not in response.content.decode()


def test_a_too_short_query_gets_a_clear_message(world, client):
    client.force_login(world.member)
    found = search(client, "b")
    assert found == [] and "at least 2 characters" in found.html


def test_someone_who_may_not_see_the_container_gets_404(world, client):
    client.force_login(world.non_group_member)
    url = reverse("search:container_search", args=[world.private_group])
    assert client.get(url, {"q": "kestrel"}).status_code == 404
