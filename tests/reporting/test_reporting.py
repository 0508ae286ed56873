"""Reporting cycles: due dates, periods and items, writing and submitting, the status
board and its CSV, reminders (idempotent), edits of a cycle, leavers and races."""

import threading
from datetime import date

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.urls import reverse
from freezegun import freeze_time

from reporting import dates, services
from reporting.models import ReminderSent, ReportItem, ReportPeriod
from tests.alliance import build_alliance
from tests.factories import make_group
from wiki import services as wiki
from workspaces.models import Activity, Notification
from workspaces.services import organisation_remove

TEMPLATE = "## Progress\n\n## Risks\n"


@pytest.fixture
def alliance(db):
    return build_alliance()


def _series(a, container=None, first_due=date(2026, 1, 31), every=1, today=date(2026, 3, 10)):
    return services.series_create(
        actor=a.lead,
        container=container or a.workspace,
        title="Monthly progress report",
        every_months=every,
        first_due=first_due,
        organisations=[a.nordic, a.delft, a.baltic],
        template_body=TEMPLATE,
        today=today,
    )


def _item(series, number, organisation):
    return ReportItem.objects.get(
        period__series=series, period__number=number, organisation=organisation
    )


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2028, 1, 31), 1, date(2028, 2, 29)),
        (date(2026, 1, 31), 2, date(2026, 3, 31)),
        (date(2026, 1, 30), 1, date(2026, 2, 28)),
        (date(2026, 1, 30), 2, date(2026, 3, 30)),
        (date(2026, 11, 30), 3, date(2027, 2, 28)),
        (date(2026, 12, 15), 13, date(2028, 1, 15)),
    ],
)
def test_due_dates_keep_month_ends_and_never_drift(start, months, expected):
    assert dates.add_months(start, months) == expected


def test_today_is_the_date_in_the_project_time_zone(settings):
    settings.TIME_ZONE = "Pacific/Auckland"
    with freeze_time("2026-01-31 12:30:00+00:00"):  # already 1 February in Auckland
        assert dates.today() == date(2026, 2, 1)
    settings.TIME_ZONE = "America/Los_Angeles"
    with freeze_time("2026-02-01 05:00:00+00:00"):  # still 31 January in California
        assert dates.today() == date(2026, 1, 31)


def test_a_series_opens_periods_up_to_the_current_one_with_an_item_per_organisation(alliance):
    series = _series(alliance)
    dues = list(series.periods.values_list("due_date", flat=True))
    assert dues == [date(2026, 1, 31), date(2026, 2, 28), date(2026, 3, 31)]
    assert ReportItem.objects.filter(period__series=series).count() == 9
    # Running it again opens nothing new.
    assert services.periods_open(series=series, today=date(2026, 3, 10)) == []
    assert [p.due_date for p in services.periods_open(series=series, today=date(2026, 4, 1))] == [
        date(2026, 4, 30)
    ]


def test_the_board_shows_submitted_late_and_pending_and_exports_csv(alliance, client):
    series = _series(alliance)
    item = _item(series, 2, alliance.delft)
    page = services.report_start(actor=alliance.marco, item=item)
    services.report_submit(actor=alliance.marco, item=item, revision=page.revision)
    client.force_login(alliance.anna)
    with freeze_time("2026-03-10 12:00:00"):
        board = client.get(series.get_absolute_url())
        csv = client.get(reverse("reporting:series_csv", args=[alliance.workspace, series.pk]))
    html = board.content.decode()
    assert html.count('data-status="late"') == 5  # periods 1 and 2, but Delft's second
    assert html.count('data-status="submitted"') == 1
    assert html.count('data-status="pending"') == 3
    text = csv.content.decode()
    assert text.startswith("\ufeffperiod,due date") and "2,2026-02-28,Delft,submitted" in text


def test_the_board_csv_quotes_names_a_spreadsheet_would_run_as_formulas(alliance, client):
    alliance.delft.name = "=1+2"
    alliance.delft.save(update_fields=["name"])
    series = _series(alliance)
    client.force_login(alliance.anna)
    csv = client.get(reverse("reporting:series_csv", args=[alliance.workspace, series.pk]))
    text = csv.content.decode("utf-8-sig")
    assert ",'=1+2," in text and ",=1+2," not in text


def test_a_partner_writes_from_the_template_edits_and_submits_through_the_pages(alliance, client):
    series = _series(alliance)
    item = _item(series, 3, alliance.delft)
    client.force_login(alliance.marco)
    write = client.post(reverse("reporting:report_write", args=[alliance.workspace, item.pk]))
    assert write.status_code == 302 and "/wiki/-/edit/" in write["Location"]
    item.refresh_from_db()
    assert item.page.body == TEMPLATE
    wiki.page_save(
        actor=alliance.marta,
        page=item.page,
        base_revision=1,
        content=wiki.PageContent(item.page.title, TEMPLATE + "All on track."),
    )
    submit_url = reverse("reporting:report_submit", args=[alliance.workspace, item.pk])
    stale = client.post(submit_url, {"revision": 1})
    assert stale.status_code == 409 and "changed since you read it" in stale.content.decode()
    assert client.post(submit_url, {"revision": 2}).status_code == 302
    item.refresh_from_db()
    assert (item.submitted_by, item.submitted_revision) == (alliance.marco, 2)
    assert Activity.objects.filter(verb="submitted a report for").exists()
    again = client.post(submit_url, {"revision": 2})
    assert again.status_code == 409


def test_only_members_of_the_owing_organisation_may_write_or_submit(alliance, client):
    series = _series(alliance)
    item = _item(series, 3, alliance.delft)
    for outsider, status in ((alliance.elif_, 403), (alliance.observer, 403)):
        client.force_login(outsider)
        url = reverse("reporting:report_write", args=[alliance.workspace, item.pk])
        assert client.post(url).status_code == status
    client.force_login(alliance.marco)
    for data in ({}, {"revision": "x"}, {"revision": "-1"}):
        url = reverse("reporting:report_submit", args=[alliance.workspace, item.pk])
        assert client.post(url, data).status_code == 302  # back to the board, nothing done
    assert not ReportItem.objects.filter(submitted_at__isnull=False).exists()


@pytest.mark.parametrize(
    "data",
    [
        {"title": "", "every_months": 3, "first_due": "2026-01-31"},
        {"title": "R", "every_months": 0, "first_due": "2026-01-31"},
        {"title": "R", "every_months": 999, "first_due": "2026-01-31"},
        {"title": "R", "every_months": 3, "first_due": "2026-02-31"},
        {"title": "R", "every_months": 3, "first_due": "2026-01-31", "organisations": ["x"]},
    ],
)
def test_hostile_series_definitions_are_refused(alliance, client, data):
    client.force_login(alliance.lead)
    data = {"organisations": [alliance.delft.pk], **data}
    response = client.post(reverse("reporting:series_list", args=[alliance.workspace]), data)
    assert response.status_code == 400
    assert not ReportPeriod.objects.exists()


def test_a_lead_defines_a_series_through_the_page_from_a_template_page(alliance, client):
    from wiki.selectors import page_get_for

    template = page_get_for(container=alliance.workspace, path="reporting")
    client.force_login(alliance.lead)
    response = client.post(
        reverse("reporting:series_list", args=[alliance.workspace]),
        {
            "title": "Quarterly progress report",
            "every_months": 3,
            "first_due": "2026-01-31",
            "organisations": [alliance.delft.pk, alliance.baltic.pk],
            "template_page": template.pk,
        },
    )
    assert response.status_code == 302
    client.force_login(alliance.anna)  # a member: only leads define reports
    assert (
        client.post(reverse("reporting:series_list", args=[alliance.workspace])).status_code == 403
    )


def test_reminders_go_before_and_on_the_day_once_to_the_organisations_submitters(alliance):
    series = _series(alliance, today=date(2026, 3, 10))
    assert services.send_report_reminders(today=date(2026, 3, 20)) == 0
    sent = services.send_report_reminders(today=date(2026, 3, 24))  # 7 days before
    recipients = set(Notification.objects.values_list("recipient", flat=True))
    assert sent == 5 and recipients == {
        alliance.lead.pk, alliance.anna.pk, alliance.marco.pk, alliance.marta.pk, alliance.elif_.pk
    }  # fmt: skip
    assert services.send_report_reminders(today=date(2026, 3, 24)) == 0
    assert services.send_report_reminders(today=date(2026, 3, 25)) == 0
    item = _item(series, 3, alliance.delft)
    page = services.report_start(actor=alliance.marco, item=item)
    services.report_submit(actor=alliance.marco, item=item, revision=page.revision)
    assert services.send_report_reminders(today=date(2026, 3, 31)) == 3  # not Delft
    assert services.send_report_reminders(today=date(2026, 3, 31)) == 0
    assert ReminderSent.objects.count() == 3 + 2


def test_the_command_and_the_task_are_idempotent(alliance, capsys):
    from reporting.tasks import send_report_reminders

    _series(alliance, today=date(2026, 3, 10))
    call_command("send_report_reminders", "--date", "2026-03-31")
    assert "5 reminder" in capsys.readouterr().out
    call_command("send_report_reminders", "--date", "2026-03-31")
    assert "0 reminder" in capsys.readouterr().out
    with freeze_time("2026-03-31 10:00:00"):
        assert send_report_reminders.enqueue().return_value == 0
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("send_report_reminders", "--date", "31/03/2026")


def test_an_organisation_removed_while_owing_keeps_its_record_and_gets_no_reminders(
    alliance, client
):
    series = _series(alliance)
    item = _item(series, 2, alliance.baltic)
    organisation_remove(
        actor=alliance.lead, workspace=alliance.workspace, organisation=alliance.baltic
    )
    assert ReportItem.objects.filter(pk=item.pk).exists()
    services.send_report_reminders(today=date(2026, 3, 31))
    assert not ReminderSent.objects.filter(item__organisation=alliance.baltic).exists()
    client.force_login(alliance.anna)
    assert (
        'Baltic <span class="muted">(left)'
        in client.get(series.get_absolute_url()).content.decode()
    )
    # New periods no longer owe anything from Baltic.
    services.periods_open(series=series, today=date(2026, 4, 2))
    assert not ReportItem.objects.filter(period__number=4, organisation=alliance.baltic).exists()


def test_a_cycle_edited_after_periods_exist_keeps_them_and_their_submissions(alliance):
    series = _series(alliance)
    started = _item(series, 3, alliance.nordic)
    services.report_start(actor=alliance.anna, item=started)
    item = _item(series, 3, alliance.delft)
    page = services.report_start(actor=alliance.marco, item=item)
    services.report_submit(actor=alliance.marco, item=item, revision=page.revision)
    before = list(series.periods.values_list("number", "due_date"))
    services.series_update(
        actor=alliance.lead,
        series=series,
        title="Bi-monthly report",
        every_months=2,
        organisations=[alliance.baltic],
        today=date(2026, 3, 10),
    )
    assert list(series.periods.values_list("number", "due_date")) == before
    assert ReportItem.objects.get(pk=item.pk).submitted_at is not None  # kept
    assert ReportItem.objects.filter(pk=started.pk).exists()  # Nordic's draft is kept
    assert not ReportItem.objects.filter(
        period__number=3, organisation=alliance.delft, submitted_at__isnull=True
    ).exists()
    opened = services.periods_open(series=series, today=date(2026, 4, 1))
    assert [p.due_date for p in opened] == [date(2026, 5, 31)]  # every 2 months from 31 Jan
    assert set(opened[0].items.values_list("organisation_name", flat=True)) == {"Baltic"}


def test_reports_due_appear_on_the_start_page_with_their_due_dates(alliance, client):
    _series(alliance)
    client.force_login(alliance.marco)
    page = client.get(reverse("workspaces:start_here", args=[alliance.workspace])).content.decode()
    assert "Submit Monthly progress report #3 for Delft" in page and "31 Mar 2026" in page
    client.force_login(alliance.observer)
    page = client.get(reverse("workspaces:start_here", args=[alliance.workspace])).content.decode()
    assert "Submit Monthly" not in page


def test_a_series_in_a_private_group_stays_in_the_group(alliance, client):
    group = make_group(alliance.workspace, "Board", is_private=True, members=[alliance.marco])
    series = _series(alliance, container=group)
    client.force_login(alliance.marta)
    assert client.get(series.get_absolute_url()).status_code == 404
    page = client.get(reverse("workspaces:start_here", args=[alliance.workspace])).content.decode()
    assert "Submit Monthly" not in page
    services.send_report_reminders(today=date(2026, 3, 31))
    recipients = set(Notification.objects.values_list("recipient", flat=True))
    assert alliance.marco.pk in recipients and alliance.marta.pk not in recipients


def test_the_board_runs_a_fixed_number_of_queries(alliance, client, django_assert_max_num_queries):
    client.force_login(alliance.anna)
    for today in (date(2026, 2, 1), date(2027, 6, 1)):
        series = _series(alliance, today=today)
        client.get(series.get_absolute_url())
        with django_assert_max_num_queries(9):
            assert client.get(series.get_absolute_url()).status_code == 200


@pytest.mark.django_db(transaction=True)
def test_two_partners_submitting_the_same_report_at_once_submit_it_once():
    a = build_alliance()
    series = _series(a)
    item = _item(series, 3, a.delft)
    page = services.report_start(actor=a.marco, item=item)
    url = reverse("reporting:report_submit", args=[a.workspace, item.pk])
    start = threading.Barrier(2)
    statuses = []

    def submit(user):
        client = Client()
        client.force_login(user)
        if connection.vendor != "sqlite":
            start.wait(timeout=10)
        try:
            statuses.append(client.post(url, {"revision": page.revision}).status_code)
        finally:
            connection.close()

    people = [a.marco, a.marta]
    if connection.vendor == "sqlite":
        for user in people:
            submit(user)
    else:
        threads = [threading.Thread(target=submit, args=(user,)) for user in people]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
    assert sorted(statuses) == [302, 409]
    item.refresh_from_db()
    assert item.submitted_by in (a.marco, a.marta) and item.submitted_revision == page.revision


def test_a_partner_uploads_the_report_as_a_document_with_versions_and_submits_it(alliance, client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    series = _series(alliance)
    item = _item(series, 3, alliance.baltic)
    url = reverse("reporting:report_upload", args=[alliance.workspace, item.pk])
    submit = reverse("reporting:report_submit", args=[alliance.workspace, item.pk])
    client.force_login(alliance.elif_)
    assert client.post(url, {}).status_code == 400
    for content in (b"draft report", b"final report"):
        upload = SimpleUploadedFile("report.txt", content)
        assert client.post(url, {"file": upload}).status_code == 302
    item.refresh_from_db()
    assert item.document.version_count == 2 and item.document.container == alliance.workspace
    assert client.post(submit, {"version": 1}).status_code == 409  # not the latest
    assert client.post(submit, {"version": 2, "revision": 1}).status_code == 302  # one only
    assert client.post(submit, {"version": 2}).status_code == 302
    item.refresh_from_db()
    assert (item.submitted_version, item.submitted_by) == (2, alliance.elif_)
    client.force_login(alliance.marco)
    late = SimpleUploadedFile("report.txt", b"from Delft")
    assert client.post(url, {"file": late}).status_code == 403
