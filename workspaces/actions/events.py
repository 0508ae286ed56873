"""The audit of membership: one MembershipEvent per change."""

from ..models import MembershipEvent


def record_event(workspace, kind, *, actor, subject=None, email="", detail="", group=None):
    MembershipEvent.objects.create(
        workspace=workspace,
        group=group,
        kind=kind,
        actor=actor,
        subject=subject,
        email=email or (subject.email if subject else ""),
        detail=detail[:300],
    )
