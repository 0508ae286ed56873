"""Journey 2: a new member completes their profile with a photo and sees it reach 100 %;
a colleague finds them in the directory by a skill."""

import pytest
from django.utils import timezone
from PIL import Image

from tests.factories import PASSWORD, UserFactory, add_member, make_workspace
from workspaces.models import Membership

pytestmark = pytest.mark.django_db(transaction=True)


def _photo(folder):
    path = folder / "portrait.png"
    Image.new("RGB", (400, 300), (40, 110, 160)).save(path)
    return path


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_new_member_completes_profile_and_colleague_finds_them_by_skill(people, tmp_path, viewport):
    workspace, _lead = make_workspace("North Sea Alliance")
    newcomer = add_member(workspace, user=UserFactory(display_name="Ada Lovelace"))
    colleague = add_member(workspace, user=UserFactory(display_name="Grace Hopper"))
    Membership.objects.filter(user=colleague).update(welcomed_at=timezone.now())

    ada = people("ada", viewport)
    ada.sign_in(newcomer.email, PASSWORD)
    page = ada.page
    ada.open_menu()
    page.locator("summary", has_text="Ada Lovelace").click()
    page.get_by_role("link", name="My profile").click()
    page.get_by_role("heading", name="Your profile is 0 % complete").wait_for()
    ada.check("profile before")
    page.get_by_role("link", name="Edit my profile").first.click()
    ada.check("profile form")
    page.get_by_label("Job title").fill("Marine data analyst")
    page.get_by_label("About me").fill("I turn **sensor data** into maps.")
    page.locator("#id_photo").set_input_files(_photo(tmp_path))
    page.get_by_label("My tasks in North Sea Alliance").fill("Maintains the shared GIS layers.")
    page.get_by_label("Skills").fill("Offshore GIS, Python")
    page.get_by_label("Hobbies and interests").fill("Sailing")
    page.get_by_label("Languages").fill("English, Dutch")
    page.get_by_label("Location").fill("Delft, NL")
    page.get_by_label("Time zone").select_option("Europe/Amsterdam")
    page.get_by_label("Phone").fill("+31 15 123 4567")
    page.get_by_role("button", name="Save profile").click()

    page.get_by_role("heading", name="Your profile is 100 % complete").wait_for()
    assert page.get_by_text("Everything is filled in. Thank you!").is_visible()
    photo = page.locator(".profile-head img")
    assert "/photo/" in photo.get_attribute("src")
    assert page.get_by_text("Marine data analyst").is_visible()
    ada.check("profile complete")

    grace = people("grace", viewport)
    grace.sign_in(colleague.email, PASSWORD)
    page = grace.goto(workspace.get_absolute_url())
    page.get_by_role("navigation", name="Workspace").get_by_role("link", name="People").click()
    page.get_by_role("heading", name="People in North Sea Alliance").wait_for()
    grace.check("directory")
    page.get_by_label("Skill").select_option(label="Offshore GIS")
    page.get_by_role("button", name="Find").click()
    page.get_by_text("1 of the members match.").wait_for()
    results = page.locator("#results")
    assert results.get_by_role("link", name="Ada Lovelace").is_visible()
    assert results.get_by_role("link", name="Grace Hopper").count() == 0
    grace.check("directory by skill")
    results.get_by_role("link", name="Ada Lovelace").click()
    page.get_by_role("heading", name="Ada Lovelace").wait_for()
    assert page.get_by_text("Maintains the shared GIS layers.").is_visible()
    grace.check("colleague profile")
