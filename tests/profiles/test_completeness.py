"""Profile completeness: a percentage and what is missing, shown to the person."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from profiles import services
from profiles.completeness import ITEMS
from tests.factories import add_member, make_workspace
from tests.profiles.helpers import image_bytes
from workspaces.roles import Role


def own_page(client, user):
    return client.get(reverse("profiles:profile_detail", args=[user.pk])).content.decode()


def complete_profile(user, workspace):
    services.profile_save(
        actor=user,
        user=user,
        changes={
            "job_title": "Hydrologist",
            "about": "Rivers.",
            "skills": ["Water quality"],
            "interests": ["Rowing"],
            "languages": "German",
            "location": "Koblenz",
            "time_zone": "Europe/Berlin",
            "phone": "+49 261 1234",
        },
        tasks={workspace.pk: "Sampling campaign"},
        photo=SimpleUploadedFile("me.png", image_bytes("PNG")),
    )


def test_an_empty_profile_lists_everything_missing_with_links_to_fill_it(world, client_for):
    page = own_page(client_for(world.member), world.member)
    assert "Your profile is 0 % complete" in page
    edit = reverse("profiles:profile_edit_me")
    for anchor in ["id_photo", "id_job_title", "tasks", "id_about", "id_skills", "id_phone"]:
        assert f'href="{edit}#{anchor}"' in page
    for _key, label in ITEMS:
        assert label in page


def test_the_anchors_exist_on_the_edit_page(world, client_for):
    page = client_for(world.member).get(reverse("profiles:profile_edit_me")).content.decode()
    for anchor in ["id_photo", "id_job_title", "tasks", "id_about", "id_skills", "id_interests"]:
        assert f'id="{anchor}"' in page
    for anchor in ["id_languages", "id_location", "id_time_zone", "id_phone"]:
        assert f'id="{anchor}"' in page


def test_a_full_profile_is_100_percent(world, client_for):
    complete_profile(world.member, world.workspace)
    page = own_page(client_for(world.member), world.member)
    assert "Your profile is 100 % complete" in page
    assert "Still missing" not in page


def test_tasks_count_only_when_described_in_every_workspace(world, client_for):
    complete_profile(world.member, world.workspace)
    second, _ = make_workspace("Second Alliance")
    add_member(second, Role.MEMBER, user=world.member)
    page = own_page(client_for(world.member), world.member)
    assert "Your profile is 90 % complete" in page
    assert "Tasks in the collaboration" in page


def test_others_do_not_see_the_completeness_on_the_profile_page(world, client_for):
    page = own_page(client_for(world.lead), world.member)
    assert "% complete" not in page
