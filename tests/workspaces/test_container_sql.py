"""``container_get`` finds the container of a URL and the viewer's codenames on it in one
SQL query (workspaces/container_sql.py); it must give what the ORM lookup and
``container_access`` give, for every persona, every kind of container, a superuser, an
inactive account and a visitor."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.forms.models import model_to_dict
from django.http import Http404

from tests.factories import UserFactory
from workspaces.access import container_access, container_get
from workspaces.models import Group, Workspace

pytestmark = pytest.mark.django_db

PERSONAS = [
    "lead",
    "community_manager",
    "member",
    "observer",
    "non_group_member",
    "outsider",
    "removed",
]


def _by_orm(user, path):
    """The lookup as the ORM did it: the container, then container_access."""
    workspace_slug, _, group_slug = path.partition("/g/")
    if group_slug:
        container = (
            Group.objects.select_related("workspace")
            .filter(workspace__slug=workspace_slug, slug=group_slug)
            .first()
        )
    else:
        container = Workspace.objects.filter(slug=workspace_slug).first()
    if container is None:
        return None
    access = container_access(user, container)
    return access if access.can("view") else None


def _by_sql(user, path):
    try:
        return container_get(user, path)
    except Http404:
        return None


def _paths(world):
    return [
        world.workspace.container_path,
        world.open_group.container_path,
        world.private_group.container_path,
        world.other_workspace.container_path,
        f"{world.workspace.slug}/g/no-such-group",
        f"{world.other_workspace.slug}/g/{world.open_group.slug}",  # a group of another
        "no-such-workspace",
    ]


def _viewers(world):
    superuser = UserFactory(is_superuser=True, is_staff=True)
    inactive = world.member.__class__.objects.get(pk=world.member.pk)
    inactive.is_active = False
    return [*(getattr(world, p) for p in PERSONAS), superuser, inactive, AnonymousUser()]


def test_the_sql_lookup_gives_the_orm_s_container_and_actions(world, django_assert_num_queries):
    seen = 0
    for viewer in _viewers(world):
        for path in _paths(world):
            expected = _by_orm(viewer, path)
            with django_assert_num_queries(
                1 if viewer.is_authenticated and viewer.is_active else 0
            ):
                found = _by_sql(viewer, path)
                if found is not None:
                    assert found.workspace.name  # loaded with a group, no query
            if expected is None:
                assert found is None, (viewer, path)
                continue
            seen += 1
            assert found is not None, (viewer, path)
            assert type(found.container) is type(expected.container)
            assert model_to_dict(found.container) == model_to_dict(expected.container)
            assert model_to_dict(found.workspace) == model_to_dict(expected.workspace)
            assert found.actions == expected.actions, (viewer, path)
    assert seen >= 15


def test_a_container_s_dates_and_flags_arrive_as_the_orm_reads_them(world):
    from django.utils import timezone

    Workspace.objects.filter(pk=world.workspace.pk).update(
        kickoff_completed_at=timezone.now(), require_two_factor=True
    )
    found = container_get(world.lead, world.open_group.container_path)
    workspace = Workspace.objects.get(pk=world.workspace.pk)
    assert found.workspace.kickoff_completed_at == workspace.kickoff_completed_at
    assert found.workspace.kickoff_completed_at.tzinfo is not None
    assert found.workspace.require_two_factor is True
    assert found.container.created_at == Group.objects.get(pk=world.open_group.pk).created_at
