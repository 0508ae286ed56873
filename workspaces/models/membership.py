"""Memberships of workspaces and private groups, invitations and the audit of
membership changes."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from ..roles import Role
from .contained import ContainedQuerySet
from .containers import Group, Organisation, Workspace


class Membership(models.Model):
    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="memberships"
    )
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.MEMBER)
    joined_at = models.DateTimeField(default=timezone.now)
    last_seen_at = models.DateTimeField(null=True, blank=True)
    # Set when the member has seen the "start here" page; until then the dashboard sends them there.
    welcomed_at = models.DateTimeField(null=True, blank=True)
    # Set for pages, not columns: by policies.mark_member_actions (the members page) and
    # the person's page (their tasks in each shared workspace).
    may_change_role: bool
    may_remove: bool
    tasks: str

    class Meta:
        ordering = ["organisation__name", "user__display_name"]
        constraints = [
            models.UniqueConstraint(fields=["workspace", "user"], name="membership_unique")
        ]
        indexes = [models.Index(fields=["user", "workspace"])]

    def __str__(self):
        return f"{self.user} in {self.workspace} ({self.get_role_display()})"


class GroupMembership(models.Model):
    """Membership of a private group (open groups need none)."""

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="group_memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="group_memberships"
    )
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["group", "user"], name="group_membership_unique")
        ]

    def __str__(self):
        return f"{self.user} in {self.group}"


class InvitationQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(
            accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=timezone.now()
        )


class Invitation(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        ACCEPTED = "accepted", "Accepted"
        REVOKED = "revoked", "Revoked"
        EXPIRED = "expired", "Expired"

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField()
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.MEMBER)
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    groups = models.ManyToManyField(Group, blank=True, related_name="+")
    # Only the SHA-256 of the random token is stored; the token itself is only in the e-mail.
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)
    # From a pasted "Name <email>" line: the acceptance form starts with it.
    name = models.CharField(max_length=150, blank=True)
    # The inviter's personal note, shown (escaped) in the e-mail and on the acceptance page.
    message = models.TextField(blank=True, max_length=2000)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["workspace", "email"])]

    def __str__(self):
        return f"Invitation of {self.email} to {self.workspace}"

    @property
    def status(self):
        if self.accepted_at:
            return self.Status.ACCEPTED
        if self.revoked_at:
            return self.Status.REVOKED
        if self.expires_at <= timezone.now():
            return self.Status.EXPIRED
        return self.Status.PENDING

    def get_status_display(self):
        return self.Status(self.status).label


class MembershipEvent(models.Model):
    """The audit record of every membership change: who did what to whom, when."""

    class Kind(models.TextChoices):
        INVITED = "invited", "Invited"
        INVITATION_RESENT = "invitation_resent", "Invitation re-sent"
        INVITATION_REVOKED = "invitation_revoked", "Invitation revoked"
        INVITATION_LINK = "invitation_link", "Invitation link copied"
        JOINED = "joined", "Joined"
        ROLE_CHANGED = "role_changed", "Role changed"
        REMOVED = "removed", "Removed"
        GROUP_ADDED = "group_added", "Added to group"
        GROUP_REMOVED = "group_removed", "Removed from group"
        ORGANISATION_REMOVED = "organisation_removed", "Organisation removed"

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="events")
    # The private group an event is about: only those who may see it read the event.
    group = models.ForeignKey(
        Group, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(max_length=30, choices=Kind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    subject = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    email = models.EmailField(blank=True)
    detail = models.CharField(max_length=300, blank=True)
    at = models.DateTimeField(default=timezone.now)

    objects = ContainedQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["workspace", "-at"])]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.email or self.subject}"
