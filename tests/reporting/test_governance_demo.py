"""seed_demo's governance: the consortium agreement approved by all three partners with
a newer draft in review, the governance page signed by 2 of 3, a partner late."""

from django.contrib.auth import get_user_model
from django.urls import reverse

from documents.models import Document, Version
from reporting import dates
from reporting.models import ReportItem
from workspaces.models import Workspace


def test_the_demo_shows_approval_sign_off_and_a_late_report(seeded_demo, client):
    north = Workspace.objects.get(slug="north-sea")
    agreement = Document.objects.get(workspace=north, title="Consortium agreement")
    states = dict(agreement.versions.values_list("number", "state"))
    assert states[agreement.version_count] == Version.State.IN_REVIEW
    assert agreement.approved_version.state == Version.State.APPROVED
    assert (
        agreement.approved_version.reviews.get().reviewers.filter(decision="approved").count() == 3
    )

    client.force_login(get_user_model().objects.get(email="elif@balticgrid.example"))
    page = client.get(reverse("wiki:page_detail", args=[north, "governance"])).content.decode()
    assert "Signed by 2 of 3 partners" in page
    assert client.get(agreement.get_approved_permalink()).status_code == 200

    today = dates.today()
    statuses = [item.status_on(today) for item in ReportItem.objects.filter(period__number=1)]
    assert sorted(statuses) == ["late", "submitted", "submitted"]
    start = client.get(reverse("workspaces:start_here", args=[north])).content.decode()
    assert "Review Consortium agreement" in start
    assert "Sign “Governance" in start
    assert "Submit Quarterly progress report #1 for Baltic Grid Operators" in start
