"""On PostgreSQL, a query that runs again on a connection is prepared there
(settings.PREPARE_AFTER): parsed and planned once, not on every request."""

import pytest
from django.conf import settings
from django.db import connection

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's feature"),
]


def prepared_statements():
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        return [statement for (statement,) in cursor.fetchall()]


def test_a_page_seen_again_runs_on_prepared_statements(client, world):
    client.force_login(world.member)
    url = world.workspace.get_absolute_url()
    for _ in range(1 + int(settings.PREPARE_AFTER)):
        assert client.get(url).status_code == 200
    menu = [s for s in prepared_statements() if "workspaces_notification" in s]
    assert menu, "the header menu's query is not prepared"
