"""The people directory of a workspace or group: who is here, filters, search, speed."""

import pytest
from django.urls import reverse

from profiles import services
from profiles.models import Profile
from profiles.views import DIRECTORY_PAGE
from tests.factories import OrganisationFactory, add_member, make_workspace
from workspaces.models import Membership
from workspaces.roles import Role


def directory(container, **params):
    return reverse("profiles:directory", args=[container]), params


def get(client, container, **params):
    url, params = directory(container, **params)
    return client.get(url, params)


def fill(user, name, skills=(), interests=(), tasks="", workspace=None, **changes):
    services.profile_save(
        actor=user,
        user=user,
        changes={"display_name": name, "skills": list(skills), "interests": list(interests)}
        | changes,
        tasks={workspace.pk: tasks} if workspace else None,
    )
    user.refresh_from_db()


@pytest.fixture
def people(world):
    ws = world.workspace
    fill(world.member, "Mia Member", ["Regulatory affairs"], ["Sailing"], "Permits", ws)
    fill(world.observer, "Otto Observer", ["GIS"], ["Jazz"], job_title="Cartographer")
    fill(world.lead, "Lena Lead", ["Offshore wind", "Regulatory affairs"], ["Jazz"])
    fill(world.outsider, "Oscar Outsider", ["Regulatory affairs"])
    return world


def names_in(response):
    page = response.content.decode()
    people = ["Mia Member", "Otto Observer", "Lena Lead", "Oscar Outsider"]
    people += [str(p) for p in ("community_manager", "non_group_member")]
    return {name for name in people if f">{name}</a>" in page}


def test_directory_lists_every_member_with_organisation_role_and_tasks(people, client_for):
    response = get(client_for(people.observer), people.workspace)
    assert response.status_code == 200
    page = response.content.decode()
    assert names_in(response) == {"Mia Member", "Otto Observer", "Lena Lead"}
    assert str(people.community_manager) in page and str(people.non_group_member) in page
    assert str(people.removed) not in page
    membership = Membership.objects.get(workspace=people.workspace, user=people.member)
    assert str(membership.organisation) in page
    assert "Community manager" in page and "Observer" in page
    assert "Permits" in page
    faces = page.count('class="avatar avatar-small avatar-initials')
    assert faces == len(response.context["rows"]) == 5  # a face on every row


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("regulatory affairs", {"Mia Member", "Lena Lead"}),
        ("  REGULATORY   affairs ", {"Mia Member", "Lena Lead"}),
        ("jazz", {"Otto Observer", "Lena Lead"}),
        ("otto", {"Otto Observer"}),
        ("cartographer", {"Otto Observer"}),
        ("quantum chromodynamics", set()),
    ],
)
def test_search_by_name_skill_interest_or_job_title(query, expected, people, client_for):
    response = get(client_for(people.member), people.workspace, q=query)
    assert response.status_code == 200
    assert names_in(response) == expected


def test_filters_by_skill_interest_organisation_and_role(people, client_for):
    client = client_for(people.member)
    assert names_in(get(client, people.workspace, skill="gis")) == {"Otto Observer"}
    assert names_in(get(client, people.workspace, interest="jazz")) == {
        "Otto Observer",
        "Lena Lead",
    }
    assert names_in(get(client, people.workspace, role=Role.LEAD)) == {"Lena Lead"}
    org = Membership.objects.get(workspace=people.workspace, user=people.member).organisation
    assert names_in(get(client, people.workspace, organisation=org.pk)) == {"Mia Member"}
    combined = get(client, people.workspace, skill="regulatory-affairs", interest="jazz")
    assert names_in(combined) == {"Lena Lead"}


def test_tags_link_to_everyone_sharing_them(people, client_for):
    page = get(client_for(people.member), people.workspace).content.decode()
    url = reverse("profiles:directory", args=[people.workspace])
    assert f'href="{url}?skill=regulatory-affairs"' in page
    assert f'href="{url}?interest=sailing"' in page


def test_unknown_filter_values_are_refused_with_a_message(people, client_for):
    response = get(client_for(people.member), people.workspace, role="emperor", organisation="x")
    assert response.status_code == 400
    page = response.content.decode()
    assert "Some filters were not understood" in page
    assert "Select a valid choice" in page


def test_private_group_directory_shows_only_its_members(people, client_for):
    response = get(client_for(people.member), people.private_group)
    assert response.status_code == 200
    assert names_in(response) == {"Mia Member", "Otto Observer", "Lena Lead"}
    page = response.content.decode()
    assert str(people.community_manager) in page
    assert str(people.non_group_member) not in page


def test_open_group_directory_shows_the_workspace_members(people, client_for):
    page = get(client_for(people.non_group_member), people.open_group).content.decode()
    assert str(people.non_group_member) in page and "Mia Member" in page


def test_non_members_of_a_private_group_get_404(people, client_for):
    response = get(client_for(people.non_group_member), people.private_group)
    assert response.status_code == 404


@pytest.mark.parametrize("manager", ["lead", "community_manager"])
def test_managers_see_each_members_profile_completeness(manager, people, client_for):
    page = get(client_for(getattr(people, manager)), people.workspace).content.decode()
    assert '<th scope="col">Profile</th>' in page
    # Mia: skills, interests, tasks and name only -> 30 %, the rest listed as missing.
    assert '<summary class="nowrap">30&nbsp;%</summary>' in page
    assert "<li>Photo</li>" in page


@pytest.mark.parametrize("viewer", ["member", "observer"])
def test_other_members_do_not_see_completeness(viewer, people, client_for):
    page = get(client_for(getattr(people, viewer)), people.workspace).content.decode()
    assert '<th scope="col">Profile</th>' not in page
    assert "%</summary>" not in page and "complete nowrap" not in page


def test_htmx_request_gets_only_the_results(people, client_for):
    url, _ = directory(people.workspace)
    response = client_for(people.member).get(url, {"q": "jazz"}, HTTP_HX_REQUEST="true")
    page = response.content.decode()
    assert "<html" not in page and "<form" not in page
    assert "Otto Observer" in page and "Mia Member" not in page


def test_people_link_is_in_the_container_navigation(people, client_for):
    response = client_for(people.member).get(people.private_group.get_absolute_url())
    links = dict(response.context["container_links"])
    assert links["People"] == reverse("profiles:directory", args=[people.private_group])


def _alliance_of(size):
    """A workspace with ``size`` members with full profiles (tags, tasks, half with photos)."""
    workspace, lead = make_workspace(f"Big Alliance {size}")
    organisations = [OrganisationFactory() for _ in range(3)]
    for i in range(size - 1):
        add_member(workspace, Role.MEMBER, organisation=organisations[i % 3])
    users = [m.user for m in workspace.memberships.select_related("user")]
    for i, user in enumerate(users):
        fill(
            user,
            f"Person {i:03}",
            ["Regulatory affairs", f"Skill {i % 7}"],
            [f"Hobby {i % 5}"],
            f"Task {i}",
            workspace,
            job_title="Engineer",
        )
    # Half of them have a photo (only the names matter for the listing).
    Profile.objects.filter(user__in=users[::2]).update(
        photo_files={"small": "x.jpg", "medium": "y.jpg", "large": "z.jpg"}, photo_version="v1"
    )
    return workspace, lead, users


# Session, user, container, permissions, filter options (1), members with tags and
# tasks (3), navigation = 9, whatever the number of members (the warm-up visit takes
# the first-visit bookkeeping).
MAX_DIRECTORY_QUERIES = 9


@pytest.mark.parametrize("size", [5, 200])
@pytest.mark.parametrize("params", [{}, {"q": "regulatory affairs", "interest": "hobby-1"}])
def test_directory_runs_a_fixed_number_of_queries(
    size, params, db, client_for, django_assert_max_num_queries
):
    workspace, lead, users = _alliance_of(size)
    for viewer in (lead, users[-1]):  # a manager (with completeness) and a member
        client = client_for(viewer)
        get(client, workspace, **params)  # warm-up: a session's first visit is also noted
        with django_assert_max_num_queries(MAX_DIRECTORY_QUERIES):
            response = get(client, workspace, **params)
        assert response.status_code == 200
        page = response.content.decode()
        if not params:
            assert page.count('class="avatar avatar-small') == min(size, DIRECTORY_PAGE)


def test_directory_pages_through_a_big_alliance_fifty_people_at_a_time(db, client_for):
    workspace, lead, users = _alliance_of(120)
    client = client_for(users[0])
    seen, url, pages = [], reverse("profiles:directory", args=[workspace]), 0
    while url:
        response = client.get(url)
        assert response.status_code == 200
        seen += [row.membership.pk for row in response.context["rows"]]
        cursor = response.context["next_cursor"]
        url = f"{reverse('profiles:directory', args=[workspace])}?after={cursor}" if cursor else ""
        pages += 1
    assert pages == 3
    assert len(seen) == len(set(seen)) == workspace.memberships.count()


def test_a_tampered_directory_cursor_starts_from_the_first_page(db, client_for):
    workspace, lead, users = _alliance_of(60)
    response = client_for(lead).get(
        reverse("profiles:directory", args=[workspace]), {"after": "forged"}
    )
    assert response.status_code == 200
    assert len(response.context["rows"]) == DIRECTORY_PAGE
    assert response.context["next_cursor"]
