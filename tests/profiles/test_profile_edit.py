"""Editing a profile: only the owner (and superusers); every field, tasks per workspace."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from profiles import services
from profiles.models import Profile, ProfileTask, Tag
from tests.factories import add_member, make_workspace, superuser
from tests.profiles.helpers import edit_data
from workspaces.roles import Role

EDIT_ME = reverse("profiles:profile_edit_me")


def edit_url(user):
    return reverse("profiles:profile_edit", args=[user.pk])


def snapshot(user):
    user.refresh_from_db()
    profile = Profile.objects.get(user=user)
    return (
        user.display_name,
        user.digest_frequency,
        profile.job_title,
        profile.about,
        profile.time_zone,
        profile.links,
        sorted(profile.tags.values_list("name", flat=True)),
        sorted(ProfileTask.objects.filter(user=user).values_list("text", flat=True)),
    )


def test_new_people_get_an_empty_profile(world):
    assert Profile.objects.filter(user=world.member, job_title="").exists()


def test_owner_edits_every_field_and_their_tasks(world, client_for):
    client = client_for(world.member)
    form = client.get(EDIT_ME)
    assert form.status_code == 200
    assert f'name="tasks_{world.workspace.pk}"' in form.content.decode()
    response = client.post(
        EDIT_ME,
        edit_data(
            display_name="Mia Member",
            digest_frequency="daily",
            job_title="Policy officer",
            about="Hello *team*",
            skills="Regulatory affairs, GIS, gis , Offshore wind",
            interests="Sailing; Jazz",
            languages="English, German",
            location="Hamburg",
            time_zone="Europe/Berlin",
            phone="+49 40 123456",
            links="https://example.org/mia\n\nhttps://linkedin.example/mia",
            **{f"tasks_{world.workspace.pk}": "Permits for the cable route"},
        ),
    )
    assert response.status_code == 302
    assert response["Location"] == world.member.get_absolute_url()
    assert snapshot(world.member) == (
        "Mia Member",
        "daily",
        "Policy officer",
        "Hello *team*",
        "Europe/Berlin",
        "https://example.org/mia\nhttps://linkedin.example/mia",
        ["GIS", "Jazz", "Offshore wind", "Regulatory affairs", "Sailing"],
        ["Permits for the cable route"],
    )
    profile = Profile.objects.get(user=world.member)
    assert profile.about_html == "<p>Hello <em>team</em></p>"
    assert {t.kind for t in profile.skills} == {Tag.Kind.SKILL}
    assert [t.name for t in profile.interests] == ["Jazz", "Sailing"]


def test_tags_are_shared_between_people_case_insensitively(world):
    services.profile_save(actor=world.member, user=world.member, changes={"skills": ["GIS"]})
    services.profile_save(actor=world.lead, user=world.lead, changes={"skills": ["gis"]})
    assert Tag.objects.filter(kind=Tag.Kind.SKILL, slug="gis").count() == 1
    # A skill and an interest of the same name stay apart.
    services.profile_save(actor=world.lead, user=world.lead, changes={"interests": ["GIS"]})
    assert Tag.objects.filter(slug="gis").count() == 2


def test_emptying_a_task_removes_it(world):
    services.profile_save(actor=world.member, user=world.member, tasks={world.workspace.pk: "x"})
    services.profile_save(actor=world.member, user=world.member, tasks={world.workspace.pk: " "})
    assert not ProfileTask.objects.filter(user=world.member).exists()


def test_the_form_offers_tasks_for_each_of_my_workspaces_only(world, client_for):
    second, _ = make_workspace("Second Alliance")
    add_member(second, Role.MEMBER, user=world.member)
    page = client_for(world.member).get(EDIT_ME).content.decode()
    assert "My tasks in Green Alliance" in page and "My tasks in Second Alliance" in page
    assert f"tasks_{world.other_workspace.pk}" not in page


@pytest.mark.parametrize("other", ["lead", "community_manager", "observer"])
def test_colleagues_may_not_edit_someone_elses_profile(other, world, client_for):
    before = snapshot(world.member)
    client = client_for(getattr(world, other))
    assert client.get(edit_url(world.member)).status_code == 403
    response = client.post(edit_url(world.member), edit_data(job_title="Hacked"))
    assert response.status_code == 403
    assert snapshot(world.member) == before


def test_outsider_gets_404_on_the_edit_page(world, client_for):
    response = client_for(world.outsider).post(edit_url(world.member), edit_data())
    assert response.status_code == 404


def test_superuser_edits_anyone(world, client_for):
    response = client_for(superuser()).post(
        edit_url(world.member), edit_data(display_name="Renamed", job_title="Engineer")
    )
    assert response.status_code == 302
    assert snapshot(world.member)[:3] == ("Renamed", "weekly", "Engineer")


def test_owner_may_use_the_pk_edit_url_too(world, client_for):
    response = client_for(world.member).post(edit_url(world.member), edit_data(job_title="Own"))
    assert response.status_code == 302


def test_service_refuses_other_editors(world):
    with pytest.raises(PermissionDenied):
        services.profile_save(actor=world.lead, user=world.member, changes={"job_title": "x"})


def test_service_refuses_tasks_for_a_workspace_the_person_is_not_in(world):
    before = snapshot(world.member)
    with pytest.raises(ValidationError):
        services.profile_save(
            actor=world.member,
            user=world.member,
            changes={"job_title": "Changed"},
            tasks={world.other_workspace.pk: "Sneaky"},
        )
    assert snapshot(world.member) == before


BAD_FIELDS = {
    "unknown time zone": ({"time_zone": "Mars/Olympus_Mons"}, "Select a valid choice"),
    "javascript link": ({"links": "javascript:alert(1)"}, "Not web addresses"),
    "phone with letters": ({"phone": "call me maybe"}, "Enter a phone number"),
    "empty name": ({"display_name": ""}, "This field is required"),
    "bad digest": ({"digest_frequency": "hourly"}, "Select a valid choice"),
    "tag without letters": ({"skills": "GIS, !!!"}, "needs at least one letter or digit"),
    "too many skills": ({"skills": ", ".join(f"skill {i}" for i in range(21))}, "at most 20"),
}


@pytest.mark.parametrize("case", BAD_FIELDS)
def test_invalid_input_is_refused_with_a_message_and_nothing_changes(case, world, client_for):
    before = snapshot(world.member)
    fields, message = BAD_FIELDS[case]
    data = edit_data(job_title="Should not be saved", **fields)
    response = client_for(world.member).post(EDIT_ME, data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert snapshot(world.member) == before


def test_time_zone_is_validated_by_the_model_too(world):
    with pytest.raises(ValidationError):
        services.profile_save(
            actor=world.member, user=world.member, changes={"time_zone": "Nowhere/Land"}
        )
