"""Adoption figures of a workspace: per member and per week, as charts and CSV
(content apps add their columns and series through alliance_hub.hooks)."""

import csv
from datetime import timedelta

from django.db.models import Count, DateField
from django.db.models.functions import TruncWeek
from django.utils import timezone

from alliance_hub import csvfiles, hooks

from .models import Invitation, Membership, WeeklyVisit

CHART_WEEKS = 12


def count_by_member(rows, user_field, user_ids):
    """``{user_id: n}``: how many of ``rows`` each of ``user_ids`` made (one query)."""
    return dict(
        rows.filter(**{f"{user_field}__in": user_ids})
        .values_list(user_field)
        .annotate(n=Count("pk"))
    )


def count_by_week(rows, date_field, since):
    """``{monday: n}``: how many of ``rows`` fall in each week from ``since`` (one query)."""
    return dict(
        rows.filter(**{f"{date_field}__date__gte": since})
        .annotate(week=TruncWeek(date_field, output_field=DateField()))
        .values_list("week")
        .annotate(n=Count("pk"))
    )


def adoption_rows(workspace, viewer):
    """One row per member: the person, organisation, role, last visit, whether they
    ever signed in, and the apps' columns (completeness, posts, uploads, edits),
    counting only what ``viewer`` may see."""
    memberships = list(
        Membership.objects.filter(workspace=workspace)
        .select_related("user", "organisation")
        .order_by("organisation__name", "user__display_name")
    )
    user_ids = [m.user_id for m in memberships]
    columns = [
        (column.label, column.fn(workspace, user_ids, viewer))
        for column in hooks.get_hooks(hooks.MEMBER_COLUMN)
    ]
    return [label for label, _ in columns], [
        {"membership": m, "values": [values.get(m.user_id, 0) for _, values in columns]}
        for m in memberships
    ]


def weeks_back(count=CHART_WEEKS, today=None):
    today = today or timezone.now().date()
    monday = today - timedelta(days=today.weekday())
    return [monday - timedelta(weeks=n) for n in range(count - 1, -1, -1)]


def weekly_series(workspace, viewer):
    """[(label, [(monday, count), ...])] for the charts, the last CHART_WEEKS weeks, of
    what ``viewer`` may see."""
    weeks = weeks_back()
    active = dict(
        WeeklyVisit.objects.filter(workspace=workspace, week__gte=weeks[0])
        .values_list("week")
        .annotate(n=Count("user", distinct=True))
    )
    series = [("Weekly active members", active)]
    series += [
        (chart.label, chart.fn(workspace, weeks[0], viewer))
        for chart in hooks.get_hooks(hooks.WEEKLY_SERIES)
    ]
    return [(label, [(week, counts.get(week, 0)) for week in weeks]) for label, counts in series]


def bar_chart(points, width=360, height=120):
    """Geometry for a server-drawn SVG bar chart of [(monday, count)]."""
    top = max((count for _, count in points), default=0) or 1
    slot = width / max(len(points), 1)
    bars = []
    for index, (week, count) in enumerate(points):
        bar_height = round((height - 20) * count / top, 1)
        bars.append(
            {
                "x": round(index * slot + 2, 1),
                "y": round(height - 14 - bar_height, 1),
                "w": round(slot - 4, 1),
                "h": bar_height,
                "count": count,
                "week": week,
            }
        )
    return {"width": width, "height": height, "bars": bars, "max": top}


def adoption_csv(workspace, viewer):
    labels, rows = adoption_rows(workspace, viewer)
    buffer = csvfiles.new_buffer()
    writer = csv.writer(buffer)
    writer.writerow(
        ["name", "e-mail", "organisation", "role", "last visit", "signed in ever", *labels]
    )
    for row in rows:
        m = row["membership"]
        writer.writerow(
            [
                csvfiles.spreadsheet_safe(m.user.display_name),
                m.user.email,
                csvfiles.spreadsheet_safe(m.organisation.name),
                m.get_role_display(),
                m.last_seen_at.isoformat() if m.last_seen_at else "",
                "yes" if m.user.last_login else "no",
                *row["values"],
            ]
        )
    return buffer.getvalue()


def invitations_overview(workspace):
    invitations = Invitation.objects.filter(
        workspace=workspace, accepted_at__isnull=True, revoked_at__isnull=True
    )
    now = timezone.now()
    return {
        "pending": invitations.filter(expires_at__gt=now).select_related("organisation"),
        "expired": invitations.filter(expires_at__lte=now).select_related("organisation"),
    }
