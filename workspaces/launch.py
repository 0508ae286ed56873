"""Launch and adoption: the kick-off checklist, the start page, pins, the adoption
figures and the export. Content apps contribute through alliance_hub.hooks."""

import csv
import json
from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, DateField
from django.db.models.functions import TruncWeek
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from zipstream import ZIP_DEFLATED, ZipStream

from alliance_hub import csvfiles, hooks

from .access import require_action
from .models import Invitation, Membership, Pin, WeeklyVisit, Workspace
from .policies import PIN_ACTION
from .roles import Action

CHART_WEEKS = 12


# Kick-off and start page ---------------------------------------------------------------


def kickoff_checklist(workspace):
    """The kick-off checklist, ticked off from real data (apps add their checks)."""
    members = Membership.objects.filter(workspace=workspace).count()
    pending = Invitation.objects.pending().filter(workspace=workspace).count()
    items = [
        {
            "label": "Every member invited (and no invitation left unanswered)",
            "done": members > 1 and pending == 0,
            "url": None,
        }
    ]
    for check in hooks.KICKOFF_CHECKS:
        items.extend(check(workspace))
    return items


# The guided first run, after the name: (key, title). The kick-off page shows one at a time.
KICKOFF_STEPS = [
    ("partners", "Partner organisations"),
    ("invitations", "Invitations"),
    ("pages", "Starter pages"),
    ("done", "Done"),
]


def kickoff_step_url(workspace, step):
    return f"{reverse('workspaces:kickoff', args=[workspace])}?step={step}"


def kickoff_steps(current):
    """The steps with their position relative to ``current`` for the step list."""
    keys = [key for key, _ in KICKOFF_STEPS]
    index = keys.index(current)
    return [
        {"key": key, "title": title, "current": key == current, "past": n < index}
        for n, (key, title) in enumerate(KICKOFF_STEPS)
    ]


@transaction.atomic
def kickoff_complete(*, actor, workspace):
    """Mark the kick-off done: the dashboard stops offering it (managers). Raises
    PermissionDenied. Atomic; a second call keeps the first date."""
    require_action(actor, workspace, Action.MANAGE)
    Workspace.objects.filter(pk=workspace.pk, kickoff_completed_at__isnull=True).update(
        kickoff_completed_at=timezone.now()
    )


def member_todo(user, workspace):
    items = []
    for todo in hooks.MEMBER_TODOS:
        items.extend(todo(user, workspace))
    return items


@transaction.atomic
def mark_welcomed(*, user, workspace):
    Membership.objects.filter(workspace=workspace, user=user, welcomed_at__isnull=True).update(
        welcomed_at=timezone.now()
    )


# Pins ----------------------------------------------------------------------------------


def _pin_target(workspace, target_ref):
    """``"app_label.model:pk"`` -> the object, if it lives in ``workspace``; else Http404."""
    try:
        model_ref, pk = target_ref.split(":")
        app_label, model = model_ref.split(".")
        content_type = ContentType.objects.get_by_natural_key(app_label, model)
        target = content_type.get_object_for_this_type(pk=int(pk))
    except (ValueError, ContentType.DoesNotExist, Exception) as error:  # noqa: BLE001
        raise Http404("Nothing to pin there.") from error
    # Only live workspace-level content is pinned: the start page is for every member.
    if getattr(target, "workspace_id", None) != workspace.pk or getattr(target, "group_id", None):
        raise Http404("Nothing to pin there.")
    if getattr(target, "deleted_at", None):
        raise Http404("That is in the trash.")
    return content_type, target


@transaction.atomic
def pin_add(*, actor, workspace, target_ref):
    """Pin a workspace-level page or document to the start page (leads). Raises
    PermissionDenied, Http404 for a target outside the workspace, ValidationError."""
    require_action(actor, workspace, PIN_ACTION)
    content_type, target = _pin_target(workspace, target_ref)
    pin, created = Pin.objects.get_or_create(
        workspace=workspace,
        target_type=content_type,
        target_id=target.pk,
        defaults={"label": str(target)[:300], "url": target.get_absolute_url(), "pinned_by": actor},
    )
    if not created:
        raise ValidationError(f"“{target}” is pinned already.")
    return pin


def unpin_target(target):
    """Take ``target`` off the start page (content apps call it when they trash it)."""
    Pin.objects.filter(
        target_type=ContentType.objects.get_for_model(target), target_id=target.pk
    ).delete()


@transaction.atomic
def pin_remove(*, actor, pin):
    require_action(actor, pin.workspace, PIN_ACTION)
    pin.delete()


# Adoption ------------------------------------------------------------------------------


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
    columns = [(label, fn(workspace, user_ids, viewer)) for label, fn in hooks.MEMBER_COLUMNS]
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
    series += [(label, fn(workspace, weeks[0], viewer)) for label, fn in hooks.WEEKLY_SERIES]
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
                m.user.display_name,
                m.user.email,
                m.organisation.name,
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


# Export --------------------------------------------------------------------------------


def members_exporter(container):
    memberships = (
        Membership.objects.filter(workspace=container.workspace)
        .select_related("user", "organisation")
        .order_by("organisation__name", "user__display_name")
    )
    if container.is_group and container.is_private:
        memberships = memberships.filter(user__group_memberships__group=container)
    buffer = csvfiles.new_buffer()
    writer = csv.writer(buffer)
    writer.writerow(["name", "e-mail", "organisation", "role", "joined"])
    for m in memberships:
        writer.writerow(
            [
                m.user.display_name,
                m.user.email,
                m.organisation.name,
                m.get_role_display(),
                m.joined_at.date().isoformat(),
            ]
        )
    yield "members.csv", buffer.getvalue().encode()
    about = {
        "name": container.name,
        "description": container.description,
        "exported_at": timezone.now().isoformat(),
    }
    yield "about.json", json.dumps(about, indent=2).encode()


def export_stream(container, progress=None):
    """The container's export as a ZIP, generated chunk by chunk: each exporter's
    entries are added and yielded one by one, so memory stays flat. ``progress``
    (optional) is called with a percentage after each entry."""
    archive = ZipStream(compress_type=ZIP_DEFLATED)
    exporters = [members_exporter, *hooks.EXPORTERS]
    for index, exporter in enumerate(exporters):
        for path, chunks in exporter(container):
            archive.add(chunks, path)
            yield from archive.all_files()
            if progress:
                progress(100 * index / len(exporters))
    yield from archive.footer()


def export_start(*, actor, container):
    """Ask for the container's export (managers); it is built by a job. Returns the job."""
    from jobs.services import job_start

    return job_start(actor=actor, kind="export", container=container)


def export_run(job, progress):
    """The export job: the ZIP is written to storage, verified whole, then offered to
    managers for EXPORT_RETENTION_DAYS. The requester must still be a manager."""
    from jobs.files import store_verified_zip
    from jobs.runner import Outcome

    container = job.container
    require_action(job.requested_by, container, Action.MANAGE)
    filename = f"{slugify(str(container)) or 'export'}-{timezone.now():%Y-%m-%d}.zip"
    stored = store_verified_zip(job, filename, export_stream(container, progress))
    return Outcome(
        summary=f"The export of {container} is ready to download.",
        result_file=stored,
        expires_at=timezone.now() + timedelta(days=settings.EXPORT_RETENTION_DAYS),
        notify=True,
    )
