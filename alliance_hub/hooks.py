"""The one extension mechanism: apps contribute to other apps' pages without importing them.

Each app registers everything it contributes in one file, ``<app>/contributions.py``,
imported from its ``AppConfig.ready()``::

    register(hooks.KICKOFF_CHECK, launch.first_documents_check)
    register(hooks.NAV_LINK, NavLink("Documents", "documents:folder_list"), order=20)

``get_hooks(name)`` returns what was registered under ``name``, lowest ``order`` first
(then in registration order). Tests add a contribution for their own duration with
``with registered(name, fn): ...``. Every hook function must run a fixed number of
queries and return only what the given user may see. docs/architecture.md lists
every hook name and what it carries; the contracts are the types below, and mypy
checks every registration against its hook's type (a mismatch reads: cannot infer
type parameter "T" of "register").
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any, Generic, NotRequired, Protocol, TypedDict, TypeVar

if TYPE_CHECKING:
    from django.db.models import QuerySet
    from django_tasks.base import Task

    from alliance_hub.types import User
    from jobs.models import Job
    from jobs.runner import Outcome
    from seeding.alliances import Demo
    from workspaces.access import Container, ContainerAccess
    from workspaces.models import Group, Workspace

T = TypeVar("T")


class Hook(str, Generic[T]):
    """A hook's name, typed with what is registered under it: ``register(NAV_LINK, x)``
    is checked to be given a ``NavLink``, ``get_hooks(NAV_LINK)`` returns NavLinks. At
    run time it is the plain string."""

    __slots__ = ()


_registry: dict[str, list[tuple[int, int, Any]]] = {}
_sequence = itertools.count()


def register(name: Hook[T], fn: T, order: int = 0) -> T:
    """Add ``fn`` (a function or a contract object) under ``name``; registering an
    equal contribution twice keeps one. Returns ``fn``."""
    entries = _registry.setdefault(name, [])
    if all(existing != fn for _, _, existing in entries):
        entries.append((order, next(_sequence), fn))
        entries.sort(key=lambda entry: entry[:2])
    return fn


def unregister(name: Hook[T], fn: T) -> None:
    _registry[name] = [entry for entry in _registry.get(name, []) if entry[2] != fn]


def get_hooks(name: Hook[T]) -> list[T]:
    """What is registered under ``name``, lowest ``order`` first."""
    return [fn for _, _, fn in _registry.get(name, [])]


def get_hooks_by(name: Hook[T], key: str) -> dict[str, T]:
    """The contributions under ``name`` keyed by their attribute ``key`` (e.g. a job
    kind's ``name``); a later registration of the same key wins."""
    return {getattr(item, key): item for item in get_hooks(name)}


@contextmanager
def registered(name: Hook[T], fn: T, order: int = 0, *, alone: bool = False) -> Iterator[T]:
    """For tests: ``fn`` is registered under ``name`` inside the ``with`` block only;
    ``alone``: the other contributions under ``name`` are set aside meanwhile."""
    before = list(_registry.get(name, []))
    if alone:
        _registry[name] = []
    register(name, fn, order)
    try:
        yield fn
    finally:
        _registry[name] = before


def search_changed(kind: str, ids: int | Iterable[int]) -> None:
    """Tell the search index that objects of ``kind`` with ``ids`` changed (or went).
    Content apps' services call it inside their transaction."""
    ids = [ids] if isinstance(ids, int) else list(ids)
    for listener in get_hooks(SEARCH_CHANGED):
        listener(kind, ids)


# The contracts ---------------------------------------------------------------------------

# What an exporter yields: (path in the ZIP, bytes or an iterable of byte chunks).
ExportEntries = Iterator[tuple[str, bytes | Iterable[bytes]]]


@dataclass(frozen=True)
class NavLink:
    """A link in the container navigation, reversed with the container as its argument."""

    label: str
    url_name: str


class ProfileItem(TypedDict):
    label: str
    url: str
    when: datetime | date | None


class ProfileSection(TypedDict):
    title: str
    items: list[ProfileItem]


class Check(TypedDict):
    """A line of the kick-off checklist."""

    label: str
    done: bool
    url: str | None


class Todo(Check):
    """A line of a member's own to-do on the start page."""

    due: NotRequired[date]


class SearchEntry(TypedDict):
    """What a search source says one object looks like to the search (one index row)."""

    key: str  # unique, e.g. "document:12:v3"
    object_id: int
    workspace: Workspace
    group: NotRequired[Group | None]  # or group_id
    group_id: NotRequired[int | None]
    title: str
    tags: NotRequired[str]
    body: NotRequired[str]  # plain text, or body_html
    body_html: NotRequired[str]
    author_id: NotRequired[int | None]
    organisation_id: NotRequired[int | None]
    date: datetime
    url: str
    kind: NotRequired[str]  # defaults to the key's first part
    state: NotRequired[str]  # a short label the result shows, e.g. "Approved"
    file_name: NotRequired[str]  # a storage name whose text is extracted in the background
    file_ext: NotRequired[str]
    version: NotRequired[int | None]
    is_current: NotRequired[bool]


class SearchSource(Protocol):
    """What an app puts into the site search. ``entries(ids)`` describes the objects with
    those ids that should be found (objects left out are dropped from the index);
    ``all_ids()`` is a queryset of every id, for a full reindex."""

    kind: str  # a short name, "document"
    label: str  # what the filter shows, "Documents"

    def entries(self, ids: list[int]) -> list[SearchEntry]: ...

    def all_ids(self) -> QuerySet[Any, int]: ...


@dataclass(frozen=True)
class MemberColumn:
    """A column of the adoption table: ``fn(workspace, user_ids, viewer)`` returns
    ``{user_id: value}``, counting only what ``viewer`` may see."""

    label: str
    fn: Callable[[Workspace, list[int], User], dict[int, int]]


@dataclass(frozen=True)
class WeeklySeries:
    """An adoption chart: ``fn(workspace, since, viewer)`` returns ``{monday: count}``,
    counting only what ``viewer`` may see."""

    label: str
    fn: Callable[[Workspace, date, User], dict[date, int]]


@dataclass(frozen=True)
class JobKind:
    """A kind of background job (see jobs/). ``run(job, progress)`` does the work, calls
    ``progress(percent)`` now and then and returns a ``jobs.runner.Outcome`` or None; it
    must be idempotent (a job whose worker died is run again). ``action`` is what the
    requester needs on the container (workspaces.roles.Action)."""

    name: str
    label: str
    run: Callable[[Job, Callable[[float], None]], Outcome | None]
    action: str = "view"


@dataclass(frozen=True)
class Periodic:
    """``task`` (a django_tasks task taking the period's start as an ISO string) is
    enqueued once per ``every`` by ``manage.py run_periodic``, however many schedulers run."""

    name: str
    every: timedelta
    task: Task[[str], Any]


@dataclass(frozen=True)
class NotificationKind:
    """A kind of notification an app sends: ``name`` is stored on the notification,
    ``label`` is what the notification list shows. ``workspaces.activity.notify``
    refuses kinds not registered."""

    name: str
    label: str

    def __post_init__(self) -> None:
        if len(self.name) > 30:
            raise ValueError(f"Notification kind {self.name!r} is longer than 30 characters.")


@dataclass(frozen=True)
class DashboardAction:
    """A button above the container dashboard's activity stream."""

    label: str
    url: str
    secondary: bool = False


@dataclass(frozen=True)
class Chapter:
    """Part of an app's demo story (``manage.py seed_demo``): ``run(demo)`` happens
    ``ago`` before now, all apps' chapters oldest first."""

    ago: timedelta
    run: Callable[[Demo], object]


# The hooks (docs/architecture.md lists them with who uses them) --------------------------

# The signatures of the hooks that are functions.
ProfileSectionFn = Callable[["User", "User"], "ProfileSection | None"]  # (viewer, person)
SearchChangedFn = Callable[[str, list[int]], None]  # (kind, ids)
KickoffCheckFn = Callable[["Workspace"], "list[Check]"]
MemberTodoFn = Callable[["User", "Workspace"], "list[Todo]"]
ExporterFn = Callable[["Container"], ExportEntries]
DashboardActionFn = Callable[["Container", "ContainerAccess"], "list[DashboardAction]"]
DemoChaptersFn = Callable[["Demo"], "list[Chapter]"]


class WorkspaceCreatedFn(Protocol):
    """Called inside the transaction that founds ``workspace``."""

    def __call__(self, *, workspace: Workspace, actor: User) -> None: ...


URLCONF = Hook[str]("urlconf")  # "app.urls": included at the site's root, ordered by ``order``
NAV_LINK = Hook[NavLink]("nav_link")  # ordered by ``order``
PROFILE_SECTION = Hook[ProfileSectionFn]("profile_section")
SEARCH_SOURCE = Hook[SearchSource]("search_source")
SEARCH_CHANGED = Hook[SearchChangedFn]("search_changed")  # the search app's listener
KICKOFF_CHECK = Hook[KickoffCheckFn]("kickoff_check")
MEMBER_TODO = Hook[MemberTodoFn]("member_todo")
MEMBER_COLUMN = Hook[MemberColumn]("member_column")
WEEKLY_SERIES = Hook[WeeklySeries]("weekly_series")
EXPORTER = Hook[ExporterFn]("exporter")
JOB_KIND = Hook[JobKind]("job_kind")
PERIODIC = Hook[Periodic]("periodic")
NOTIFICATION_KIND = Hook[NotificationKind]("notification_kind")
ADMIN_PERMISSION = Hook[str]("admin_permission")  # "app.view_model" held by leads and managers
DASHBOARD_ACTION = Hook[DashboardActionFn]("dashboard_action")
WORKSPACE_CREATED = Hook[WorkspaceCreatedFn]("workspace_created")
DEMO_CHAPTERS = Hook[DemoChaptersFn]("demo_chapters")
