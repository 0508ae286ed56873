"""``contained_visible_sql`` (the rows a viewer may see, as an SQL condition) selects the
rows ``contained_visible_q`` selects, for every persona, a superuser, a deactivated
account and an anonymous visitor."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection

from tests.factories import superuser
from workspaces.access import contained_visible_q, contained_visible_sql
from workspaces.activity import record_activity
from workspaces.models import Activity

pytestmark = pytest.mark.django_db

PERSONAS = ["lead", "community_manager", "member", "observer", "non_group_member"]
PERSONAS += ["outsider", "removed"]


def _ids_by_sql(user):
    condition, params = contained_visible_sql(user, "a")
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT a.id FROM {Activity._meta.db_table} a WHERE {condition}", params)  # noqa: S608
        return sorted(row[0] for row in cursor.fetchall())


@pytest.fixture
def activity(world):
    for container in (
        world.workspace,
        world.open_group,
        world.private_group,
        world.other_workspace,
    ):
        record_activity(actor=world.lead, verb="tested", target=container, container=container)
    return world


@pytest.mark.parametrize("viewer", [*PERSONAS, "superuser", "inactive", "anonymous"])
def test_contained_visible_sql_selects_the_rows_of_contained_visible_q(viewer, activity):
    if viewer == "superuser":
        user = superuser()
    elif viewer == "anonymous":
        user = AnonymousUser()
    elif viewer == "inactive":
        user = activity.member
        user.is_active = False
        user.save()
    else:
        user = getattr(activity, viewer)
    expected = sorted(
        Activity.objects.filter(contained_visible_q(user)).values_list("pk", flat=True)
    )
    assert _ids_by_sql(user) == expected
    if viewer in ("member", "superuser"):
        assert len(expected) >= 3
