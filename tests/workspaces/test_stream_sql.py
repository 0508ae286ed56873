"""The dashboard's stream page is one query written in SQL (workspaces/stream_sql.py);
it must give the lines ``activity.stream_for`` gives, with the same actors and faces,
for every persona and container, a superuser, and older pages (``before``)."""

import pytest
from django.forms.models import model_to_dict

from profiles.avatars import avatar
from profiles.models import Profile
from tests.factories import UserFactory, add_member
from workspaces.activity import record_activity, stream_for
from workspaces.stream_sql import stream_page_for

pytestmark = pytest.mark.django_db

PERSONAS = ["lead", "community_manager", "member", "observer", "non_group_member", "outsider"]


def _lines_everywhere(world):
    """Lines in the workspace and both groups, by a person with a photo, one without a
    profile, and one whose account is gone."""
    pictured = add_member(world.workspace, user=UserFactory(display_name="Pia <Photo>"))
    Profile.objects.update_or_create(
        user=pictured, defaults={"photo_files": {"small": "p.jpg"}, "photo_version": "v9"}
    )
    Profile.objects.filter(user=world.observer).delete()
    gone = UserFactory()
    for container in (world.workspace, world.open_group, world.private_group):
        for actor in (pictured, world.observer, gone, world.lead):
            record_activity(actor=actor, verb="edited", target=container, container=container)
    gone.delete()


def _by_orm(user, container, before, size):
    rows = stream_for(user=user, container=container)
    if before:
        rows = rows.filter(id__lt=before)
    items = list(rows[: size + 1])
    return items[:size], len(items) > size


def _seen(lines):
    return [
        (
            model_to_dict(line),
            line.actor_id,
            str(line.actor) if line.actor else None,
            avatar(line.actor, "tiny"),
        )
        for line in lines
    ]


@pytest.mark.parametrize("where", ["workspace", "open_group", "private_group"])
def test_the_sql_stream_gives_stream_for_s_lines(world, where, django_assert_num_queries):
    _lines_everywhere(world)
    container = getattr(world, where)
    viewers = [getattr(world, p) for p in PERSONAS] + [UserFactory(is_superuser=True)]
    compared = 0
    for viewer in viewers:
        expected, expected_more = _by_orm(viewer, container, None, 5)
        with django_assert_num_queries(1):
            lines, more = stream_page_for(user=viewer, container=container, before=None, size=5)
            seen = _seen(lines)
        assert seen == _seen(expected), (viewer, where)
        assert more == expected_more
        if expected:
            compared += 1
            before = expected[-1].id
            older, _ = stream_page_for(user=viewer, container=container, before=before, size=5)
            assert _seen(older) == _seen(_by_orm(viewer, container, before, 5)[0])
    assert compared >= 3
