"""Shared fixtures. ``world`` is one workspace with a person in every role that the
permission matrix checks, plus an open and a private group."""

from dataclasses import dataclass

import pytest
from django.core.cache import cache
from django.utils import timezone

from tests.factories import add_member, make_group, make_workspace
from workspaces import services
from workspaces.models import Membership
from workspaces.roles import Role


@pytest.fixture(autouse=True)
def _isolate(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    # Local disk and this process's cache, whatever the environment says; the tests of
    # Redis and S3 (tests/scale/) start their own servers and point these at them.
    settings.STORAGES = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Tasks run at once where enqueued; tests of the worker itself switch to the
    # database backend and run `db_worker`.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.BENCH_VIEWS = True  # the permission matrix covers the benchmark's view too
    cache.clear()


@dataclass
class World:
    workspace: object
    open_group: object
    private_group: object
    lead: object
    community_manager: object
    member: object  # also in the private group
    observer: object  # also in the private group
    non_group_member: object  # a member, but not of the private group
    outsider: object  # a member of another workspace only
    removed: object  # was a member (and in the private group), now removed
    other_workspace: object

    def user(self, persona):
        return None if persona == "anonymous" else getattr(self, persona)


def build_world():
    workspace, lead = make_workspace("Green Alliance")
    cm = add_member(workspace, Role.COMMUNITY_MANAGER)
    member = add_member(workspace, Role.MEMBER)
    observer = add_member(workspace, Role.OBSERVER)
    non_group_member = add_member(workspace, Role.MEMBER)
    removed = add_member(workspace, Role.MEMBER)
    open_group = make_group(workspace, "Open group")
    private_group = make_group(
        workspace, "Private group", is_private=True, members=[member, observer, cm, removed]
    )
    services.member_remove(actor=lead, membership=workspace.memberships.get(user=removed))
    other_workspace, outsider = make_workspace("Other Alliance")
    # An established workspace: everyone has seen the "start here" page already.
    Membership.objects.update(welcomed_at=timezone.now())
    return World(
        workspace,
        open_group,
        private_group,
        lead,
        cm,
        member,
        observer,
        non_group_member,
        outsider,
        removed,
        other_workspace,
    )


@pytest.fixture
def world(db):
    return build_world()


@pytest.fixture
def client_for(client):
    """``client_for(user)``: the test client signed in as ``user`` (None: anonymous)."""

    def sign_in(user):
        client.logout()
        if user is not None:
            client.force_login(user)
        return client

    return sign_in
