"""Journey: the lead sends a document for review to two partners, both approve, and the
"latest approved" link serves it; then the lead asks every partner to sign the
governance page, Baltic's signatory signs and sees the sign-off board update."""

from pathlib import Path

import pytest
from django.utils import timezone

from tests.alliance import build_alliance
from tests.documents.helpers import make_document
from tests.factories import PASSWORD
from workspaces.models import Membership

pytestmark = pytest.mark.django_db(transaction=True)

AGREEMENT = "Consortium agreement\nArticle 1: we work together.\n"


def _alliance():
    a = build_alliance()
    for user, name in ((a.lead, "Lena Lead"), (a.marco, "Marco Rossi"), (a.elif_, "Elif Kaya")):
        user.display_name = name
        user.save()
    Membership.objects.update(welcomed_at=timezone.now())
    return a


def test_two_partners_approve_and_a_partner_signs_the_governance_page(people):
    a = _alliance()
    document = make_document(a.workspace, a.lead, "agreement.txt", AGREEMENT.encode())

    lead = people("lead")
    lead.sign_in(a.lead.email, PASSWORD)
    page = lead.goto(document.get_absolute_url())
    assert "Draft" in page.locator("h1").inner_text()
    page.get_by_role("link", name="Send version 1 for review").click()
    page.get_by_label("Marco Rossi (Delft)").check()
    page.get_by_label("Elif Kaya (Baltic)").check()
    lead.check("send for review")
    page.get_by_role("button", name="Send for review").click()
    page.get_by_text("Version 1 was sent for review.").wait_for()
    assert "In review" in page.locator("h1").inner_text()

    for key, user in (("marco", a.marco), ("elif", a.elif_)):
        reviewer = people(key)
        reviewer.sign_in(user.email, PASSWORD)
        other = reviewer.goto(document.get_absolute_url())
        other.get_by_label("Comment (required to request changes)").fill("Agreed.")
        other.get_by_role("button", name="Approve version 1").click()
        other.locator(".message").first.wait_for()
        reviewer.check(f"{key} approved")
    other.get_by_text("Version 1 is approved.").wait_for()

    page.reload()
    assert "Approved" in page.locator("h1").inner_text()
    lead.check("approved document")
    with page.expect_download() as info:
        page.get_by_role("link", name="Download latest approved").click()
    assert Path(info.value.path()).read_text() == AGREEMENT

    # Sign-off of the governance page.
    page = lead.goto(f"/w/{a.workspace.slug}/wiki/governance/")
    page.get_by_role("link", name="Sign-off", exact=True).click()
    lead.check("sign-off page")
    page.get_by_role("button", name="Ask for sign-off").click()
    page.get_by_text("Signed by 0 of 3 partners").wait_for()

    elif_ = people("elif-signs")
    elif_.sign_in(a.elif_.email, PASSWORD)
    board = elif_.goto(f"/w/{a.workspace.slug}/wiki/-/signoff/governance/")
    board.get_by_role("button", name="Sign revision").click()
    board.get_by_text("Signed by 1 of 3 partners").wait_for()
    row = board.locator('tr[data-organisation="Baltic"]')
    assert "Signed" in row.inner_text() and "Elif Kaya" in row.inner_text()
    elif_.check("signed for Baltic")

    page.reload()
    assert "Signed by 1 of 3 partners" in page.content()
