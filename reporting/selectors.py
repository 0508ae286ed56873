"""Reads for the reporting pages; each starts from the container the access layer
resolved and raises Http404 for missing and forbidden alike."""

from __future__ import annotations

import csv
from datetime import date
from typing import TYPE_CHECKING

from django.http import Http404

from alliance_hub.csvfiles import new_buffer, spreadsheet_safe
from workspaces.access import visible_in
from workspaces.models import Membership

from . import dates, policies
from .models import ReportItem, ReportPeriod, ReportSeries

if TYPE_CHECKING:
    from alliance_hub.types import User
    from workspaces.access import Container
    from workspaces.models import Workspace


def series_list_for(*, container: Container) -> list[ReportSeries]:
    return list(ReportSeries.objects.in_container(container).select_related("workspace", "group"))


def series_get_for(*, container: Container, pk: int) -> ReportSeries:
    series = (
        ReportSeries.objects.in_container(container)
        .select_related(
            "workspace", "group", "template_document__workspace", "template_document__group"
        )
        .prefetch_related("organisations")
        .filter(pk=pk)
        .first()
    )
    if series is None:
        raise Http404("No such report.")
    return series


def item_get_for(*, container: Container, pk: int) -> ReportItem:
    item = (
        ReportItem.objects.filter(
            pk=pk, period__series__in=ReportSeries.objects.in_container(container)
        )
        .select_related("period__series__workspace", "period__series__group", "page", "document")
        .first()
    )
    if item is None:
        raise Http404("No such report.")
    return item


class Board:
    """Periods (rows) × organisations (columns), each cell an item with its status."""

    def __init__(
        self,
        series: ReportSeries,
        items: list[ReportItem],
        today: date,
        partner_ids: set[int],
    ) -> None:
        self.series = series
        self.organisations = sorted({item.organisation_name for item in items})
        self.departed = {
            item.organisation_name for item in items if item.organisation_id not in partner_ids
        }
        periods: dict[ReportPeriod, dict[str, ReportItem]] = {}
        for item in items:
            item.status = item.status_on(today)
            periods.setdefault(item.period, {})[item.organisation_name] = item
        self.rows: list[tuple[ReportPeriod, list[ReportItem | None]]] = [
            (period, [cells.get(name) for name in self.organisations])
            for period, cells in sorted(periods.items(), key=lambda pair: pair[0].number)
        ]


def board_for(*, series: ReportSeries, today: date | None = None) -> Board:
    """The status board (two queries)."""
    items = list(
        ReportItem.objects.filter(period__series=series)
        .select_related("period", "page", "document")
        .order_by("period__number", "organisation_name")
    )
    for item in items:
        item.period.series = series
    partner_ids = set(series.workspace.partners.values_list("pk", flat=True))
    return Board(series, items, today or dates.today(), partner_ids)


def board_csv(board: Board) -> bytes:
    """The board as CSV with a UTF-8 BOM: one line per period and organisation."""
    out = new_buffer()
    writer = csv.writer(out)
    writer.writerow(["period", "due date", "organisation", "status", "submitted at", "by"])
    for period, cells in board.rows:
        for name, item in zip(board.organisations, cells, strict=True):
            if item is None:
                continue
            writer.writerow(
                [
                    period.number,
                    period.due_date.isoformat(),
                    spreadsheet_safe(name),
                    item.status,
                    item.submitted_at.isoformat() if item.submitted_at else "",
                    spreadsheet_safe(item.submitter_name),
                ]
            )
    return out.getvalue().encode()


def reports_due_for(*, user: User, workspace: Workspace) -> list[ReportItem]:
    """Unsubmitted reports owed by the user's organisation that the user may submit, in
    series they may see, soonest first (two queries)."""
    membership = Membership.objects.filter(
        workspace=workspace, user=user, role__in=policies.SUBMITTING_ROLES
    ).first()
    if membership is None:
        return []
    return list(
        ReportItem.objects.filter(
            organisation_id=membership.organisation_id,
            submitted_at__isnull=True,
        )
        .filter(visible_in(user, workspace, "period__series__"))
        .select_related("period__series__workspace", "period__series__group")
        .order_by("period__due_date", "pk")
    )
