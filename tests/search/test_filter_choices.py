"""The search page's filter choices, and the containers it searches in, are one query
written in SQL (search.selectors.filter_choices); it must agree with the access layer's
rule (workspaces_visible_to, groups_visible_to, the workspaces' partners) for every
kind of viewer."""

import pytest

from search.selectors import filter_choices
from tests.factories import UserFactory, add_member, make_group
from workspaces import services
from workspaces.access import groups_visible_to, workspaces_visible_to
from workspaces.models import Organisation

pytestmark = pytest.mark.django_db


@pytest.fixture
def wider_world(world):
    """The member also in another workspace, and removed from a private group."""
    add_member(world.other_workspace, user=world.member)
    left = make_group(world.workspace, "Left behind", is_private=True, members=[world.member])
    services.group_member_remove(actor=world.lead, group=left, user=world.member)
    return world


def _by_the_orm(user):
    workspaces = list(workspaces_visible_to(user).order_by("name"))
    groups = list(groups_visible_to(user).order_by("name"))
    partners = Organisation.objects.filter(workspaces__in=workspaces).distinct().order_by("name")
    return workspaces, groups, [(o.pk, o.name) for o in partners]


def test_the_choices_are_the_containers_and_partners_the_viewer_may_see(wider_world):
    for viewer in wider_world.every_viewer():
        workspaces, groups, organisations = _by_the_orm(viewer)
        choices = filter_choices(user=viewer)
        assert choices.visible.workspaces == {w.pk: w.name for w in workspaces}, viewer
        assert choices.visible.groups == {g.pk: g.name for g in groups}, viewer
        assert choices.organisations == organisations, viewer
        expected = []
        for workspace in workspaces:
            expected.append((workspace.container_path, workspace.name))
            expected += [
                (group.container_path, f"{workspace.name} › {group.name}")
                for group in groups
                if group.workspace_id == workspace.pk
            ]
        assert choices.containers == expected, viewer
        assert {path: scope.pk for path, scope in choices.scopes.items()} == {
            c.container_path: c.pk for c in [*workspaces, *groups]
        }, viewer


def test_someone_in_no_workspace_gets_no_choices(world):
    choices = filter_choices(user=UserFactory())
    assert choices.containers == [] and choices.organisations == []
    assert not choices.visible.workspaces and not choices.visible.groups
