"""Reviews, decisions, sign-off and report reminders send notifications of their own
kinds, and the notification list names each kind (registered by the content apps, so
workspaces names none of them)."""

from datetime import date

import pytest
from django.urls import reverse

from alliance_hub import hooks
from documents import reviews
from reporting import services as reporting
from tests.alliance import build_alliance
from tests.documents.helpers import make_document
from wiki import selectors, signoff
from workspaces.activity import notify
from workspaces.models import Notification


@pytest.fixture
def alliance(db):
    return build_alliance()


def _kinds(user):
    return list(Notification.objects.filter(recipient=user).values_list("kind", flat=True))


def _list_says(client, user, label, text):
    client.force_login(user)
    page = client.get(reverse("workspaces:notification_list")).content.decode()
    assert label in page and text in page


def test_a_review_notifies_reviewers_and_the_author_of_each_decision_and_the_approval(
    alliance, client
):
    document = make_document(alliance.workspace, alliance.anna, "agreement.txt")
    review = reviews.review_send(
        actor=alliance.lead, version=document.versions.get(), reviewers=[alliance.marco]
    )
    assert _kinds(alliance.marco) == [reviews.REVIEW_REQUESTED]
    _list_says(
        client, alliance.marco, "Review requested", "asks you to review agreement (version 1)"
    )
    reviews.review_decide(actor=alliance.marco, review=review, approve=True)
    # The sender and the author hear of the decision, then of the approval.
    for person in (alliance.lead, alliance.anna):
        assert _kinds(person) == [reviews.VERSION_APPROVED, reviews.REVIEW_DECIDED]
    _list_says(client, alliance.anna, "Reviewer&#x27;s decision", "approved agreement (version 1)")
    _list_says(client, alliance.anna, "Version approved", "(version 1) is approved")


def test_sign_off_requests_and_signatures_have_their_own_kinds(alliance, client):
    page = selectors.page_get_for(container=alliance.workspace, path="governance")
    request = signoff.signoff_request(actor=alliance.lead, page=page, organisations=None)
    assert _kinds(alliance.elif_) == [signoff.SIGNOFF_REQUESTED]
    _list_says(client, alliance.elif_, "Sign-off requested", "asks your organisation to sign")
    signoff.page_sign(
        actor=alliance.elif_, page=page, request_id=request.pk, revision=page.revision
    )
    assert _kinds(alliance.lead) == [signoff.SIGNED]
    _list_says(client, alliance.lead, "Signed for a partner", f"signed {page} for Baltic")


def test_report_reminders_have_their_own_kind(alliance, client):
    reporting.series_create(
        actor=alliance.lead,
        container=alliance.workspace,
        title="Quarterly progress report",
        every_months=3,
        first_due=date(2026, 3, 31),
        organisations=[alliance.delft],
        today=date(2026, 3, 10),
    )
    assert reporting.send_report_reminders(today=date(2026, 3, 31)) == 2
    assert _kinds(alliance.marco) == [reporting.REPORT_REMINDER]
    _list_says(client, alliance.marco, "Report due", "Quarterly progress report")


def test_an_unregistered_kind_is_refused_and_registered_labels_are_listed(alliance):
    with pytest.raises(ValueError, match="register it first"):
        notify(
            recipients=[alliance.marco],
            kind="made_up",
            actor=alliance.lead,
            text="x",
            target=alliance.workspace,
            container=alliance.workspace,
        )
    for kind in (reviews.REVIEW_REQUESTED, signoff.SIGNED, reporting.REPORT_REMINDER):
        assert kind in hooks.get_hooks_by(hooks.NOTIFICATION_KIND, "name")
