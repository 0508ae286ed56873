"""The profile page's reads written in SQL (profiles/person_sql.py) must answer what
their ORM rules answered, for every viewer and every person: who is visible at all
(a removed member no longer sees the people of the workspace they left), the person's
profile and tags, and which of their memberships the viewer sees, with their tasks."""

import pytest
from django.http import Http404

from profiles import selectors, services
from profiles.models import Profile, ProfileTask, Tag, User
from profiles.policies import people_visible_to, sees_every_membership, workspace_ids_of
from tests.factories import UserFactory, add_member
from workspaces.models import Membership

pytestmark = pytest.mark.django_db


def values(instance):
    if instance is None:
        return None
    return {field.attname: getattr(instance, field.attname) for field in instance._meta.fields}


def orm_person(viewer, pk):
    person = people_visible_to(viewer).filter(pk=pk).select_related("profile").first()
    if person is None:
        return None
    profile = selectors.profile_of(person)
    tags = list(profile.tags.order_by("name")) if profile else []
    return values(person), values(profile), sorted((t.kind, t.name) for t in tags)


def orm_memberships(viewer, person):
    rows = Membership.objects.filter(user=person).select_related("workspace", "organisation")
    if not sees_every_membership(viewer, person):
        rows = rows.filter(workspace_id__in=workspace_ids_of(viewer))
    tasks = dict(ProfileTask.objects.filter(user=person).values_list("workspace_id", "text"))
    return [
        (values(m), values(m.workspace), values(m.organisation), tasks.get(m.workspace_id, ""))
        for m in rows.order_by("workspace__name", "pk")
    ]


@pytest.fixture
def people(world):
    """Every persona, one in both workspaces with tags and tasks, one with no profile."""
    both = add_member(world.workspace)
    add_member(world.other_workspace, user=both)
    services.profile_save(
        actor=both,
        user=both,
        changes={"skills": ["Hydrology", "GIS"], "interests": ["Soil"], "job_title": "Analyst"},
        tasks={world.workspace.pk: "Maps", world.other_workspace.pk: "Rivers"},
    )
    no_profile = UserFactory()
    Profile.objects.filter(user=no_profile).delete()  # an account from before profiles
    return [*world.every_viewer(), both, no_profile]


def test_person_memberships_and_tags_are_the_orms_for_every_viewer(world, people):
    assert Tag.objects.exists() and ProfileTask.objects.exists()
    seen = 0
    for viewer in world.every_viewer():
        for person in people:
            expected = orm_person(viewer, person.pk)
            try:
                got = selectors.person_get_for(viewer=viewer, pk=person.pk)
            except Http404:
                assert expected is None
                continue
            profile = selectors.profile_of(got)
            tags = [*profile.skills, *profile.interests] if profile else []
            assert (values(got), values(profile), sorted((t.kind, t.name) for t in tags)) == (
                expected
            )
            memberships = selectors.shared_memberships_for(viewer=viewer, person=got)
            assert [
                (values(m), values(m.workspace), values(m.organisation), m.tasks)
                for m in memberships
            ] == orm_memberships(viewer, person)
            seen += 1
    assert 0 < seen < len(world.every_viewer()) * len(people)
    assert User.objects.filter(profile__isnull=True).exists()
