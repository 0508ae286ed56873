"""Rows of the governance records (reviews, sign-off, reports) for the admin matrix:
one in the workspace, one in its private group and one in the other workspace, each
made through the services by someone who may."""

from datetime import date

from documents import reviews
from reporting import services as reporting
from tests.documents.helpers import make_document
from tests.wiki.conftest import create_page
from wiki import signoff
from wiki.models import Signoff


def _containers(w):
    return [
        (w.workspace, w.lead, "workspace"),
        (w.private_group, w.lead, "private_group"),
        (w.other_workspace, w.outsider, "other_workspace"),
    ]


def review_rows(w):
    rows = []
    for container, actor, owner in _containers(w):
        version = make_document(container, actor, "agreement.txt").versions.get()
        review = reviews.review_send(actor=actor, version=version, reviewers=[actor])
        rows.append((review, owner))
    return rows


def signoff_request_rows(w):
    rows = []
    for index, (container, actor, owner) in enumerate(_containers(w)):
        page = create_page(container, actor, "Charter", f"charter-{index}")
        request = signoff.signoff_request(actor=actor, page=page)
        rows.append((request, owner))
    return rows


def signoff_rows(w):
    return [(Signoff.objects.filter(request=r).first(), o) for r, o in signoff_request_rows(w)]


def series_rows(w):
    rows = []
    for container, actor, owner in _containers(w):
        series = reporting.series_create(
            actor=actor,
            container=container,
            title="Quarterly progress report",
            every_months=3,
            first_due=date(2026, 1, 31),
            organisations=container.workspace.partners.all(),
            today=date(2026, 2, 10),
        )
        rows.append((series, owner))
    return rows


def report_item_rows(w):
    return [(s.periods.first().items.first(), o) for s, o in series_rows(w)]


ROWS = {
    "documents.review": review_rows,
    "wiki.signoffrequest": signoff_request_rows,
    "wiki.signoff": signoff_rows,
    "reporting.reportseries": series_rows,
    "reporting.reportitem": report_item_rows,
}
# Leads and community managers read them; nobody writes them in the admin.
STAFF_PERMS = {label: {"view"} for label in ROWS}
REFUSED = {(label, action) for label in ROWS for action in ("add", "delete")}
