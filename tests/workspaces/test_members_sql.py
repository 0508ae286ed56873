"""``members_sql`` (the container's members as SQL text) selects what ``member_list_for``
selects, for a workspace, an open group, a private group and another workspace."""

import pytest
from django.db import connection

from tests.factories import add_member
from workspaces.roles import Role
from workspaces.selectors import member_list_for, members_sql

pytestmark = pytest.mark.django_db


def _rows_of_sql(container):
    sql, params = members_sql(container)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return sorted(cursor.fetchall())


@pytest.mark.parametrize(
    "container", ["workspace", "open_group", "private_group", "other_workspace"]
)
def test_members_sql_selects_the_members_of_member_list_for(container, world):
    # Someone in a private group of another workspace too: only memberships count.
    add_member(world.other_workspace, Role.MEMBER, user=world.member)
    chosen = getattr(world, container)
    expected = sorted(member_list_for(container=chosen).values_list("user_id", "organisation_id"))
    assert expected
    assert _rows_of_sql(chosen) == expected
