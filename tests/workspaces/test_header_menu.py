"""The header's "my workspaces" menu and unread badge are one query written in SQL
(workspaces.notifications.menu_workspaces_for); it must agree with the ORM's rule
(workspaces_visible_to, unread_of) for every kind of viewer."""

import pytest
from django.urls import reverse

from tests.factories import add_member, make_group
from workspaces import services
from workspaces.access import workspaces_visible_to
from workspaces.activity import notify
from workspaces.models import Notification
from workspaces.notifications import menu_workspaces_for, unread_of

pytestmark = pytest.mark.django_db


def _notify(world, recipients, container):
    notify(
        recipients=recipients,
        kind=Notification.Kind.OTHER,
        actor=world.lead,
        text="News",
        target=container,
        container=container,
    )


@pytest.fixture
def notified_world(world):
    """Unread notifications in the workspace, its open and private groups and another
    workspace; one read; and one of a group the member is then removed from."""
    everyone = [world.member, world.observer, world.non_group_member, world.community_manager]
    _notify(world, everyone, world.workspace)
    _notify(world, everyone, world.open_group)
    _notify(world, [world.member, world.observer], world.private_group)
    _notify(world, [world.member, world.observer], world.private_group)
    Notification.objects.filter(recipient=world.observer).update(read_at="2026-01-01T00:00Z")
    add_member(world.other_workspace, user=world.member)
    _notify(world, [world.member], world.other_workspace)
    left = make_group(world.workspace, "Left behind", is_private=True, members=[world.member])
    _notify(world, [world.member], left)
    services.group_member_remove(actor=world.lead, group=left, user=world.member)
    return world


def test_menu_lists_the_workspaces_the_viewer_may_view_by_name(notified_world):
    for viewer in notified_world.every_viewer():
        menu = menu_workspaces_for(viewer)
        expected = list(workspaces_visible_to(viewer).order_by("name"))
        assert [w.pk for w in menu] == [w.pk for w in expected]
        assert [(w.name, w.get_absolute_url()) for w in menu] == [
            (w.name, w.get_absolute_url()) for w in expected
        ]


def test_every_menu_row_carries_the_unread_count_of_what_the_viewer_may_still_read(
    notified_world,
):
    counts = {}
    for viewer in notified_world.every_viewer():
        expected = unread_of(viewer).count()
        assert {w.unread for w in menu_workspaces_for(viewer)} <= {expected}
        counts[viewer.pk] = expected
    # Not vacuous: the member counts workspace, group, private group and the other
    # workspace's notifications (5), not the group left; the observer read them all.
    assert counts[notified_world.member.pk] == 5
    assert counts[notified_world.observer.pk] == 0


def test_badge_shows_the_count_in_the_header(notified_world, client_for):
    page = client_for(notified_world.member).get(reverse("workspaces:notification_list"))
    assert page.context["unread_count"] == 5
    assert 'aria-label="5 unread"' in page.content.decode()
