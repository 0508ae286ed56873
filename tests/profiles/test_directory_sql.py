"""A directory page is read in SQL (profiles/directory_sql.py); it must list what the
ORM's query listed (``selectors._members``: the container's members, a private
group's own, matching the filters, by name) with the same people, profiles, tags,
organisations and tasks, page after page, for every kind of container and filter."""

import pytest

from alliance_hub.pagination import after, cursor_for, decode_cursor, page_of
from profiles import selectors, services
from profiles.models import Profile
from tests.factories import add_member
from workspaces.models import Membership
from workspaces.roles import Role

pytestmark = pytest.mark.django_db


def values(instance):
    """The loaded field values of ``instance`` (deferred ones are not read)."""
    if instance is None:
        return None
    loaded = instance.get_deferred_fields()
    return {
        f.attname: getattr(instance, f.attname)
        for f in instance._meta.concrete_fields
        if f.attname not in loaded
    }


def shown(rows):
    return [
        (
            values(row.membership),
            values(row.person),
            values(row.profile),
            values(row.membership.organisation),
            [(t.kind, t.name) for t in row.profile.skills + row.profile.interests]
            if row.profile
            else None,
            row.tasks,
        )
        for row in rows
    ]


def key(cursor):
    return cursor and decode_cursor(Membership, selectors.DIRECTORY_ORDER, cursor)


def orm_page(container, size, cursor, **filters):
    """The page as the ORM's query read it."""
    memberships = selectors._members(container=container, **filters)
    if cursor:
        key = decode_cursor(Membership, selectors.DIRECTORY_ORDER, cursor)
        memberships = memberships.filter(after(selectors.DIRECTORY_ORDER, key))
    page, more = page_of(memberships, size)
    rows = selectors._rows(page, workspace=container.workspace)
    last = rows[-1].person if more else None
    return rows, cursor_for(selectors.DIRECTORY_ORDER, [last.display_name, last.pk]) if last else ""


@pytest.fixture
def people(world):
    ws = world.workspace
    for user, name, skills, interests, title in [
        (world.member, "Mia 100% Member", ["Regulatory affairs"], ["Sailing"], ""),
        (world.observer, "Otto Observer", ["GIS"], ["Jazz"], "Cartographer_in_chief"),
        (world.lead, "Lena Lead", ["Offshore wind", "GIS"], ["Jazz"], "Lead"),
        (world.non_group_member, "Mia 100% Member", [], [], ""),  # the same name
    ]:
        services.profile_save(
            actor=user,
            user=user,
            changes={"display_name": name, "skills": skills, "interests": interests}
            | {"job_title": title},
            tasks={ws.pk: f"Tasks of {name}"} if skills else None,
        )
    for _ in range(4):
        add_member(ws, Role.OBSERVER)
    Profile.objects.filter(user=world.community_manager).delete()  # no profile yet
    return world


FILTERS = [
    {},
    {"q": "mia"},
    {"q": "  100%   member "},
    {"q": "_in_"},
    {"q": "gis"},
    {"q": "CARTOGRAPHER"},
    {"role": Role.OBSERVER},
    {"skill": "gis"},
    {"interest": "jazz", "q": "lena"},
    {"skill": "nothing"},
]


@pytest.mark.parametrize("filters", FILTERS)
def test_every_page_is_the_orms_in_every_kind_of_container(people, filters):
    world = people
    organisation = world.workspace.memberships.get(user=world.observer).organisation_id
    for extra in ({}, {"organisation": organisation}):
        for container in (world.workspace, world.open_group, world.private_group):
            cursor, pages = "", 0
            while True:
                rows, next_cursor = selectors.directory_page(
                    container=container, size=3, cursor=cursor, **filters, **extra
                )
                expected, expected_cursor = orm_page(container, 3, cursor, **filters, **extra)
                assert shown(rows) == shown(expected)
                assert key(next_cursor) == key(expected_cursor)  # signed with the time
                pages += 1
                if not next_cursor:
                    break
                cursor = next_cursor
            assert pages <= 4


def test_the_filters_find_someone(people):
    found = {
        str(filters): len(
            selectors.directory_page(container=people.workspace, size=50, **filters)[0]
        )
        for filters in FILTERS
    }
    assert found["{}"] == people.workspace.memberships.count()
    assert found[str({"q": "  100%   member "})] == 2
    assert found[str({"q": "_in_"})] == 1
    assert found[str({"skill": "nothing"})] == 0
