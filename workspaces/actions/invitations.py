"""Invitations: who may invite whom, the links, their e-mails and accepting them."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.utils import timezone

from alliance_hub.reversing import reverse
from jobs.runner import Outcome
from jobs.services import job_start

from ..access import groups_with, require_action
from ..activity import notify
from ..models import Group, Invitation, Membership, MembershipEvent, Notification, Organisation
from ..roles import Action, Role
from .events import record_event
from .groups import require_group_manager
from .membership import member_add
from .partners import saved_organisation

if TYPE_CHECKING:
    from alliance_hub.types import User
    from jobs.models import Job

    from ..models import Workspace


class InvitationInvalid(Exception):
    """The invitation link cannot be used; ``str()`` is a message for the person."""


def _hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _issue_token(invitation: Invitation) -> str:
    token = secrets.token_urlsafe(32)
    invitation.token_hash = _hash_token(token)
    invitation.expires_at = timezone.now() + timedelta(days=settings.INVITATION_VALID_DAYS)
    return token


def _send_invitation_mail(invitation: Invitation, token: str) -> None:
    context = {"invitation": invitation, "link": invitation_link(token)}
    send_mail(
        subject=f"You are invited to {invitation.workspace} on Alliance Hub",
        message=render_to_string("workspaces/email/invitation.txt", context),
        from_email=None,
        recipient_list=[invitation.email],
    )
    invitation.sent_at = timezone.now()
    invitation.save(update_fields=["sent_at"])


def invitation_check(
    *,
    actor: User,
    workspace: Workspace,
    role: str,
    organisation: Organisation,
    groups: Iterable[Group] = (),
    new_partner: bool = False,
) -> None:
    """Who may invite whom, where (forms call it to show errors before saving):
    managers, only leads invite leads; preset groups belong to the workspace and the
    actor manages each; the organisation is a partner already, unless ``new_partner``
    (the explicit "add this partner" choice). Raises PermissionDenied, ValidationError."""
    require_action(actor, workspace, Action.LEAD if role == Role.LEAD else Action.MANAGE)
    if any(g.workspace_id != workspace.pk for g in groups):
        raise ValidationError("Groups must belong to this workspace.")
    require_group_manager(actor, groups)
    is_partner = organisation.pk and workspace.partners.filter(pk=organisation.pk).exists()
    if not (is_partner or new_partner):
        raise ValidationError(
            f"{organisation} is not a partner of {workspace}: add it as a partner first."
        )


def queue_invitation_mails(actor: User, workspace: Workspace, invitation_ids: list[int]) -> None:
    """The e-mails go out from a job (a batch can be hundreds of SMTP sends)."""
    if invitation_ids:
        job_start(
            actor=actor,
            kind="invitation_mails",
            container=workspace,
            params={"invitation_ids": invitation_ids},
        )


def invitation_mails_run(job: Job, progress: Callable[[float], Any]) -> Outcome:
    """The invitation e-mails job: each pending invitation of the batch gets a fresh
    link (the token exists only in its e-mail). Idempotent: an invitation already
    sent since the job was asked for is skipped, so a retry sends only what is left.
    The requester must still manage the workspace."""
    if job.requested_by is None:  # the requester's account is gone
        raise PermissionDenied("Only a manager may send invitations.")
    require_action(job.requested_by, job.workspace, Action.MANAGE)
    due = list(
        Invitation.objects.pending()
        .filter(workspace=job.workspace, pk__in=job.params["invitation_ids"])
        .exclude(sent_at__gte=job.created_at)
        .select_related("workspace", "organisation", "invited_by")
    )
    for done, invitation in enumerate(due):
        with transaction.atomic():
            token = _issue_token(invitation)
            invitation.save(update_fields=["token_hash", "expires_at"])
            _send_invitation_mail(invitation, token)
        progress(100 * (done + 1) / len(due))
    return Outcome(summary=f"{len(due)} invitation e-mail{'s' if len(due) != 1 else ''} sent.")


@transaction.atomic
def invitations_send(
    *,
    actor: User,
    workspace: Workspace,
    emails: Iterable[str],
    role: str,
    organisation: Organisation,
    groups: Sequence[Group] = (),
    new_partner: bool = False,
    message: str = "",
) -> list[tuple[str, str]]:
    """Invite each address (see ``invitation_check`` for who may), with the inviter's
    personal ``message``.

    Returns ``[(email, outcome)]`` with outcome "invited", "re-sent" (a pending
    invitation got a fresh link) or "already a member" (nothing sent).
    The e-mails go out from one job, queued when the transaction commits.
    """
    invitation_check(
        actor=actor,
        workspace=workspace,
        role=role,
        organisation=organisation,
        groups=groups,
        new_partner=new_partner,
    )
    people = [Invitee(email, role, organisation, "") for email in emails]
    results, to_mail = invite_people(
        actor=actor, workspace=workspace, people=people, groups=groups, message=message
    )
    queue_invitation_mails(actor, workspace, to_mail)
    return results


@dataclass
class Invitee:
    email: str
    role: str
    organisation: Organisation
    name: str = ""


def invite_people(
    *,
    actor: User,
    workspace: Workspace,
    people: Iterable[Invitee],
    groups: Sequence[Group] = (),
    message: str = "",
) -> tuple[list[tuple[str, str]], list[int]]:
    """Create or renew the invitations of ``people`` (Invitees whose role and
    organisation the caller checked with ``invitation_check``). Returns
    ``([(email, outcome)], ids of invitations to mail)``; mails nothing itself."""
    members = set(
        Membership.objects.filter(
            workspace=workspace, user__email__in=[p.email.strip().lower() for p in people]
        ).values_list("user__email", flat=True)
    )
    results: list[tuple[str, str]] = []
    to_mail: list[int] = []
    seen: set[str] = set()
    for person in people:
        email = person.email.strip().lower()
        if email in seen:
            continue
        seen.add(email)
        if email in members:
            results.append((email, "already a member"))
            continue
        pending = Invitation.objects.pending().filter(workspace=workspace, email=email).first()
        if pending:
            _renew(actor, pending)
            to_mail.append(pending.pk)
            results.append((email, "re-sent"))
            continue
        invitation = _invitation_create(actor, workspace, person, email, groups, message)
        to_mail.append(invitation.pk)
        results.append((email, "invited"))
    return results, to_mail


def _invitation_create(
    actor: User,
    workspace: Workspace,
    person: Invitee,
    email: str,
    groups: Sequence[Group],
    message: str,
) -> Invitation:
    organisation = saved_organisation(person.organisation)
    invitation = Invitation(
        workspace=workspace,
        email=email,
        name=person.name[:150],
        role=person.role,
        organisation=organisation,
        invited_by=actor,
        message=message[:2000],
    )
    _issue_token(invitation)  # a placeholder until the job mails a fresh link
    invitation.save()
    invitation.groups.set(groups)
    workspace.partners.add(organisation)
    record_event(
        workspace,
        MembershipEvent.Kind.INVITED,
        actor=actor,
        email=email,
        detail=f"as {Role(person.role).label} of {organisation}",
    )
    return invitation


def _renew(
    actor: User, invitation: Invitation, kind: str = MembershipEvent.Kind.INVITATION_RESENT
) -> str:
    require_action(actor, invitation.workspace, Action.MANAGE)
    if invitation.status in (Invitation.Status.ACCEPTED, Invitation.Status.REVOKED):
        raise ValidationError(f"This invitation is {invitation.get_status_display().lower()}.")
    token = _issue_token(invitation)  # the old link stops working now
    invitation.save(update_fields=["token_hash", "expires_at"])
    record_event(invitation.workspace, kind, actor=actor, email=invitation.email)
    return token


@transaction.atomic
def invitation_resend(*, actor: User, invitation: Invitation) -> None:
    """Send a fresh link (the old one stops working) and restart the validity period."""
    _renew(actor, invitation)
    queue_invitation_mails(actor, invitation.workspace, [invitation.pk])


@transaction.atomic
def invitation_link_issue(*, actor: User, invitation: Invitation) -> str:
    """A fresh link to hand over by hand ("copy link"; managers). Only the token's hash
    is stored, so the link is made anew: the e-mailed one stops working. Audited.
    Returns the absolute link. Raises PermissionDenied, ValidationError. Atomic."""
    token = _renew(actor, invitation, kind=MembershipEvent.Kind.INVITATION_LINK)
    return invitation_link(token)


def invitation_link(token: str) -> str:
    return settings.SITE_URL + reverse("workspaces:invitation_accept", args=[token])


@transaction.atomic
def invitation_revoke(*, actor: User, invitation: Invitation) -> None:
    require_action(actor, invitation.workspace, Action.MANAGE)
    if invitation.status != Invitation.Status.PENDING:
        raise ValidationError(f"This invitation is {invitation.get_status_display().lower()}.")
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["revoked_at"])
    record_event(
        invitation.workspace,
        MembershipEvent.Kind.INVITATION_REVOKED,
        actor=actor,
        email=invitation.email,
    )


def invitation_for_token(token: str) -> Invitation:
    """The pending invitation behind ``token``; raises InvitationInvalid with a reason."""
    invitation = (
        Invitation.objects.select_related("workspace", "organisation")
        .filter(token_hash=_hash_token(token))
        .first()
    )
    if invitation is None:
        raise InvitationInvalid(
            "This invitation link is not valid. Check that you copied all "
            "of it, or ask for a new invitation."
        )
    reasons = {
        Invitation.Status.ACCEPTED: "This invitation has already been used.",
        Invitation.Status.REVOKED: "This invitation was withdrawn by the workspace's managers.",
        Invitation.Status.EXPIRED: "This invitation has expired. Ask for a new one.",
    }
    if invitation.status in reasons:
        raise InvitationInvalid(reasons[invitation.status])
    return invitation


def _presets_still_managed(invitation: Invitation) -> QuerySet[Group]:
    """The invitation's preset groups that its sender still manages (someone who has left
    a private group since cannot bring a newcomer into it)."""
    if invitation.invited_by is None:
        return Group.objects.none()
    managed = groups_with(invitation.invited_by, Action.MANAGE)
    return managed.filter(pk__in=invitation.groups.values("pk"))


@transaction.atomic
def invitation_accept(
    *,
    token: str | None = None,
    invitation: Invitation | None = None,
    user: User | None = None,
    display_name: str = "",
    password: str | None = "",
) -> Membership:
    """Accept an invitation (by its link's ``token``, or ``invitation`` itself for a first
    single sign-on): as ``user`` (signed in) or as a new person (creates the account;
    ``password=None`` makes one that signs in only through the organisation's IdP).

    Raises InvitationInvalid (nothing created) or ValidationError. Returns the membership.
    """
    if invitation is None:
        invitation = invitation_for_token(token or "")
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.status != Invitation.Status.PENDING:  # lost a race with another accept
        raise InvitationInvalid("This invitation has already been used.")
    User = get_user_model()
    if user is None:
        if User.objects.filter(email__iexact=invitation.email).exists():
            raise ValidationError("An account with this e-mail exists: sign in to accept.")
        user = User.objects.create_user(
            email=invitation.email, password=password, display_name=display_name
        )
    if Membership.objects.filter(workspace=invitation.workspace, user=user).exists():
        raise InvitationInvalid(f"You are already a member of {invitation.workspace}.")
    membership = member_add(
        actor=invitation.invited_by,
        workspace=invitation.workspace,
        user=user,
        role=invitation.role,
        organisation=invitation.organisation,
        groups=_presets_still_managed(invitation),
        check=False,
    )
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    if invitation.invited_by:
        notify(
            recipients=[invitation.invited_by],
            kind=Notification.Kind.INVITATION_ACCEPTED,
            actor=user,
            text=f"{user} accepted your invitation to {invitation.workspace}",
            target=invitation.workspace,
            container=invitation.workspace,
        )
    return membership
