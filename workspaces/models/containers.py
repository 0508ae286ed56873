"""Containers (workspaces and their groups), partner organisations and the role
groups holding the containers' guardian permissions."""

from django.conf import settings
from django.contrib.auth.models import Group as AuthGroup
from django.db import models
from django.utils import timezone
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase

from alliance_hub.reversing import reverse

from ..roles import Role, container_meta_permissions


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
