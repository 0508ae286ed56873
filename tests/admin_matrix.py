"""The admin matrix's world, its rows of every registered model and the rules it is
checked against (tests/test_admin_matrix.py says what it proves)."""

import re

from allauth.socialaccount.models import SocialApp
from django.apps import apps
from django.contrib.auth.models import Group as AuthGroup
from django.urls import reverse
from django.utils import timezone

from profiles.models import Profile, ProfileTask, Tag
from tests import admin_governance_rows as governance
from tests.conftest import build_world
from tests.factories import add_member, make_group, superuser
from tests.matrix import PERSONAS
from workspaces import services
from workspaces.models import (
    Group,
    GroupMembership,
    Invitation,
    Membership,
    MembershipEvent,
    Organisation,
    Workspace,
)
from workspaces.roles import STAFF_ROLES, Role

ADMIN_PERSONAS = [*PERSONAS, "outside_manager", "superuser"]
STAFF = {"lead", "community_manager", "outside_manager", "outsider"}
SECRET_GROUP_NAME = "Skunkworks Zeta"

# What leads and community managers may do in the admin, model by model.
STAFF_PERMS = {
    "workspaces.membership": {"view", "change", "delete"},
    "workspaces.invitation": {"view", "add"},
    "workspaces.group": {"view", "change", "add"},
    "workspaces.groupmembership": {"view", "add", "delete"},
    "workspaces.organisation": {"view"},
    "workspaces.membershipevent": {"view"},
    **governance.STAFF_PERMS,  # reviews, sign-off and report records: read only
}
# Refused to everyone, superusers included (the record stays, or is made elsewhere).
REFUSED = {
    ("workspaces.membership", "add"),  # people join through invitations
    ("workspaces.membershipevent", "add"),
    ("workspaces.membershipevent", "delete"),
    ("workspaces.invitation", "delete"),  # revoked instead
    ("profiles.profile", "add"),  # every person gets one automatically
    ("django_tasks_database.dbtaskresult", "add"),  # the tasks framework writes them
    ("django_tasks_database.dbtaskresult", "delete"),
    *governance.REFUSED,  # evidence: written by the services only
}
# Model URLs beyond the five every ModelAdmin has: (url name, action needed).
EXTRA_MODEL_URLS = {"profiles.user": [("admin:auth_user_password_change", "change")]}

LOGIN, OK, GONE, FORBIDDEN, NOT_FOUND = "login", 200, "gone", 403, 404


def build_admin_world():
    world = build_world()
    world.outside_manager = add_member(world.workspace, Role.COMMUNITY_MANAGER)
    world.superuser = superuser()
    group = world.private_group
    Group.objects.filter(pk=group.pk).update(name=SECRET_GROUP_NAME)
    MembershipEvent.objects.filter(group=group).update(detail=SECRET_GROUP_NAME)
    group.refresh_from_db()
    world.other_group = make_group(world.other_workspace, "Their group")
    services.invitations_send(
        actor=world.lead,
        workspace=world.workspace,
        emails=["preset@example.org"],
        role=Role.MEMBER,
        organisation=world.workspace.partners.first(),
        groups=[group],
    )
    services.invitations_send(
        actor=world.outsider,
        workspace=world.other_workspace,
        emails=["theirs@example.org"],
        role=Role.MEMBER,
        organisation=world.other_workspace.partners.first(),
    )
    return world


# Rows of each registered model, with the container that owns them ("workspace",
# "private_group", "other_workspace", or None for rows only superusers manage).
ROWS = {
    "workspaces.membership": lambda w: [
        (Membership.objects.get(workspace=w.workspace, user=w.member), "workspace"),
        (Membership.objects.get(workspace=w.other_workspace, user=w.outsider), "other_workspace"),
    ],
    "workspaces.invitation": lambda w: [
        (Invitation.objects.get(email="preset@example.org"), "workspace"),
        (Invitation.objects.get(email="theirs@example.org"), "other_workspace"),
    ],
    "workspaces.group": lambda w: [
        (w.open_group, "workspace"),
        (w.private_group, "private_group"),
        (w.other_group, "other_workspace"),
    ],
    "workspaces.groupmembership": lambda w: [
        (GroupMembership.objects.get(group=w.private_group, user=w.member), "private_group"),
    ],
    "workspaces.organisation": lambda w: [
        (w.workspace.memberships.get(user=w.member).organisation, "workspace"),
        (w.other_workspace.partners.first(), "other_workspace"),
    ],
    "workspaces.membershipevent": lambda w: [
        (MembershipEvent.objects.filter(workspace=w.workspace, group=None).first(), "workspace"),
        (MembershipEvent.objects.filter(group=w.private_group).first(), "private_group"),
        (MembershipEvent.objects.filter(workspace=w.other_workspace).first(), "other_workspace"),
    ],
    "profiles.user": lambda w: [(w.member, None)],
    "profiles.profile": lambda w: [(Profile.objects.get(user=w.member), None)],
    "profiles.profiletask": lambda w: [
        (ProfileTask.objects.create(user=w.member, workspace=w.workspace, text="WP2"), None)
    ],
    "profiles.tag": lambda w: [(Tag.objects.create(kind="skill", name="Hydro", slug="h"), None)],
    "auth.group": lambda w: [(AuthGroup.objects.get(name=services.ADMIN_GROUP_NAME), None)],
    "django_tasks_database.dbtaskresult": lambda w: [(_task_result(), None)],
    **governance.ROWS,
    "socialaccount.socialapp": lambda w: [
        (SocialApp.objects.create(provider="openid_connect", provider_id="idp", name="IdP"), None)
    ],
}


def _task_result():
    model = apps.get_model("django_tasks_database", "DBTaskResult")
    now = timezone.now()
    return model.objects.create(
        enqueued_at=now,
        run_after=now,
        args_kwargs={"args": [], "kwargs": {}},
        task_path="workspaces.tasks.nothing",
        backend_name="default",
        exception_class_path="",
        traceback="",
    )


# The "may see" rule, from who holds which role where (not from the access layer).


def _managed_workspaces(user):
    return Workspace.objects.filter(memberships__user=user, memberships__role__in=STAFF_ROLES)


def may_manage(user, row):
    """May ``user`` see ``row`` of a container model, a person or an organisation?"""
    if user.is_superuser:
        return True
    managed = _managed_workspaces(user)
    if isinstance(row, Workspace):
        return managed.filter(pk=row.pk).exists()
    if isinstance(row, Group):
        in_group = not row.is_private or row.group_memberships.filter(user=user).exists()
        return in_group and managed.filter(pk=row.workspace_id).exists()
    if isinstance(row, Organisation):
        return managed.filter(partners=row).exists()
    if row._meta.label_lower == "profiles.user":
        return Membership.objects.filter(user=row, workspace__in=managed).exists()
    return False


def manages(world, persona, owner):
    if persona == "superuser":
        return True
    managers = {
        "workspace": {"lead", "community_manager", "outside_manager"},
        "private_group": {"lead", "community_manager"},
        "other_workspace": {"outsider"},
    }
    return owner is not None and persona in managers[owner]


def _secrets(world, persona):
    """Names a persona's admin pages must never show."""
    if persona == "superuser":
        return []
    secrets = []
    if not manages(world, persona, "private_group"):
        secrets.append(SECRET_GROUP_NAME)
    if not manages(world, persona, "workspace"):
        secrets.append(world.workspace.name)
    if not manages(world, persona, "other_workspace"):
        secrets += [world.other_workspace.name, world.outsider.email, "theirs@example.org"]
    return secrets


def expected(persona, label, action, owner=None, world=None):
    """The outcomes allowed: one, or a refusal that shows nothing (403, or the admin's
    "does not exist" redirect, which some admin views give before checking permissions)."""
    if persona == "anonymous" or (persona not in STAFF and persona != "superuser"):
        return {LOGIN}
    if (label, action) in REFUSED:
        return {FORBIDDEN}
    if persona == "superuser":
        return {OK}
    if action not in STAFF_PERMS.get(label, set()):
        return {FORBIDDEN, GONE} if owner is not False else {FORBIDDEN}
    if owner is False or manages(world, persona, owner):  # False: a URL without a row
        return {OK}
    return {GONE}


def outcome(response):
    location = response.get("Location", "")
    if response.status_code == 302 and (
        "/admin/login/" in location or "/accounts/login/" in location
    ):
        return LOGIN
    if response.status_code == 302 and location == reverse("admin:index"):
        return GONE  # the admin's "does not exist, perhaps it was deleted"
    assert response.status_code < 500, f"server error {response.status_code}"
    return response.status_code


def model_urls(world, label):
    """(url name, action, url, owner) for every model URL of ``label``."""
    app_label, model_name = label.split(".")
    prefix = f"admin:{app_label}_{model_name}"
    urls = [
        ("changelist", "view", reverse(f"{prefix}_changelist"), False),
        ("add", "add", reverse(f"{prefix}_add"), False),
    ]
    for row, owner in ROWS[label](world):
        for name, action in [("change", "view"), ("delete", "delete"), ("history", "view")]:
            urls.append((name, action, reverse(f"{prefix}_{name}", args=[row.pk]), owner))
        # The bare "<object_id>/" URL redirects to the change page.
        urls.append(
            ("<path:object_id>/", "redirect", f"{reverse(f'{prefix}_changelist')}{row.pk}/", owner)
        )
        for name, action in EXTRA_MODEL_URLS.get(label, []):
            urls.append((name, action, reverse(name, args=[row.pk]), owner))
    return urls


def _admin_links_outside(html, allowed_labels):
    """Links to model admin pages this persona may not open."""
    links = set(re.findall(r'href="/admin/([a-z_]+)/([a-z_]+)/', html))
    return sorted(f"{a}.{m}" for a, m in links if f"{a}.{m}" not in allowed_labels)


def check_page(world, persona, user, url, response, failures):
    html = response.content.decode()
    for secret in _secrets(world, persona):
        if secret in html:
            failures.append(f"{persona}: {url} shows {secret!r}")
    if persona != "superuser":
        for label in _admin_links_outside(html, STAFF_PERMS):
            failures.append(f"{persona}: {url} links to the {label} admin (403 for them)")
    context = response.context or {}
    forms = [context["adminform"].form] if "adminform" in context else []
    for form in forms:
        for name, field in form.fields.items():
            queryset = getattr(field, "queryset", None)
            if queryset is None:
                continue
            for row in queryset:
                if not may_manage(user, row):
                    failures.append(f"{persona}: {url} offers {row!r} as {name}")
