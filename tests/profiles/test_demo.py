"""The demo shows every part of profiles from the first page."""

import pytest
from django.urls import reverse

from profiles.completeness import completeness
from profiles.models import Profile, ProfileTask
from workspaces.models import Workspace

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(seeded_demo):
    return {p.user.email.split("@")[0]: p for p in Profile.objects.select_related("user")}


def score(profile):
    workspaces = list(profile.user.memberships.values_list("workspace_id", flat=True))
    tasks = dict(ProfileTask.objects.filter(user=profile.user).values_list("workspace_id", "text"))
    return completeness(profile, workspace_ids=workspaces, tasks_by_workspace=tasks).percent


def test_demo_people_have_profiles_photos_and_one_is_complete(demo):
    assert score(demo["anna"]) == 100
    assert demo["anna"].has_photo and demo["sofia"].has_photo
    assert not demo["tom"].has_photo and not demo["noor"].has_photo
    assert 0 < score(demo["lars"]) < 100
    assert {t.name for t in demo["elif"].skills} >= {"Regulatory affairs"}
    # Sofia describes her tasks in both alliances.
    assert ProfileTask.objects.filter(user=demo["sofia"].user).count() == 2


def test_demo_directory_answers_who_knows_about_regulatory_affairs(demo, client):
    client.force_login(demo["marco"].user)
    north = Workspace.objects.get(slug="north-sea")
    response = client.get(reverse("profiles:directory", args=[north]), {"q": "regulatory affairs"})
    page = response.content.decode()
    assert "Anna Lindqvist" in page and "Elif Kaya" in page
    assert "Greta Müller" not in page  # she is in the other alliance
    photo = client.get(reverse("profiles:photo", args=[demo["anna"].user.pk, "medium"]))
    assert photo.status_code == 200
