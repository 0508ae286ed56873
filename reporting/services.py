"""Every write about report series: defining and editing a series, opening periods,
writing and submitting a report, and reminders. Keyword-only, with an ``actor``,
atomic, checked again here (views, commands and the task all call these).

A report is a wiki page of the series' container (created from the series' template
by wiki's own service) or a document uploaded there (by the documents' services), so
it is versioned like any page or document; the item records the submitted revision or
version. Reporting depends on the wiki and documents, never the other way round: the
content apps stay unaware of reporting, which only calls their public services.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify

from documents import services as documents
from documents.models import Document
from wiki import services as wiki
from wiki.models import Page
from workspaces.access import require_action
from workspaces.activity import notify, record_activity

from . import dates, policies
from .models import ReminderSent, ReportItem, ReportPeriod, ReportSeries

if TYPE_CHECKING:
    from django.core.files.uploadedfile import UploadedFile

    from alliance_hub.types import User
    from workspaces.access import Container
    from workspaces.models import Organisation, Workspace

    Organisations = Iterable[Organisation | int]  # instances or their ids

MAX_MONTHS = 24
MAX_NEW_PERIODS = 240  # a first due date far in the past opens at most this many
# The notification reminders send (registered in apps.py).
REPORT_REMINDER = "report_reminder"
REPORT_REMINDER_LABEL = "Report due"


def _check(
    title: str, every_months: int, organisations: Organisations, workspace: Workspace
) -> set[int]:
    if not title.strip():
        raise ValidationError("Give the report a title.")
    if not 1 <= every_months <= MAX_MONTHS:
        raise ValidationError(f"A report is due every 1 to {MAX_MONTHS} months.")
    partners = set(workspace.partners.values_list("pk", flat=True))
    chosen = {org if isinstance(org, int) else org.pk for org in organisations}
    if not chosen or not chosen <= partners:
        raise ValidationError("Choose partner organisations of this workspace.")
    return chosen


@transaction.atomic
def series_create(
    *,
    actor: User,
    container: Container,
    title: str,
    every_months: int,
    first_due: date,
    organisations: Organisations,
    template_body: str = "",
    template_document: Document | None = None,
    remind_days_before: int = 7,
    today: date | None = None,
) -> ReportSeries:
    """Define a report series owed by ``organisations`` (leads) and open its periods up
    to the current one; reports start from ``template_body`` (a page) or
    ``template_document`` (a live document of the same container, to fill in and
    upload). Raises PermissionDenied, ValidationError."""
    require_action(actor, container, policies.MANAGE_ACTION)
    chosen = _check(title, every_months, organisations, container.workspace)
    if template_document is not None and not _in_container(template_document, container):
        raise ValidationError("The template must be a document of this workspace or group.")
    series = ReportSeries(
        title=title.strip()[:200],
        every_months=every_months,
        first_due=first_due,
        template_body=template_body,
        template_document=template_document,
        remind_days_before=min(remind_days_before, 60),
        created_by=actor,
    )
    series.set_container(container)
    series.save()
    series.organisations.set(chosen)
    record_activity(actor=actor, verb="defined the report", target=series, container=container)
    periods_open(series=series, today=today)
    return series


def _in_container(document: Document, container: Container) -> bool:
    """Whether ``document`` is live in ``container`` itself: whoever sees the series
    sees its template, and nobody else."""
    return Document.objects.alive().in_container(container).filter(pk=document.pk).exists()


@transaction.atomic
def series_update(
    *,
    actor: User,
    series: ReportSeries,
    title: str,
    every_months: int,
    organisations: Organisations,
    today: date | None = None,
) -> ReportSeries:
    """Edit a series (leads). Periods that exist keep their due dates and every item
    and submission; periods opened later follow the new rule. An organisation added
    owes the current and later periods; one taken off no longer owes periods that are
    not yet due, unless it already started or submitted the report.
    Raises PermissionDenied, ValidationError."""
    container = series.container
    require_action(actor, container, policies.MANAGE_ACTION)
    chosen = _check(title, every_months, organisations, container.workspace)
    series = ReportSeries.objects.select_for_update().get(pk=series.pk)
    series.title, series.every_months = title.strip()[:200], every_months
    series.save(update_fields=["title", "every_months"])
    series.organisations.set(chosen)
    day = today or dates.today()
    # Only items nobody started are dropped: a draft page or upload keeps its item.
    ReportItem.objects.filter(
        period__series=series,
        period__due_date__gte=day,
        submitted_at__isnull=True,
        page__isnull=True,
        document__isnull=True,
    ).exclude(organisation__in=chosen).delete()
    for period in series.periods.filter(due_date__gte=day):
        _add_items(period, series)
    record_activity(actor=actor, verb="changed the report", target=series, container=container)
    periods_open(series=series, today=today)
    return series


def _next_due(series: ReportSeries, last: ReportPeriod | None) -> date:
    """The first due date of the series' rule after ``last`` (None: the first one)."""
    if last is None:
        return series.first_due
    anchor = series.first_due
    step = 1
    while (due := dates.add_months(anchor, series.every_months * step)) <= last.due_date:
        step += 1
    return due


def _add_items(period: ReportPeriod, series: ReportSeries) -> None:
    organisations = series.workspace.partners.filter(pk__in=series.organisations.all())
    ReportItem.objects.bulk_create(
        [
            ReportItem(period=period, organisation=org, organisation_name=org.name[:200])
            for org in organisations
        ],
        ignore_conflicts=True,
    )


@transaction.atomic
def periods_open(*, series: ReportSeries, today: date | None = None) -> list[ReportPeriod]:
    """Open every period up to the current one (the first not yet past its due date),
    each with an item per owing organisation. Idempotent; locks the series."""
    day = today or dates.today()
    series = (
        ReportSeries.objects.select_for_update(of=("self",))
        .select_related("workspace")
        .get(pk=series.pk)
    )
    last = series.periods.order_by("-number").first()
    opened: list[ReportPeriod] = []
    while len(opened) < MAX_NEW_PERIODS and (last is None or last.due_date < day):
        last = ReportPeriod.objects.create(
            series=series,
            number=(last.number + 1) if last else 1,
            due_date=_next_due(series, last),
        )
        _add_items(last, series)
        opened.append(last)
    return opened


def _report_path(item: ReportItem) -> str:
    series = item.period.series
    org = slugify(item.organisation_name)[:40] or "organisation"
    return f"report-{series.pk}-{item.period.number}-{org}"


@transaction.atomic
def report_start(*, actor: User, item: ReportItem) -> Page:
    """The item's report page, created from the series' template on first use
    (members of the owing organisation). Raises PermissionDenied, ValidationError."""
    series = item.period.series
    container = series.container
    item = (
        ReportItem.objects.select_for_update(of=("self",))
        .select_related("period__series")
        .get(pk=item.pk)
    )
    if not policies.may_submit(actor, item, container):
        raise PermissionDenied("Only members of the organisation that owes it may write it.")
    page = item.page
    if page is None or page.deleted_at is not None:  # none yet, or it went to the trash
        title = f"{series.title} #{item.period.number}: {item.organisation_name}"
        content = wiki.PageContent(title[:200], series.template_body, "Report started")
        page = wiki.page_create(
            actor=actor, container=container, content=content, path=_report_path(item)
        )
        item.page = page
        item.save(update_fields=["page"])
    return page


@transaction.atomic
def report_upload(*, actor: User, item: ReportItem, upload: UploadedFile) -> Document:
    """Upload the report as a document of the series' container, or as a new version of
    the one uploaded before (members of the owing organisation). Raises
    PermissionDenied, ValidationError (from the documents' own checks)."""
    container = item.period.series.container
    if not policies.may_submit(actor, item, container):
        raise PermissionDenied("Only members of the organisation that owes it may upload it.")
    # No join here: PostgreSQL cannot lock the nullable side of an outer join.
    item = ReportItem.objects.select_for_update().get(pk=item.pk)
    if item.submitted_at:
        raise ValidationError(f"{item.submitter_name} already submitted this report.")
    document = Document.objects.filter(pk=item.document_id).first() if item.document_id else None
    if document is not None and document.deleted_at is None:
        document.set_container(container)
        documents.version_upload(actor=actor, document=document, upload=upload)
    else:
        (document,) = documents.documents_upload(
            actor=actor, container=container, uploads=[upload], tags=["report"]
        )
        item.document = document
        item.save(update_fields=["document"])
    return Document.objects.get(pk=document.pk)


def _submitted_thing(
    item: ReportItem, revision: int | None, version: int | None
) -> tuple[str, int]:
    """("revision", n) of the item's page or ("version", n) of its document, checked
    against what the submitter saw; raises ValidationError."""
    if version is not None:
        document = item.document if item.document_id else None
        if document is None or document.deleted_at is not None:
            raise ValidationError("Upload the report first.")
        current = document.version_count
        if current != version:
            raise ValidationError(
                f"A newer version ({current}) was uploaded since you looked; check it and "
                "submit again. Nothing was submitted."
            )
        return "submitted_version", version
    page = item.page if item.page_id else None
    if page is None or page.deleted_at is not None:
        raise ValidationError("Write the report first.")
    if page.revision != revision:
        raise ValidationError(
            f"The report changed since you read it (now revision {page.revision}); "
            "read it again and submit. Nothing was submitted."
        )
    return "submitted_revision", revision


@transaction.atomic
def report_submit(
    *, actor: User, item: ReportItem, revision: int | None = None, version: int | None = None
) -> ReportItem:
    """Submit the item's page at ``revision`` or its document at ``version`` (what the
    submitter saw; members of the owing organisation). Atomic; locks the item. Raises
    PermissionDenied, ValidationError (nothing written, already submitted, changed since)."""
    series = item.period.series
    container = series.container
    if not policies.may_submit(actor, item, container):
        raise PermissionDenied("Only members of the organisation that owes it may submit it.")
    item = ReportItem.objects.select_for_update().get(pk=item.pk)
    if item.submitted_at:
        raise ValidationError(f"{item.submitter_name} already submitted this report.")
    field, number = _submitted_thing(item, revision, version)
    setattr(item, field, number)
    item.submitted_at = timezone.now()
    item.submitted_by, item.submitter_name = actor, str(actor)[:200]
    item.save(update_fields=["submitted_at", "submitted_by", "submitter_name", field])
    record_activity(actor=actor, verb="submitted a report for", target=series, container=container)
    return item


# Reminders ----------------------------------------------------------------------------


def _remind(item: ReportItem, organisation_id: int, kind: str, text: str) -> int:
    """Send one reminder of ``kind`` for ``item`` unless one went out already."""
    try:
        with transaction.atomic():
            ReminderSent.objects.create(item=item, kind=kind)
    except IntegrityError:
        return 0
    series = item.period.series
    container = series.container
    return len(
        notify(
            recipients=policies.submitters(container, organisation_id),
            kind=REPORT_REMINDER,
            actor=None,
            text=text,
            target=series,
            container=container,
        )
    )


def send_report_reminders(*, today: date | None = None) -> int:
    """Open due periods and remind the organisations' submitters of reports due in
    ``remind_days_before`` days and due today. Idempotent: a reminder of each kind goes
    out once per item, however often this runs. Returns the notifications sent."""
    day = today or dates.today()
    for series in ReportSeries.objects.all():
        periods_open(series=series, today=day)
    items = (
        ReportItem.objects.filter(
            submitted_at__isnull=True, organisation__isnull=False, period__due_date__gte=day
        )
        .select_related("period__series__workspace", "period__series__group")
        .order_by("pk")
    )
    sent = 0
    for item in items:
        series, due = item.period.series, item.period.due_date
        organisation_id, partners = item.organisation_id, series.workspace.partners
        # Only organisations still in the alliance are reminded.
        if organisation_id is None or not partners.filter(pk=organisation_id).exists():
            continue
        if due == day:
            text = f"{series} is due today"
            sent += _remind(item, organisation_id, ReminderSent.Kind.DUE, text)
        elif (due - day).days <= series.remind_days_before:
            text = f"{series} is due on {due:%d %B %Y}"
            sent += _remind(item, organisation_id, ReminderSent.Kind.BEFORE, text)
    return sent
