"""A report series based on a document template: the lead picks a document of the
workspace, partners find it on the board, fill it in and submit by uploading."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from reporting import services
from reporting.models import ReportItem, ReportSeries
from tests.alliance import build_alliance
from tests.documents.helpers import body, make_document
from tests.factories import make_group


@pytest.fixture
def alliance(db):
    return build_alliance()


def _define(client, a, **fields):
    client.force_login(a.lead)
    data = {
        "title": "Quarterly progress report",
        "every_months": 3,
        "first_due": "2026-01-31",
        "organisations": [a.delft.pk, a.baltic.pk],
        **fields,
    }
    return client.post(reverse("reporting:series_list", args=[a.workspace]), data)


def test_partners_fill_in_the_document_template_and_submit_by_uploading(alliance, client):
    template = make_document(alliance.workspace, alliance.lead, "report-form.txt", b"Progress:\n")
    assert _define(client, alliance, template_document=template.pk).status_code == 302
    series = ReportSeries.objects.get()
    assert series.template_document == template and series.template_body == ""
    client.force_login(alliance.marco)  # Delft owes the report
    board = client.get(series.get_absolute_url()).content.decode()
    assert template.get_absolute_url() in board and "Fill in the template" in board
    download = client.get(reverse("documents:version_download", args=[template.pk, 1]))
    assert body(download) == b"Progress:\n"
    item = ReportItem.objects.filter(organisation=alliance.delft).latest("period__number")
    upload = reverse("reporting:report_upload", args=[alliance.workspace, item.pk])
    filled = SimpleUploadedFile("report-form.txt", b"Progress: all on track\n")
    assert client.post(upload, {"file": filled}).status_code == 302
    submit = reverse("reporting:report_submit", args=[alliance.workspace, item.pk])
    assert client.post(submit, {"version": 1}).status_code == 302
    item.refresh_from_db()
    assert (item.submitted_version, item.submitted_by) == (1, alliance.marco)
    assert item.document != template  # the template itself is never overwritten
    template.refresh_from_db()
    assert template.version_count == 1
    board = client.get(series.get_absolute_url())
    assert f'id="item-{item.pk}" data-status="submitted"' in board.content.decode()


def test_a_template_is_a_page_or_a_document_not_both(alliance, client):
    template = make_document(alliance.workspace, alliance.lead, "report-form.txt")
    response = _define(client, alliance, template_document=template.pk, template_body="## Risks")
    assert response.status_code == 400
    assert "from a page or from a document, not both" in response.content.decode()
    assert not ReportSeries.objects.exists()


@pytest.mark.parametrize("value", ["999999", "²", "1\x00", "-1", "x" * 5000])
def test_hostile_template_choices_are_refused_without_a_server_error(alliance, client, value):
    assert _define(client, alliance, template_document=value).status_code == 400
    assert not ReportSeries.objects.exists()


def test_a_template_from_a_private_group_cannot_back_a_workspace_series(alliance, client):
    group = make_group(alliance.workspace, "Board", is_private=True)
    secret = make_document(group, alliance.lead, "board-form.txt")
    assert _define(client, alliance, template_document=secret.pk).status_code == 400
    with pytest.raises(ValidationError, match="document of this workspace or group"):
        services.series_create(
            actor=alliance.lead,
            container=alliance.workspace,
            title="Report",
            every_months=3,
            first_due=ReportSeries._meta.get_field("first_due").to_python("2026-01-31"),
            organisations=[alliance.delft],
            template_document=secret,
        )
    assert not ReportSeries.objects.exists()


def test_a_trashed_template_is_no_longer_offered_on_the_board(alliance, client):
    from documents import services as documents

    template = make_document(alliance.workspace, alliance.lead, "report-form.txt")
    _define(client, alliance, template_document=template.pk)
    documents.document_trash(actor=alliance.lead, document=template)
    board = client.get(ReportSeries.objects.get().get_absolute_url()).content.decode()
    assert "Fill in the template" not in board
