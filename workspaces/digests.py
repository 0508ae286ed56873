"""Digests: e-mail every member whose digest is due a summary of what happened in
their workspaces since their last one. Links only, never attachments.

Sent by the periodic task ``send_due_digests`` (hourly, see jobs/periodic.py) or by
``manage.py send_digests``. It is safe to run twice: each person's
``digest_sent_at`` moves forward in the same transaction that sends their e-mail,
so a second run finds nobody due. A digest is due when its period (1 or 7 days)
has passed since the last one, less ``GRACE`` so that a daily cron job that
starts a few seconds earlier than yesterday does not skip a day.
"""

import logging
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone

from alliance_hub.reversing import reverse
from workspaces.activity import stream_for
from workspaces.models import Membership
from workspaces.notifications import unread_count_for

logger = logging.getLogger(__name__)

PERIODS = {"daily": timedelta(days=1), "weekly": timedelta(days=7)}
GRACE = timedelta(hours=1)
MAX_LINES = 500  # per digest; the rest is one "and N more" link per workspace
LINES_PER_WORKSPACE = 30


@dataclass
class WorkspaceSection:
    workspace: object
    url: str
    lines: list = field(default_factory=list)
    more: int = 0


def due_users(now, frequency=None):
    """Active people whose digest period has passed (or who never had one)."""
    frequencies = [frequency] if frequency else list(PERIODS)
    due = Q()
    for name in frequencies:
        due |= Q(digest_frequency=name) & (
            Q(digest_sent_at__isnull=True) | Q(digest_sent_at__lte=now - PERIODS[name] + GRACE)
        )
    return get_user_model().objects.filter(due, is_active=True).order_by("pk")


def _absolute(url):
    return url if url.startswith(("http://", "https://")) else f"{settings.SITE_URL}{url}"


def digest_sections(user, *, since, until):
    """What happened, per workspace the user is a member of now, filtered as their stream is.

    Their own actions are left out. Returns a list of WorkspaceSection.
    """
    member_of = Membership.objects.filter(user=user).values("workspace_id")
    rows = (
        stream_for(user=user)
        .filter(workspace_id__in=member_of, created_at__gt=since, created_at__lte=until)
        .exclude(actor_id=user.pk)
        .select_related("workspace", "group")
        .order_by("workspace__name", "workspace_id", "-id")[:MAX_LINES]
    )
    sections = {}
    for activity in rows:
        section = sections.get(activity.workspace_id)
        if section is None:
            workspace = activity.workspace
            section = sections[workspace.pk] = WorkspaceSection(
                workspace, _absolute(workspace.get_absolute_url())
            )
        if len(section.lines) >= LINES_PER_WORKSPACE:
            section.more += 1
            continue
        section.lines.append(
            {
                "actor": str(activity.actor or "Someone"),
                "verb": activity.verb,
                "label": activity.target_label,
                "url": _absolute(activity.target_url),
                "where": activity.group.name if activity.group_id else "",
            }
        )
    return list(sections.values())


def build_message(user, sections, unread):
    lines = sum(len(s.lines) + s.more for s in sections)
    context = {
        "user": user,
        "sections": sections,
        "unread": unread,
        "frequency": user.get_digest_frequency_display().lower(),
        "notifications_url": _absolute(reverse("workspaces:notification_list")),
        "site_url": settings.SITE_URL,
    }
    names = ", ".join(s.workspace.name for s in sections)
    subject = f"{lines} update{'s' if lines != 1 else ''} in {names}"
    message = EmailMultiAlternatives(
        subject=subject[:200],
        body=render_to_string("workspaces/email/digest.txt", context),
        to=[user.email],
    )
    message.attach_alternative(
        render_to_string("workspaces/email/digest.html", context), "text/html"
    )
    return message


def send_digest(user_id, *, now, frequency=None, dry_run=False):
    """Send one person's digest if still due. Returns "sent", "nothing new" or None (not due).

    Atomic: the user's row is locked, the e-mail is sent and ``digest_sent_at``
    is set in one transaction; a failure to send leaves the digest due.
    """
    with transaction.atomic():
        user = due_users(now, frequency).select_for_update().filter(pk=user_id).first()
        if user is None:
            return None
        period = PERIODS[user.digest_frequency]
        since = user.digest_sent_at or now - period
        sections = digest_sections(user, since=since, until=now)
        outcome = "sent" if sections else "nothing new"
        if dry_run:
            return outcome
        if sections:
            build_message(user, sections, unread_count_for(user)).send()
        user.digest_sent_at = now
        user.save(update_fields=["digest_sent_at"])
        return outcome


def send_due_digests(*, now=None, frequency=None, dry_run=False, report=None):
    """Send every due digest; one failure does not stop the others (that digest stays
    due). ``report(email, outcome)`` hears of each. Returns the counts by outcome."""
    now = now or timezone.now()
    counts = {"sent": 0, "nothing new": 0, "failed": 0}
    for user_id, email in due_users(now, frequency).values_list("pk", "email"):
        try:
            outcome = send_digest(user_id, now=now, frequency=frequency, dry_run=dry_run)
        except Exception:  # one bad address must not stop everyone else's digest
            logger.exception("Digest for user %s failed", user_id)
            outcome = "failed"
        if outcome is None:
            continue
        counts[outcome] += 1
        if report:
            report(email, outcome)
    return counts
