"""The container a URL names and the viewer's permission codenames on it, in one query
written in SQL (``access.container_get`` uses it on every container page).

The ORM took two queries for it (the container, then the codenames): about 0.4 ms of
CPU for a workspace and 0.6 ms for a group, a fifth of the bare view's whole request.
tests/workspaces/test_container_sql.py holds it to the ORM's lookup and to
``container_access`` for every persona.
"""

from collections.abc import Callable
from typing import Any

from django.db import connection

from .models import Group, Workspace

GrantsSql = Callable[[type, str, str], str]  # access._permission_rows_sql


def find_container(
    user_id: int, workspace_slug: str, group_slug: str | None, grants_sql: GrantsSql
) -> tuple[Workspace | Group, set[str]] | None:
    """``(container, codenames user_id holds on it)``, or None if there is no such
    container. A group comes with its workspace loaded."""
    model = Group if group_slug else Workspace
    where, where_params = _where(workspace_slug, group_slug)
    grants = grants_sql(
        model,
        "x.content_object_id AS object_id, p.codename AS codename",
        f"x.content_object_id IN (SELECT c.id FROM {_from(model)} WHERE {where})",  # noqa: S608
    )
    columns = _columns(model, "c")
    if group_slug:
        columns += f", {_columns(Workspace, 'w')}"
    sql = (
        f"SELECT {columns}, g.codename FROM {_from(model)}"  # noqa: S608 - names from metadata
        f" LEFT JOIN ({grants}) g ON g.object_id = c.id WHERE {where}"
    )
    params: list[Any] = [user_id, *where_params, user_id, *where_params, *where_params]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    if not rows:
        return None
    codenames = {row[-1] for row in rows if row[-1] is not None}
    first = rows[0]
    if not group_slug:
        return _instance(Workspace, first[:-1]), codenames
    width = len(Group._meta.concrete_fields)
    group = _instance(Group, first[:width])
    group.workspace = _instance(Workspace, first[width:-1])
    return group, codenames


def _from(model: type) -> str:
    if model is Group:
        return (
            f"{Group._meta.db_table} c JOIN {Workspace._meta.db_table} w ON w.id = c.workspace_id"
        )
    return f"{Workspace._meta.db_table} c"


def _where(workspace_slug: str, group_slug: str | None) -> tuple[str, list[str]]:
    if group_slug:
        return "w.slug = %s AND c.slug = %s", [workspace_slug, group_slug]
    return "c.slug = %s", [workspace_slug]


def _columns(model: type, alias: str) -> str:
    return ", ".join(f"{alias}.{field.column}" for field in model._meta.concrete_fields)


def _instance(model: Any, values: tuple[Any, ...]) -> Any:
    """A ``model`` instance from the values of its columns, converted as the ORM
    converts them (SQLite's dates and booleans, for one)."""
    converted = []
    for value, field in zip(values, model._meta.concrete_fields, strict=True):
        column = field.get_col(model._meta.db_table)
        for converter in connection.ops.get_db_converters(column) + field.get_db_converters(
            connection
        ):
            value = converter(value, column, connection)
        converted.append(value)
    names = [field.attname for field in model._meta.concrete_fields]
    return model.from_db(connection.alias, names, converted)
