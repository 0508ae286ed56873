"""The profile page: who may see it, what it shows, and the sections other apps add."""

import pytest
from django.urls import reverse
from django.utils import timezone

from alliance_hub import hooks
from profiles import services
from tests.factories import UserFactory, add_member, make_workspace, superuser
from workspaces.roles import Role


def profile_url(user):
    return reverse("profiles:profile_detail", args=[user.pk])


def test_user_get_absolute_url_is_the_profile_page(world):
    assert world.member.get_absolute_url() == f"/people/{world.member.pk}/"


@pytest.mark.parametrize("viewer", ["lead", "community_manager", "observer", "non_group_member"])
def test_anyone_sharing_a_workspace_sees_the_profile(viewer, world, client_for):
    response = client_for(getattr(world, viewer)).get(profile_url(world.member))
    assert response.status_code == 200
    assert world.member.display_name in response.content.decode()


@pytest.mark.parametrize("viewer", ["outsider", "removed"])
def test_someone_sharing_no_workspace_gets_404(viewer, world, client_for):
    response = client_for(getattr(world, viewer)).get(profile_url(world.member))
    assert response.status_code == 404


def test_a_removed_member_is_no_longer_visible_to_former_colleagues(world, client_for):
    assert client_for(world.member).get(profile_url(world.removed)).status_code == 404


def test_missing_person_gets_404_like_a_hidden_one(world, client_for):
    response = client_for(world.member).get(reverse("profiles:profile_detail", args=[999999]))
    assert response.status_code == 404


def test_superuser_sees_anyone_and_a_person_sees_themselves(world, client_for):
    loner = UserFactory()
    assert client_for(superuser()).get(profile_url(loner)).status_code == 200
    assert client_for(loner).get(profile_url(loner)).status_code == 200


def test_anonymous_visitor_is_sent_to_sign_in(world, client_for):
    response = client_for(None).get(profile_url(world.member))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_only_shared_memberships_are_shown_with_their_tasks(world, client_for):
    # The member also belongs to a second alliance that the observer is not part of.
    secret_ws, _ = make_workspace("Secret Alliance")
    add_member(secret_ws, Role.OBSERVER, user=world.member)
    services.profile_save(
        actor=world.member,
        user=world.member,
        tasks={world.workspace.pk: "Leads the grid study", secret_ws.pk: "Secret task"},
    )
    page = client_for(world.observer).get(profile_url(world.member)).content.decode()
    assert world.workspace.name in page
    assert "Leads the grid study" in page
    assert "Secret Alliance" not in page and "Secret task" not in page
    own = client_for(world.member).get(profile_url(world.member)).content.decode()
    assert "Secret Alliance" in own and "Secret task" in own


def test_profile_shows_the_details_and_tag_links_to_the_directory(world, client_for):
    services.profile_save(
        actor=world.member,
        user=world.member,
        changes={
            "job_title": "Grid planner",
            "about": "I like **maps**.<script>alert(1)</script>",
            "skills": ["Regulatory affairs", "GIS"],
            "interests": ["Sailing"],
            "languages": "English, Dutch",
            "location": "Delft",
            "time_zone": "Europe/Amsterdam",
            "phone": "+31 15 123 4567",
            "links": "https://example.org/ada",
        },
    )
    page = client_for(world.lead).get(profile_url(world.member)).content.decode()
    for text in ["Grid planner", "<strong>maps</strong>", "English, Dutch", "Delft", "Local time"]:
        assert text in page
    assert "<script>alert(1)</script>" not in page
    directory = reverse("profiles:directory", args=[world.workspace])
    assert f'href="{directory}?skill=regulatory-affairs"' in page
    assert f'href="{directory}?interest=sailing"' in page
    assert 'href="tel:+31151234567"' in page
    assert 'href="https://example.org/ada" rel="nofollow noopener noreferrer"' in page


def test_the_user_menu_links_to_my_profile(world, client_for):
    page = client_for(world.member).get(reverse("workspaces:home")).content.decode()
    assert f'href="{profile_url(world.member)}">My profile</a>' in page


@pytest.fixture
def recent_posts_section():
    calls = []

    def section(viewer, person):
        calls.append((viewer, person))
        return {
            "title": "Recent posts",
            "items": [
                {"label": f"A post by {person}", "url": "/somewhere/", "when": timezone.now()}
            ],
        }

    def nothing_to_show(viewer, person):
        return None

    with (
        hooks.registered(hooks.PROFILE_SECTION, section),
        hooks.registered(hooks.PROFILE_SECTION, nothing_to_show),
    ):
        yield calls


def test_sections_registered_by_other_apps_are_rendered(world, client_for, recent_posts_section):
    page = client_for(world.lead).get(profile_url(world.member)).content.decode()
    assert "Recent posts" in page
    assert f"A post by {world.member}" in page
    assert recent_posts_section == [(world.lead, world.member)]
    assert page.count("<h2") == 6  # about, collaboration, one section, skills, interests, contact


def _busy_person(world, workspaces, tags):
    person = world.member
    for i in range(workspaces):
        ws, _ = make_workspace(f"Extra {i}")
        add_member(ws, Role.MEMBER, user=person)
        add_member(ws, Role.MEMBER, user=world.lead)
    services.profile_save(
        actor=person,
        user=person,
        changes={"skills": [f"Skill {i}" for i in range(tags)], "interests": ["Chess"]},
        tasks={m.workspace_id: "Work" for m in person.memberships.all()},
    )
    return person


@pytest.mark.parametrize(("workspaces", "tags"), [(0, 1), (6, 20)])
def test_profile_page_runs_a_fixed_number_of_queries(
    workspaces, tags, world, client_for, django_assert_max_num_queries
):
    person = _busy_person(world, workspaces, tags)
    for viewer in (world.lead, person):  # a colleague, and the owner (with completeness)
        client = client_for(viewer)
        client.get(profile_url(person))  # warm-up: a session's first visit is also noted
        # 7 for the page itself, plus one per registered profile section (documents,
        # blog posts, status posts): still fixed whatever the amount of data.
        with django_assert_max_num_queries(10):
            response = client.get(profile_url(person))
        assert response.status_code == 200
        assert response.content.decode().count("Work</td>") == workspaces + 1
