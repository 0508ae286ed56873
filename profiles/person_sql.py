"""The profile page's reads as SQL text: the person with their profile, their tags, and
the memberships the viewer may see with the person's task text in each.

The ORM took about 1.5 ms of CPU to compile these four queries, more than the page's
rendering; written in SQL they are three. Who may see whom stays decided in
policies.py (``people_visible_sql`` next to ``people_visible_to``);
tests/profiles/test_person_sql.py holds every read to the ORM's for every viewer.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, Any

from django.db import connection

from alliance_hub import sqlrows
from workspaces.models import Membership, Organisation, Workspace

from .models import Profile, ProfileTask, Tag, User
from .policies import people_visible_sql, sees_every_membership

if TYPE_CHECKING:
    from workspaces.access import Viewer


def person_visible(*, viewer: Viewer, pk: int) -> User | None:
    """``people_visible_to(viewer).filter(pk=pk).select_related("profile").first()``."""
    if not sqlrows.may_be_a_key(pk):
        return None
    person, profile = sqlrows.parts([(User, "u"), (Profile, "p")])
    visible, params = people_visible_sql(viewer, "u")
    sql = (
        f"SELECT {person.sql}, {profile.sql} FROM {User._meta.db_table} u "  # noqa: S608
        f"LEFT JOIN {Profile._meta.db_table} p ON p.user_id = u.id "
        f"WHERE u.id = %s AND {visible}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [pk, *params])
        row = cursor.fetchone()
    if row is None:
        return None
    user = person.get(row)
    User.profile.related.set_cached_value(user, profile.get(row))
    return user


def tags_by_profile(profile_ids: list[int]) -> dict[int, list[Tag]]:
    """The tags of each profile in ``profile_ids``, by name as ``profile.tags.all()``."""
    by_profile: dict[int, list[Tag]] = defaultdict(list)
    if not profile_ids:
        return by_profile
    tag = sqlrows.parts([(Tag, "t")])[0]
    placeholders = ", ".join(["%s"] * len(profile_ids))
    sql = (
        f"SELECT {tag.sql}, l.profile_id FROM {Tag._meta.db_table} t "  # noqa: S608
        f"JOIN {Profile.tags.through._meta.db_table} l ON l.tag_id = t.id "
        f"WHERE l.profile_id IN ({placeholders}) ORDER BY t.name"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, profile_ids)
        for row in cursor.fetchall():
            by_profile[row[-1]].append(tag.get(row))
    return by_profile


def shared_memberships(*, viewer: User, person: User) -> list[Membership]:
    """``person``'s memberships in workspaces ``viewer`` is in too (all of them for the
    person themselves and superusers), by workspace name, with workspace and
    organisation loaded and ``.tasks`` (the person's task text there, "" if none)."""
    membership, workspace, organisation = sqlrows.parts(
        [(Membership, "m"), (Workspace, "w"), (Organisation, "o")]
    )
    table = Membership._meta.db_table
    sql = (
        f"SELECT {membership.sql}, {workspace.sql}, {organisation.sql}, t.text "  # noqa: S608
        f"FROM {table} m JOIN {Workspace._meta.db_table} w ON w.id = m.workspace_id "
        f"JOIN {Organisation._meta.db_table} o ON o.id = m.organisation_id "
        f"LEFT JOIN {ProfileTask._meta.db_table} t "
        "ON t.user_id = m.user_id AND t.workspace_id = m.workspace_id "
        "WHERE m.user_id = %s"
    )
    params: list[Any] = [person.pk]
    if not sees_every_membership(viewer, person):
        sql += (
            f" AND m.workspace_id IN (SELECT vm.workspace_id FROM {table} vm WHERE vm.user_id = %s)"  # noqa: S608
        )
        params.append(viewer.pk)
    sql += " ORDER BY w.name, m.id"
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    memberships = []
    for row in rows:
        item = membership.get(row)
        item.workspace, item.organisation = workspace.get(row), organisation.get(row)
        item.tasks = row[-1] or ""
        memberships.append(item)
    return memberships
