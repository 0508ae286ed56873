"""Writes about containers and membership. Each is atomic, checks its own rules,
keeps the guardian rows in step and records the change in MembershipEvent."""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group as AuthGroup
from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from guardian.shortcuts import assign_perm

from alliance_hub import hooks
from alliance_hub.db import refuse_duplicate
from alliance_hub.sessions import end_sessions

from .access import groups_with, require_action
from .activity import notify, record_activity
from .models import (
    Group,
    GroupMembership,
    Invitation,
    Membership,
    MembershipEvent,
    Notification,
    Organisation,
    RoleGroup,
)
from .roles import ROLE_ACTIONS, STAFF_ROLES, Action, Role, codename

ADMIN_GROUP_NAME = "Community managers (admin)"
ADMIN_MODEL_PERMS = [
    "workspaces.view_membership",
    "workspaces.change_membership",
    "workspaces.delete_membership",
    "workspaces.view_invitation",
    "workspaces.add_invitation",
    "workspaces.view_group",
    "workspaces.change_group",
    "workspaces.add_group",
    "workspaces.view_organisation",
    "workspaces.view_membershipevent",
    "workspaces.view_groupmembership",
    "workspaces.add_groupmembership",
    "workspaces.delete_groupmembership",
]


class InvitationInvalid(Exception):
    """The invitation link cannot be used; ``str()`` is a message for the person."""


def _saved(organisation):
    """Forms may hand over a new, unsaved partner organisation."""
    return organisation if organisation.pk else organisation_named(organisation.name)


def organisation_named(name):
    """The organisation called ``name`` (any case), created if there is none yet; two
    requests naming the same new organisation at once get the same one."""
    organisation, _ = Organisation.objects.get_or_create(name__iexact=name, defaults={"name": name})
    return organisation


def _event(workspace, kind, *, actor, subject=None, email="", detail="", group=None):
    MembershipEvent.objects.create(
        workspace=workspace,
        group=group,
        kind=kind,
        actor=actor,
        subject=subject,
        email=email or (subject.email if subject else ""),
        detail=detail[:300],
    )


# Role groups -------------------------------------------------------------------------


def _create_role_groups(container):
    """One auth Group per role holding that role's guardian permissions on ``container``."""
    kind = "group" if container.is_group else "ws"
    for role in Role:
        auth_group = AuthGroup.objects.create(name=f"{kind}:{container.pk}:{role}")
        RoleGroup.objects.create(
            auth_group=auth_group,
            role=role,
            workspace=None if container.is_group else container,
            group=container if container.is_group else None,
        )
        _assign_role_perms(auth_group, role, container)


def _assign_role_perms(auth_group, role, container):
    for action in ROLE_ACTIONS[role]:
        assign_perm(codename(action, container), auth_group, container)


def _role_group(container, role):
    lookup = {"group": container} if container.is_group else {"workspace": container}
    return AuthGroup.objects.get(role__role=role, **{f"role__{k}": v for k, v in lookup.items()})


def _grant_open_group_to_workspace_roles(group):
    for role in Role:
        _assign_role_perms(_role_group(group.workspace, role), role, group)


def _user_private_groups(user, workspace):
    return Group.objects.filter(workspace=workspace, is_private=True, group_memberships__user=user)


def _place_in_role_groups(user, workspace, role):
    """Put ``user`` in exactly the role groups of ``role`` for the workspace and its
    private groups they belong to, out of every other role group there."""
    private_groups = list(_user_private_groups(user, workspace))
    in_scope = RoleGroup.objects.filter(workspace=workspace) | RoleGroup.objects.filter(
        group__in=private_groups
    )
    user.groups.remove(*AuthGroup.objects.filter(role__in=in_scope))
    if role is not None:
        user.groups.add(*AuthGroup.objects.filter(role__in=in_scope.filter(role=role)))


def _sync_staff(user):
    """Leads and community managers are staff with the limited admin rights of ADMIN_GROUP_NAME."""
    admin_group = admin_auth_group()
    manages = Membership.objects.filter(user=user, role__in=STAFF_ROLES).exists()
    if manages:
        user.groups.add(admin_group)
    else:
        user.groups.remove(admin_group)
    staff = manages or user.is_superuser
    if user.is_staff != staff:
        user.is_staff = staff
        user.save(update_fields=["is_staff"])


def admin_auth_group():
    """The auth group of leads and community managers, holding ADMIN_MODEL_PERMS and
    those content apps registered (the admin_permission hook); a
    permission registered since the group was made is added on the next call."""
    group, _ = AuthGroup.objects.get_or_create(name=ADMIN_GROUP_NAME)
    wanted = dict.fromkeys([*ADMIN_MODEL_PERMS, *hooks.get_hooks(hooks.ADMIN_PERMISSION)])
    if group.permissions.count() != len(wanted):
        group.permissions.set(_permissions(wanted))
    return group


def _permissions(labels):
    match = Q(pk__in=[])
    for label in labels:
        app_label, codename = label.split(".")
        match |= Q(content_type__app_label=app_label, codename=codename)
    return Permission.objects.filter(match)


# Containers ---------------------------------------------------------------------------


def create_role_groups(container):
    """For founding.py: the role groups of a new container."""
    _create_role_groups(container)


@transaction.atomic
def group_create(*, actor, workspace, name, slug, description="", is_private=False):
    """Create a group (managers of the workspace). A private group starts with the actor in it."""
    require_action(actor, workspace, Action.MANAGE)
    taken = {"slug": "This workspace already has a group with this address."}
    if Group.objects.filter(workspace=workspace, slug=slug).exists():
        raise ValidationError(taken)
    with refuse_duplicate(taken):  # the same form submitted twice at once
        group = Group.objects.create(
            workspace=workspace,
            name=name,
            slug=slug,
            description=description,
            is_private=is_private,
        )
    if is_private:
        _create_role_groups(group)
        if Membership.objects.filter(workspace=workspace, user=actor).exists():
            _group_member_add(actor=actor, group=group, user=actor)  # its creator
    else:
        _grant_open_group_to_workspace_roles(group)
    return group


@transaction.atomic
def group_set_private(*, actor, group, is_private):
    """Switch a group between open and private, rewriting its guardian rows (those who
    manage the group: opening a private group is decided on the group)."""
    require_action(actor, group, Action.MANAGE)
    if group.is_private == is_private:
        return group
    group.groupgroupobjectpermission_set.all().delete()
    RoleGroup.objects.filter(group=group).delete()
    AuthGroup.objects.filter(name__startswith=f"group:{group.pk}:").delete()
    group.is_private = is_private
    group.save(update_fields=["is_private"])
    if is_private:
        _create_role_groups(group)
        for gm in group.group_memberships.select_related("user"):
            _place_in_role_groups(gm.user, group.workspace, _role_of(gm.user, group.workspace))
    else:
        _grant_open_group_to_workspace_roles(group)
    return group


def _role_of(user, workspace):
    return (
        Membership.objects.filter(workspace=workspace, user=user)
        .values_list("role", flat=True)
        .first()
    )


# Membership ---------------------------------------------------------------------------


@transaction.atomic
def member_add(*, actor, workspace, user, role, organisation, groups=(), check=True):
    """Make ``user`` a member (managers; only leads grant the lead role; ``groups`` only
    those the actor manages)."""
    if check:
        require_action(actor, workspace, Action.LEAD if role == Role.LEAD else Action.MANAGE)
        require_group_manager(actor, groups)
    organisation = _saved(organisation)
    membership, created = Membership.objects.get_or_create(
        workspace=workspace, user=user, defaults={"role": role, "organisation": organisation}
    )
    if not created:
        raise ValidationError(f"{user.email} is already a member of {workspace}.")
    workspace.partners.add(organisation)
    for group in groups:
        GroupMembership.objects.get_or_create(group=group, user=user)
    _place_in_role_groups(user, workspace, role)
    _sync_staff(user)
    _event(
        workspace,
        MembershipEvent.Kind.JOINED,
        actor=actor,
        subject=user,
        detail=f"as {Role(role).label} of {organisation}",
    )
    record_activity(
        actor=user,
        verb="joined",
        target=user,
        container=workspace,
        url=reverse("workspaces:member_list", args=[workspace]),
    )
    return membership


@transaction.atomic
def member_change_role(*, actor, membership, role):
    """Change a member's role (managers; only leads grant or take away the lead role)."""
    workspace = membership.workspace
    needs_lead = Role.LEAD in (role, membership.role)
    require_action(actor, workspace, Action.LEAD if needs_lead else Action.MANAGE)
    if membership.role == role:
        return membership
    _keep_a_lead(membership, new_role=role)
    old = membership.get_role_display()
    membership.role = role
    membership.save(update_fields=["role"])
    _place_in_role_groups(membership.user, workspace, role)
    _sync_staff(membership.user)
    _event(
        workspace,
        MembershipEvent.Kind.ROLE_CHANGED,
        actor=actor,
        subject=membership.user,
        detail=f"{old} → {membership.get_role_display()}",
    )
    return membership


def _keep_a_lead(membership, new_role=None):
    if membership.role != Role.LEAD or new_role == Role.LEAD:
        return
    other_leads = Membership.objects.filter(workspace=membership.workspace, role=Role.LEAD)
    if not other_leads.exclude(pk=membership.pk).exists():
        raise ValidationError("A workspace needs at least one lead.")


@transaction.atomic
def member_remove(*, actor, membership, detail=""):
    """Remove a member: access ends on their next request; their content stays theirs."""
    workspace, user = membership.workspace, membership.user
    require_action(actor, workspace, Action.LEAD if membership.role == Role.LEAD else Action.MANAGE)
    _keep_a_lead(membership)
    _place_in_role_groups(user, workspace, None)
    GroupMembership.objects.filter(group__workspace=workspace, user=user).delete()
    Notification.objects.filter(workspace=workspace, recipient=user).delete()
    membership.delete()
    _sync_staff(user)
    if not Membership.objects.filter(user=user).exists():
        end_sessions(user)  # out of the last workspace: signed out everywhere at once
    _event(workspace, MembershipEvent.Kind.REMOVED, actor=actor, subject=user, detail=detail)


@transaction.atomic
def organisation_remove(*, actor, workspace, organisation):
    """Remove a partner organisation and every member who belongs to it."""
    require_action(actor, workspace, Action.MANAGE)
    memberships = list(
        Membership.objects.filter(workspace=workspace, organisation=organisation).select_related(
            "user", "workspace"
        )
    )
    for membership in memberships:
        member_remove(actor=actor, membership=membership, detail=f"with {organisation}")
    workspace.partners.remove(organisation)
    Invitation.objects.pending().filter(workspace=workspace, organisation=organisation).update(
        revoked_at=timezone.now()
    )
    _event(
        workspace,
        MembershipEvent.Kind.ORGANISATION_REMOVED,
        actor=actor,
        detail=f"{organisation} ({len(memberships)} members)",
    )
    return len(memberships)


def require_group_manager(actor, groups):
    """The one rule for adding people to groups: the actor manages each *group* (a
    manager of the workspace outside a private group does not). PermissionDenied."""
    for group in groups:
        require_action(actor, group, Action.MANAGE)


@transaction.atomic
def group_member_add(*, actor, group, user):
    """Add a workspace member to a group (see ``group_member_check``)."""
    group_member_check(actor=actor, group=group, user=user)
    _group_member_add(actor=actor, group=group, user=user)


def group_member_check(*, actor, group, user):
    """May ``actor`` add ``user`` to ``group``? Those who manage the group add members
    of its workspace (forms call it to show errors). Raises PermissionDenied,
    ValidationError."""
    require_group_manager(actor, [group])
    if _role_of(user, group.workspace) is None:
        raise ValidationError(f"{user} is not a member of {group.workspace}.")


def _group_member_add(*, actor, group, user):
    role = _role_of(user, group.workspace)
    _, created = GroupMembership.objects.get_or_create(group=group, user=user)
    if created:
        _place_in_role_groups(user, group.workspace, role)
        _event(
            group.workspace,
            MembershipEvent.Kind.GROUP_ADDED,
            actor=actor,
            subject=user,
            detail=str(group),
            group=group,
        )


@transaction.atomic
def group_member_remove(*, actor, group, user):
    """Take ``user`` out of ``group`` (those who manage the group); what the group's
    notifications quoted is hidden from them on their next request."""
    require_group_manager(actor, [group])
    deleted, _ = GroupMembership.objects.filter(group=group, user=user).delete()
    if deleted:
        if group.is_private:
            user.groups.remove(*AuthGroup.objects.filter(role__group=group))
        _event(
            group.workspace,
            MembershipEvent.Kind.GROUP_REMOVED,
            actor=actor,
            subject=user,
            detail=str(group),
            group=group,
        )


# Invitations --------------------------------------------------------------------------


def _hash_token(token):
    return hashlib.sha256(token.encode()).hexdigest()


def _issue_token(invitation):
    token = secrets.token_urlsafe(32)
    invitation.token_hash = _hash_token(token)
    invitation.expires_at = timezone.now() + timedelta(days=settings.INVITATION_VALID_DAYS)
    return token


def _send_invitation_mail(invitation, token):
    context = {"invitation": invitation, "link": invitation_link(token)}
    send_mail(
        subject=f"You are invited to {invitation.workspace} on Alliance Hub",
        message=render_to_string("workspaces/email/invitation.txt", context),
        from_email=None,
        recipient_list=[invitation.email],
    )
    invitation.sent_at = timezone.now()
    invitation.save(update_fields=["sent_at"])


def invitation_check(*, actor, workspace, role, organisation, groups=(), new_partner=False):
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


def queue_invitation_mails(actor, workspace, invitation_ids):
    """The e-mails go out from a job (a batch can be hundreds of SMTP sends)."""
    from jobs.services import job_start

    if invitation_ids:
        job_start(
            actor=actor,
            kind="invitation_mails",
            container=workspace,
            params={"invitation_ids": invitation_ids},
        )


def invitation_mails_run(job, progress):
    """The invitation e-mails job: each pending invitation of the batch gets a fresh
    link (the token exists only in its e-mail). Idempotent: an invitation already
    sent since the job was asked for is skipped, so a retry sends only what is left.
    The requester must still manage the workspace."""
    from jobs.runner import Outcome

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
    *, actor, workspace, emails, role, organisation, groups=(), new_partner=False, message=""
):
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


def invite_people(*, actor, workspace, people, groups=(), message=""):
    """Create or renew the invitations of ``people`` (Invitees whose role and
    organisation the caller checked with ``invitation_check``). Returns
    ``([(email, outcome)], ids of invitations to mail)``; mails nothing itself."""
    members = set(
        Membership.objects.filter(
            workspace=workspace, user__email__in=[p.email.strip().lower() for p in people]
        ).values_list("user__email", flat=True)
    )
    results, to_mail, seen = [], [], set()
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


def _invitation_create(actor, workspace, person, email, groups, message):
    organisation = _saved(person.organisation)
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
    _event(
        workspace,
        MembershipEvent.Kind.INVITED,
        actor=actor,
        email=email,
        detail=f"as {Role(person.role).label} of {organisation}",
    )
    return invitation


def _renew(actor, invitation, kind=MembershipEvent.Kind.INVITATION_RESENT):
    require_action(actor, invitation.workspace, Action.MANAGE)
    if invitation.status in (Invitation.Status.ACCEPTED, Invitation.Status.REVOKED):
        raise ValidationError(f"This invitation is {invitation.get_status_display().lower()}.")
    token = _issue_token(invitation)  # the old link stops working now
    invitation.save(update_fields=["token_hash", "expires_at"])
    _event(invitation.workspace, kind, actor=actor, email=invitation.email)
    return token


@transaction.atomic
def invitation_resend(*, actor, invitation):
    """Send a fresh link (the old one stops working) and restart the validity period."""
    _renew(actor, invitation)
    queue_invitation_mails(actor, invitation.workspace, [invitation.pk])


@transaction.atomic
def invitation_link_issue(*, actor, invitation):
    """A fresh link to hand over by hand ("copy link"; managers). Only the token's hash
    is stored, so the link is made anew: the e-mailed one stops working. Audited.
    Returns the absolute link. Raises PermissionDenied, ValidationError. Atomic."""
    token = _renew(actor, invitation, kind=MembershipEvent.Kind.INVITATION_LINK)
    return invitation_link(token)


def invitation_link(token):
    return settings.SITE_URL + reverse("workspaces:invitation_accept", args=[token])


@transaction.atomic
def invitation_revoke(*, actor, invitation):
    require_action(actor, invitation.workspace, Action.MANAGE)
    if invitation.status != Invitation.Status.PENDING:
        raise ValidationError(f"This invitation is {invitation.get_status_display().lower()}.")
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["revoked_at"])
    _event(
        invitation.workspace,
        MembershipEvent.Kind.INVITATION_REVOKED,
        actor=actor,
        email=invitation.email,
    )


def invitation_for_token(token):
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


def _presets_still_managed(invitation):
    """The invitation's preset groups that its sender still manages (someone who has left
    a private group since cannot bring a newcomer into it)."""
    if invitation.invited_by is None:
        return Group.objects.none()
    managed = groups_with(invitation.invited_by, Action.MANAGE)
    return managed.filter(pk__in=invitation.groups.values("pk"))


@transaction.atomic
def invitation_accept(*, token=None, invitation=None, user=None, display_name="", password=""):
    """Accept an invitation (by its link's ``token``, or ``invitation`` itself for a first
    single sign-on): as ``user`` (signed in) or as a new person (creates the account;
    ``password=None`` makes one that signs in only through the organisation's IdP).

    Raises InvitationInvalid (nothing created) or ValidationError. Returns the membership.
    """
    if invitation is None:
        invitation = invitation_for_token(token)
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


def account_exists(email):
    return get_user_model().objects.filter(email__iexact=email).exists()


@transaction.atomic
def workspace_describe(*, actor, workspace, description):
    """Change the description (leads)."""
    require_action(actor, workspace, Action.LEAD)
    workspace.description = description
    workspace.save(update_fields=["description"])


@transaction.atomic
def partners_add(*, actor, workspace, names):
    """Add partner organisations by name, creating unknown ones (managers)."""
    require_action(actor, workspace, Action.MANAGE)
    organisations = []
    for name in names:
        organisations.append(organisation_named(name))
    workspace.partners.add(*organisations)
    return organisations


@transaction.atomic
def workspace_two_factor_set(*, actor, workspace, required):
    """A lead turns "members must use two-factor" on or off. From everyone's next
    request, members without two-factor get the set-up page (workspaces.two_factor).
    Raises PermissionDenied for anyone but a lead of ``workspace``."""
    require_action(actor, workspace, Action.LEAD)
    workspace.require_two_factor = required
    workspace.save(update_fields=["require_two_factor"])


# Founding a workspace lives in founding.py; these names stay importable from here.
from .founding import user_may_create_workspace, workspace_create  # noqa: E402, F401
