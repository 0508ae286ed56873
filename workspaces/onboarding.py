"""Onboarding: the kick-off (its checklist and guided steps, for leads and community
managers) and the start page's to-do of a member. Content apps contribute through
alliance_hub.hooks."""

from django.db import transaction
from django.utils import timezone

from alliance_hub import hooks
from alliance_hub.reversing import reverse

from .access import require_action
from .models import Invitation, Membership, Workspace
from .roles import Action


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
    for check in hooks.get_hooks(hooks.KICKOFF_CHECK):
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
    for todo in hooks.get_hooks(hooks.MEMBER_TODO):
        items.extend(todo(user, workspace))
    return items


@transaction.atomic
def mark_welcomed(*, user, workspace):
    Membership.objects.filter(workspace=workspace, user=user, welcomed_at__isnull=True).update(
        welcomed_at=timezone.now()
    )
