"""Containers (workspaces and their groups), partner organisations, memberships,
invitations and the audit of membership changes."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group as AuthGroup
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import reverse
from django.utils import timezone
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase

from alliance_hub import hooks

from .roles import Role, container_meta_permissions


class Organisation(models.Model):
    """A partner organisation; it can take part in several alliances."""

    name = models.CharField(max_length=200, unique=True)
    website = models.URLField(blank=True)
    # Single sign-on (workspaces.sso): people whose e-mail is in one of these domains
    # sign in through the organisation's own identity provider.
    email_domains = models.CharField(
        max_length=500, blank=True, help_text="Comma-separated, e.g. nordicwind.example"
    )
    sso_app = models.OneToOneField(
        "socialaccount.SocialApp",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="organisation",
        verbose_name="identity provider",
        help_text="An OpenID Connect app (provider 'openid_connect') for this organisation.",
    )
    sso_required = models.BooleanField(
        "single sign-on required",
        default=False,
        help_text="Its people cannot sign in with a password, only through the identity provider.",
    )

    class Meta:
        ordering = ["name"]

    @property
    def domains(self):
        return {d.strip().lower().lstrip("@") for d in self.email_domains.split(",") if d.strip()}

    def __str__(self):
        return self.name


class Workspace(models.Model):
    """One alliance's workspace: the top-level container."""

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=80, unique=True)
    description = models.TextField(blank=True)
    partners = models.ManyToManyField(Organisation, blank=True, related_name="workspaces")
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    require_two_factor = models.BooleanField(
        "members must use two-factor",
        default=False,
        help_text="Members without an authenticator app or security key are sent to set "
        "one up before they see anything.",
    )
    # Set when a lead or community manager finishes the kick-off; until then the
    # dashboard offers the way back to it.
    kickoff_completed_at = models.DateTimeField(null=True, blank=True)

    is_group = False

    class Meta:
        ordering = ["name"]
        permissions = container_meta_permissions("workspace")

    def __str__(self):
        return self.name

    @property
    def workspace(self):
        return self

    @property
    def workspace_id(self):
        return self.pk

    @property
    def group(self):
        return None

    @property
    def container_path(self):
        return self.slug

    def get_absolute_url(self):
        return reverse("workspaces:dashboard", args=[self])


class Group(models.Model):
    """A sub-project inside a workspace, open to every member or private to its own."""

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="groups")
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=80)
    description = models.TextField(blank=True)
    is_private = models.BooleanField(
        default=False, help_text="Private groups are visible only to their own members."
    )
    created_at = models.DateTimeField(default=timezone.now)

    is_group = True

    class Meta:
        ordering = ["name"]
        permissions = container_meta_permissions("group")
        constraints = [
            models.UniqueConstraint(fields=["workspace", "slug"], name="group_slug_unique")
        ]

    def __str__(self):
        return self.name

    @property
    def group(self):
        return self

    @property
    def container_path(self):
        # Uses workspace_id's slug via the cached relation; selectors select_related it.
        return f"{self.workspace.slug}/g/{self.slug}"

    def get_absolute_url(self):
        return reverse("workspaces:dashboard", args=[self])


# Direct foreign-key permission tables (faster than guardian's generic ones).
class WorkspaceUserObjectPermission(UserObjectPermissionBase):
    content_object = models.ForeignKey(Workspace, on_delete=models.CASCADE)

    class Meta(UserObjectPermissionBase.Meta):
        abstract = False


class WorkspaceGroupObjectPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey(Workspace, on_delete=models.CASCADE)

    class Meta(GroupObjectPermissionBase.Meta):
        abstract = False


class GroupUserObjectPermission(UserObjectPermissionBase):
    content_object = models.ForeignKey(Group, on_delete=models.CASCADE)

    class Meta(UserObjectPermissionBase.Meta):
        abstract = False


class GroupGroupObjectPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey(Group, on_delete=models.CASCADE)

    class Meta(GroupObjectPermissionBase.Meta):
        abstract = False


class RoleGroup(models.Model):
    """Links one auth Group to the (container, role) whose guardian permissions it holds.

    Membership services move users between these auth groups; deleting the
    container deletes them (see signals), so a re-created container starts empty.
    """

    auth_group = models.OneToOneField(AuthGroup, on_delete=models.CASCADE, related_name="role")
    workspace = models.ForeignKey(
        Workspace, null=True, blank=True, on_delete=models.CASCADE, related_name="role_groups"
    )
    group = models.ForeignKey(
        Group, null=True, blank=True, on_delete=models.CASCADE, related_name="role_groups"
    )
    role = models.CharField(max_length=20, choices=Role.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["workspace", "role"], name="rolegroup_ws_role"),
            models.UniqueConstraint(fields=["group", "role"], name="rolegroup_group_role"),
            models.CheckConstraint(
                condition=models.Q(workspace__isnull=True) ^ models.Q(group__isnull=True),
                name="rolegroup_one_container",
            ),
        ]

    def __str__(self):
        return self.auth_group.name


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


class ContainedQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Rows in containers ``user`` may view, filtered in SQL (see access.py)."""
        from .access import contained_visible_q

        return self.filter(contained_visible_q(user))

    def in_container(self, container):
        if container.is_group:
            return self.filter(group=container)
        return self.filter(workspace=container, group__isnull=True)


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


class Contained(models.Model):
    """Base for content: it belongs to one workspace, or to one group inside it."""

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="+")
    group = models.ForeignKey(
        Group, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )

    objects = ContainedQuerySet.as_manager()

    class Meta:
        abstract = True

    @property
    def container(self):
        return self.group if self.group_id else self.workspace

    def set_container(self, container):
        self.workspace = container.workspace
        self.group = container.group


class Activity(Contained):
    """One line of the activity stream. Label and URL are snapshots taken when it
    happened, so the stream renders without loading the targets."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    verb = models.CharField(max_length=60)
    target_type = models.ForeignKey(
        "contenttypes.ContentType", null=True, on_delete=models.CASCADE, related_name="+"
    )
    target_id = models.PositiveBigIntegerField(null=True)
    target_label = models.CharField(max_length=300)
    target_url = models.CharField(max_length=500)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-id"]
        indexes = [
            models.Index(fields=["workspace", "-id"], name="activity_ws_recent"),
            models.Index(fields=["group", "-id"], name="activity_group_recent"),
        ]

    def __str__(self):
        return f"{self.actor} {self.verb} {self.target_label}"

    @property
    def about_actor(self):
        """The actor is also the target ("Nina joined"): the stream names them once."""
        if self.actor_id is None or self.target_id != self.actor_id:
            return False
        user_type = ContentType.objects.get_for_model(get_user_model())  # cached, no query
        return self.target_type_id == user_type.pk


class Notification(models.Model):
    class Kind(models.TextChoices):
        """The workspaces app's own kinds; other apps register theirs (the
        notification_kind hook), so ``kind`` has no fixed choices."""

        INVITATION_ACCEPTED = "invitation_accepted", "Accepted your invitation"
        OTHER = "other", "Other"

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="+")
    # The group whose content it quotes: leaving the group hides it (see visible_to).
    group = models.ForeignKey(
        Group, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(max_length=30)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.CharField(max_length=300)
    target_url = models.CharField(max_length=500)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)

    objects = ContainedQuerySet.as_manager()

    class Meta:
        ordering = ["-id"]
        indexes = [
            models.Index(fields=["recipient", "-id"], name="notification_inbox"),
            models.Index(
                fields=["recipient"],
                condition=models.Q(read_at__isnull=True),
                name="notification_unread",
            ),
        ]

    def __str__(self):
        return self.text

    def get_kind_display(self):
        kind = hooks.get_hooks_by(hooks.NOTIFICATION_KIND, "name").get(self.kind)
        return kind.label if kind else self.Kind.OTHER.label

    @classmethod
    def is_known_kind(cls, kind):
        return kind in hooks.get_hooks_by(hooks.NOTIFICATION_KIND, "name")


class Watch(models.Model):
    """A person watching a content object (authors and editors watch automatically)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="+")
    target_type = models.ForeignKey(
        "contenttypes.ContentType", on_delete=models.CASCADE, related_name="+"
    )
    target_id = models.PositiveBigIntegerField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "target_type", "target_id"], name="watch_unique"
            )
        ]
        indexes = [models.Index(fields=["target_type", "target_id"])]

    def __str__(self):
        return f"{self.user} watches {self.target_type} {self.target_id}"


class Pin(models.Model):
    """A page or document that leads pin to the workspace's start page."""

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="pins")
    target_type = models.ForeignKey(
        "contenttypes.ContentType", on_delete=models.CASCADE, related_name="+"
    )
    target_id = models.PositiveBigIntegerField()
    label = models.CharField(max_length=300)
    url = models.CharField(max_length=500)
    pinned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    pinned_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["pinned_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["workspace", "target_type", "target_id"], name="pin_unique"
            )
        ]

    def __str__(self):
        return self.label


class WeeklyVisit(models.Model):
    """That a member visited a workspace in a week (the Monday): weekly active members."""

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    week = models.DateField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["workspace", "week", "user"], name="weekly_visit_unique"
            )
        ]

    def __str__(self):
        return f"{self.user} in {self.workspace}, week of {self.week}"
