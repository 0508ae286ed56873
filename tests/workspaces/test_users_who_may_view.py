"""The access layer's "which users may view this container" agrees with the per-object
check, superusers included, and it is what notifications and mentions reach."""

import pytest

from tests.factories import UserFactory, superuser
from workspaces.access import container_access, users_who_may_view, users_with
from workspaces.roles import Action

pytestmark = pytest.mark.django_db

PERSONAS = ["lead", "community_manager", "member", "observer", "non_group_member", "outsider"]


def _containers(world):
    return [world.workspace, world.open_group, world.private_group, world.other_workspace]


def test_which_users_may_view_agrees_with_the_per_object_check(world):
    root = superuser()
    people = [getattr(world, p) for p in PERSONAS] + [world.removed, root]
    for container in _containers(world):
        listed = set(users_who_may_view(container).values_list("pk", flat=True))
        for person in people:
            may = container_access(person, container).can(Action.VIEW)
            assert (person.pk in listed) == may, (container, person)


def test_private_group_viewers_are_its_members_and_superusers_only(world):
    viewers = set(users_who_may_view(world.private_group))
    assert world.member in viewers and world.observer in viewers
    assert world.non_group_member not in viewers
    assert world.removed not in viewers
    assert world.outsider not in viewers


def test_inactive_people_and_strangers_may_not_view(world):
    world.member.is_active = False
    world.member.save()
    stranger = UserFactory()
    viewers = set(users_who_may_view(world.workspace))
    assert world.member not in viewers and stranger not in viewers


def test_which_users_may_manage_lists_lead_and_community_manager(world):
    managers = set(users_with(world.workspace, Action.MANAGE).filter(is_superuser=False))
    assert managers == {world.lead, world.community_manager}


def test_a_superuser_mentioned_in_a_private_group_is_notified_like_any_viewer(world):
    from microblog import services as microblog
    from workspaces.models import Notification

    root = superuser()
    root.display_name = "Operator Olga"
    root.save()
    microblog.post_create(
        actor=world.member, container=world.private_group, text="Please check @operator.olga"
    )
    assert Notification.objects.filter(recipient=root, group=world.private_group).exists()
    outsider_named = Notification.objects.filter(recipient=world.non_group_member)
    assert not outsider_named.exists()
