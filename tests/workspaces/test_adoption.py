"""The adoption dashboard and its CSV: per-member figures, invitations, members who
never signed in, weekly charts; only for leads and community managers."""

import csv
import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.documents.helpers import add_version, make_document
from tests.factories import add_member
from tests.workspaces.content_helpers import edit_page, fill_profile, post
from workspaces import adoption, services
from workspaces.models import Invitation, Organisation, WeeklyVisit
from workspaces.roles import Role


def _activity(world):
    workspace = world.workspace
    post(workspace, world.member)
    post(world.private_group, world.member, "In the group")
    document = make_document(workspace, world.member, "plan.txt", b"one")
    add_version(document, world.member, b"two", "plan.txt")
    edit_page(workspace, "governance", world.community_manager, "Written by us.")
    fill_profile(world.member, workspace)


def _csv_rows(client, workspace):
    response = client.get(reverse("workspaces:adoption_csv", args=[workspace]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    return {
        row["e-mail"]: row
        for row in csv.DictReader(io.StringIO(response.content.decode("utf-8-sig")))
    }


def test_the_csv_has_one_row_per_member_with_the_apps_figures(world, client_for):
    _activity(world)
    world.member.last_login = timezone.now()
    world.member.save(update_fields=["last_login"])

    rows = _csv_rows(client_for(world.lead), world.workspace)

    member = rows[world.member.email]
    assert member["Posts"] == "2"  # its own and the one in a group of the workspace
    assert member["Uploads"] == "2"
    assert member["Profile complete %"] == "90"
    assert member["signed in ever"] == "yes"
    assert rows[world.community_manager.email]["Wiki edits"] == "1"
    assert rows[world.observer.email]["signed in ever"] == "no"
    assert world.outsider.email not in rows and world.removed.email not in rows


def test_figures_from_another_workspace_do_not_count(world, client_for):
    add_member(world.other_workspace, Role.MEMBER, user=world.member)
    post(world.other_workspace, world.member, "Elsewhere")

    rows = _csv_rows(client_for(world.community_manager), world.workspace)

    assert rows[world.member.email]["Posts"] == "0"


def test_the_dashboard_lists_invitations_and_members_who_never_signed_in(world, client_for):
    organisation = Organisation.objects.create(name="Delta Institute")
    services.invitations_send(
        actor=world.lead,
        workspace=world.workspace,
        emails=["pending@example.org", "late@example.org"],
        role=Role.MEMBER,
        organisation=organisation,
        new_partner=True,
    )
    Invitation.objects.filter(email="late@example.org").update(
        expires_at=timezone.now() - timedelta(days=1)
    )

    response = client_for(world.community_manager).get(
        reverse("workspaces:adoption", args=[world.workspace])
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "Pending (1)" in html and "pending@example.org" in html
    assert "Expired (1)" in html and "late@example.org" in html
    assert "Never signed in" in html and world.observer.email in html


def test_the_charts_count_weekly_active_members_posts_uploads_and_edits(world, client_for):
    _activity(world)
    weeks = adoption.weeks_back()
    WeeklyVisit.objects.create(workspace=world.workspace, user=world.member, week=weeks[-3])
    WeeklyVisit.objects.create(workspace=world.workspace, user=world.lead, week=weeks[-3])

    series = dict(adoption.weekly_series(world.workspace, world.lead))

    assert series["Weekly active members"][-3] == (weeks[-3], 2)
    assert series["Posts"][-1] == (weeks[-1], 2)
    assert series["Uploads"][-1] == (weeks[-1], 2)
    # The starter pages of the workspace were written this week too.
    assert series["Wiki edits"][-1][1] >= 1
    html = client_for(world.lead).get(reverse("workspaces:adoption", args=[world.workspace]))
    assert html.content.decode().count("<svg") == 4


@pytest.mark.parametrize("persona", ["member", "observer", "non_group_member"])
def test_only_leads_and_community_managers_see_the_dashboard(world, client_for, persona):
    client = client_for(getattr(world, persona))

    assert client.get(reverse("workspaces:adoption", args=[world.workspace])).status_code == 403
    assert client.get(reverse("workspaces:adoption_csv", args=[world.workspace])).status_code == 403


def test_outsiders_get_not_found(world, client_for):
    client = client_for(world.outsider)

    assert client.get(reverse("workspaces:adoption_csv", args=[world.workspace])).status_code == 404


@pytest.mark.parametrize("size", [5, 200])
def test_the_dashboard_runs_a_fixed_number_of_queries(
    world, client_for, django_assert_max_num_queries, size
):
    for _ in range(size):
        user = add_member(world.workspace)
        WeeklyVisit.objects.create(
            workspace=world.workspace, user=user, week=adoption.weeks_back()[-1]
        )
    client = client_for(world.lead)
    url = reverse("workspaces:adoption", args=[world.workspace])
    client.get(url)

    with django_assert_max_num_queries(30):
        assert client.get(url).status_code == 200


def test_the_csv_quotes_names_a_spreadsheet_would_run_as_formulas(world, client_for):
    world.member.display_name = "@SUM(1+1)"
    world.member.save()
    rows = _csv_rows(client_for(world.lead), world.workspace)
    assert rows[world.member.email]["name"] == "'@SUM(1+1)"
