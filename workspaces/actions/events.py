"""The audit of membership: one MembershipEvent per change."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..models import Group, MembershipEvent, Workspace

if TYPE_CHECKING:
    from alliance_hub.types import User


def record_event(
    workspace: Workspace,
    kind: str,
    *,
    actor: User | None,
    subject: User | None = None,
    email: str = "",
    detail: str = "",
    group: Group | None = None,
) -> None:
    MembershipEvent.objects.create(
        workspace=workspace,
        group=group,
        kind=kind,
        actor=actor,
        subject=subject,
        email=email or (subject.email if subject else ""),
        detail=detail[:300],
    )
