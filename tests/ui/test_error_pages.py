"""The 400, 403, 404 and 500 pages: in the site's layout, saying what to do next, and
a 403 names the role that would allow the action."""

import pytest
from django.core.exceptions import PermissionDenied
from django.test import RequestFactory
from django.urls import reverse

from alliance_hub import views
from workspaces.access import RoleRequired, require_action
from workspaces.roles import Action, Role, least_role_with


def test_the_least_role_with_each_action():
    assert least_role_with(Action.VIEW) == Role.OBSERVER
    assert least_role_with(Action.CONTRIBUTE) == Role.MEMBER
    assert least_role_with(Action.MANAGE) == Role.COMMUNITY_MANAGER
    assert least_role_with(Action.LEAD) == Role.LEAD


@pytest.mark.django_db
def test_the_access_layer_names_the_role_it_refused_for(world):
    with pytest.raises(RoleRequired) as refused:
        require_action(world.observer, world.workspace, Action.CONTRIBUTE)
    assert refused.value.role == Role.MEMBER
    assert isinstance(refused.value, PermissionDenied)


@pytest.mark.django_db
def test_observer_on_create_page_gets_a_403_in_the_layout_naming_the_member_role(world, client_for):
    response = client_for(world.observer).get(reverse("wiki:page_create", args=[world.workspace]))
    html = response.content.decode()
    assert response.status_code == 403
    assert 'class="topbar"' in html and 'aria-label="Workspace"' in html  # the site's layout
    assert "This needs the <strong>member</strong> role or higher in Green Alliance" in html
    assert "Your role here is observer." in html
    assert "Ask a lead or community manager of Green Alliance" in html
    assert f'href="{world.workspace.get_absolute_url()}"' in html


@pytest.mark.django_db
def test_community_manager_on_a_lead_page_is_told_it_needs_the_lead(world, client_for):
    response = client_for(world.community_manager).get(
        reverse("wiki:signatory_roles", args=[world.workspace])
    )
    html = response.content.decode()
    assert response.status_code == 403
    assert "This needs the <strong>lead</strong> role in Green Alliance." in html
    assert "Your role here is community manager." in html


@pytest.mark.django_db
def test_a_refusal_outside_a_workspace_shows_its_own_reason(world, client_for):
    response = client_for(world.lead).get(reverse("workspaces:workspace_create"))
    assert response.status_code == 403
    html = response.content.decode()
    assert 'class="topbar"' in html and "Go to your workspaces" in html


@pytest.mark.django_db
def test_404_is_in_the_layout_and_offers_search(world, client_for):
    response = client_for(world.member).get("/w/no-such-workspace/")
    html = response.content.decode()
    assert response.status_code == 404
    assert 'class="topbar"' in html and "Page not found" in html
    assert reverse("search:search") in html


@pytest.mark.django_db
def test_400_says_what_was_wrong_in_the_layout(world, client_for):
    url = reverse("workspaces:dashboard", args=[world.workspace])
    response = client_for(world.member).get(url, {"before": "٣٤"})
    html = response.content.decode()
    assert response.status_code == 400
    assert 'class="topbar"' in html and "What you can do" in html


def test_500_renders_without_database_or_request():
    """No django_db mark: any query here fails the test."""
    response = views.server_error(RequestFactory().get("/"))
    html = response.content.decode()
    assert response.status_code == 500
    assert 'class="topbar"' in html and "/static/css/app.css" in html
    assert "Something went wrong on our side" in html and "reload the page" in html
