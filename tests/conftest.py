"""Shared fixtures. ``world`` is one workspace with a person in every role that the
permission matrix checks, plus an open and a private group.

Speed: the world is built once per test module, as ``TestCase.setUpTestData`` does:
inside a transaction held for the module, each test in a savepoint rolled back after
it, with its own copies of the instances. Tests with ``transaction=True`` (or a live
server) get a world of their own, committed, after any held transaction is closed.
Suites that only read their data (the permission and admin matrices, the fuzz,
seed_big) share one instance per module (``module_world``)."""

from dataclasses import dataclass

import pytest
from django.core.cache import cache
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from tests import template_db
from tests.e2e.chromium import Chromium
from tests.factories import UserFactory, add_member, make_group, make_workspace, superuser
from tests.held import Held, HeldDemo, HeldWorld
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


@pytest.fixture(scope="session")
def django_db_keepdb(request):
    """True where the worker's database is a copy of a migrated template (made below):
    pytest-django then uses it as it is."""
    return request.config.getvalue("reuse_db") or template_db.usable(request.config)


@pytest.fixture(scope="session")
def django_db_modify_db_settings(
    request, django_db_modify_db_settings_parallel_suffix, django_db_blocker
):
    """Each xdist worker's test database: a copy of one migrated template
    (tests/template_db.py), dropped at the end (unless --reuse-db)."""
    if not template_db.usable(request.config):
        yield
        return
    with django_db_blocker.unblock():
        template_db.clone_from_template(request.config)
    yield
    if not request.config.getvalue("reuse_db"):
        with django_db_blocker.unblock():
            template_db.drop_copy()


def pytest_sessionfinish(session):
    """The xdist controller drops the template the workers copied."""
    config = session.config
    if not hasattr(config, "workerinput") and config.getoption("numprocesses", None):
        from pytest_django.plugin import blocking_manager_key

        with config.stash[blocking_manager_key].unblock():
            template_db.drop_template()


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

    def every_viewer(self):
        """Every persona who signs in, a superuser and someone in no workspace: for tests
        that hold a rule written in SQL to the access layer's."""
        return [
            self.member,
            self.observer,
            self.non_group_member,
            self.community_manager,
            self.lead,
            self.outsider,
            self.removed,
            superuser(),
            UserFactory(),
        ]


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


def is_transactional(item):
    marker = item.get_closest_marker("django_db")
    if marker and (marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences")):
        return True
    return bool({"transactional_db", "live_server"} & set(item.fixturenames))


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Tests that take ``world`` share their module's held one, set up before the test's
    own transaction so that it is a savepoint inside it; tests that take ``seeded_demo``
    share one seeded demo. Every other test first closes whatever is held (tests/held.py).
    pytest-django has put transactional tests last; the demo's tests now run first, one
    after the other, so that each worker seeds it at most once (xdist hands each worker a
    run of consecutive tests), and within a module the tests that take ``world`` run
    first, so that it is built once."""
    modules = {}
    for item in items:
        modules.setdefault(item.module, len(modules))
    items.sort(
        key=lambda item: (
            is_transactional(item),
            not takes(item, "seeded_demo"),
            modules[item.module],
            not takes(item, "world"),
        )
    )
    for item in items:
        if is_transactional(item):
            opens = "_close_held"
        elif takes(item, "seeded_demo"):
            opens = "_held_demo_open"
        elif takes(item, "world"):
            opens = "_held_world_open"
        else:
            opens = "_close_held"
        item.fixturenames.insert(0, opens)


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    """The demo is closed before the fixtures of a test that does not take it are set up
    (data that its module builds once would otherwise be built on top of it), and the
    browser before a test that is not a journey."""
    if isinstance(Held.open_one, HeldDemo) and not takes(item, "seeded_demo"):
        Held.close_open()
    if item.get_closest_marker("e2e") is None:
        Chromium.stop()


def takes(item, fixture):
    return fixture in item.fixturenames


@pytest.fixture(scope="module")
def _held_world(_isolate_session, django_db_setup, django_db_blocker):
    held = HeldWorld(django_db_blocker, build_world)
    yield held
    held.close()


@pytest.fixture
def _held_world_open(_held_world):
    """(Re)opens the module's world before the test's own transaction begins."""
    _held_world.open()


@pytest.fixture(scope="session")
def _held_demo(_isolate_session, django_db_setup, django_db_blocker, tmp_path_factory):
    held = HeldDemo(django_db_blocker, tmp_path_factory.mktemp("demo-media"))
    yield held
    held.close()


@pytest.fixture
def _held_demo_open(_held_demo):
    _held_demo.open()


@pytest.fixture
def _close_held():
    Held.close_open()


@pytest.fixture
def world(request, db):
    if "_held_world_open" in request.fixturenames:
        return request.getfixturevalue("_held_world").copy()
    return build_world()


@pytest.fixture
def seeded_demo(_held_demo, db, settings):
    """The demo as ``manage.py seed_demo`` leaves it, seeded once per worker (a
    ``tests.held.Demo``): for tests that read it. What a test changes is rolled back."""
    settings.MEDIA_ROOT = _held_demo.demo.media
    return _held_demo.demo


@pytest.fixture(scope="module")
def module_world(django_db_setup, django_db_blocker):
    """``world`` built once per test module and shared as it is, for tests that only
    read it: each test's own transaction is a savepoint inside this one and is rolled
    back after it. Not for ``transaction=True`` tests (they would commit into it)."""
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
