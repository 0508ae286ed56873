"""Shared fixtures. ``world`` is one workspace with a person in every role that the
permission matrix checks, plus an open and a private group.

Speed: suites that only read their data (the permission and admin matrices, the fuzz,
seed_big) build it once per module with ``built_once`` (``module_world``): each test
runs in a savepoint inside the module's transaction, as ``TestCase.setUpTestData``
does. Tests that change the world, or run with ``transaction=True``, take ``world``."""

from dataclasses import dataclass

import pytest
from django.core.cache import cache
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from tests.factories import add_member, make_group, make_workspace
from workspaces import services
from workspaces.models import Membership
from workspaces.roles import Role


def isolated(media_root):
    """Settings for tests: files under ``media_root``, local disk and this process's
    cache whatever the environment says (the tests of Redis and S3, tests/scale/, start
    their own servers and point these at them), mail kept in memory, fast password
    hashing, and tasks run at once where enqueued (tests of the worker itself switch to
    the database backend and run ``db_worker``)."""
    return {
        "MEDIA_ROOT": media_root,
        "STORAGES": {
            "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        },
        "CACHES": {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}},
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "PASSWORD_HASHERS": ["django.contrib.auth.hashers.MD5PasswordHasher"],
        "TASKS": {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}},
        "BENCH_VIEWS": True,  # the permission matrix covers the benchmark's view too
    }


@pytest.fixture(scope="session", autouse=True)
def _isolate_session(tmp_path_factory):
    """The same for the whole run, so that data built once per module (``module_world``)
    is built as it would be in a test."""
    with override_settings(**isolated(tmp_path_factory.mktemp("media"))):
        yield


@pytest.fixture(autouse=True)
def _isolate(settings, tmp_path):
    for name, value in isolated(tmp_path / "media").items():
        setattr(settings, name, value)
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


@pytest.fixture(scope="module")
def module_world(django_db_setup, django_db_blocker):
    """``world`` built once per test module, for tests that only read it: each test's
    own transaction is a savepoint inside this one and is rolled back after it. Not
    for ``transaction=True`` tests (they would commit into it)."""
    yield from built_once(django_db_blocker, build_world)


def built_once(django_db_blocker, build):
    """Yield ``build()``'s result inside a transaction rolled back at the end."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield build()
        transaction.set_rollback(True)


@pytest.fixture
def client_for(client):
    """``client_for(user)``: the test client signed in as ``user`` (None: anonymous)."""

    def sign_in(user):
        client.logout()
        if user is not None:
            client.force_login(user)
        return client

    return sign_in
