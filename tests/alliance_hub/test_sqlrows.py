"""alliance_hub.sqlrows makes from SQL-text rows the instances the ORM makes: ``fetch``
what ``Model.objects.raw`` made (fields converted, other columns as attributes), and
``parts`` each model of a joined row as ``select_related`` does (None for an empty
LEFT JOIN)."""

import pytest
from django.db import connection

from alliance_hub import sqlrows
from workspaces.models import Group, Workspace

pytestmark = pytest.mark.django_db


def values(instance):
    return {field.attname: getattr(instance, field.attname) for field in instance._meta.fields}


def test_fetch_makes_what_raw_made(world):
    sql = (
        "SELECT w.id, w.name, w.created_at, w.require_two_factor, w.slug AS label, "  # noqa: S608
        f"(SELECT COUNT(*) FROM {Group._meta.db_table} g WHERE g.workspace_id = w.id) "
        f"AS group_count FROM {Workspace._meta.db_table} w WHERE w.id IN (%s, %s) ORDER BY w.name"
    )
    params = [world.workspace.pk, world.other_workspace.pk]
    expected = list(Workspace.objects.raw(sql, params))
    got = sqlrows.fetch(Workspace, sql, params)
    assert [values(w) for w in got] == [values(w) for w in expected]
    assert [(w.label, w.group_count) for w in got] == [(w.label, w.group_count) for w in expected]
    assert got[0].group_count == 2 and got[0].created_at == world.workspace.created_at


def test_parts_read_each_model_of_a_joined_row(world):
    group, workspace = sqlrows.parts([(Group, "g"), (Workspace, "w")])
    sql = (
        f"SELECT {group.sql}, {workspace.sql} FROM {Workspace._meta.db_table} w "  # noqa: S608
        f"LEFT JOIN {Group._meta.db_table} g ON g.workspace_id = w.id WHERE w.id = %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [world.other_workspace.pk])
        row = cursor.fetchone()
    assert group.get(row) is None
    assert values(workspace.get(row)) == values(Workspace.objects.get(pk=world.other_workspace.pk))


def test_built_instances_are_the_orms_with_the_same_deferred_fields(world):
    names = ["id", "name", "created_at"]
    expected = Workspace.objects.only(*names).get(pk=world.workspace.pk)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT name, created_at, id FROM {Workspace._meta.db_table} WHERE id = %s",  # noqa: S608
            [world.workspace.pk],
        )
        got = sqlrows.builder(Workspace, ["name", "created_at", "id"])(cursor.fetchone())
    assert got.get_deferred_fields() == expected.get_deferred_fields() != set()
    assert got.__dict__.keys() - {"_state"} == expected.__dict__.keys() - {"_state"}
    assert (got._state.adding, got._state.db) == (False, "default")
    assert values(got) == values(expected)
    assert got == expected and got.slug == world.workspace.slug  # a deferred field loads
    got.name = "Renamed"
    got.save(update_fields=["name"])  # an update, not an insert
    assert Workspace.objects.get(pk=world.workspace.pk).name == "Renamed"
