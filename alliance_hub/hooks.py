"""Extension points that let apps contribute to pages of other apps without importing them.

Register from an AppConfig.ready(). Every function must run a fixed number of
queries and return only what the given user may see.

* ``register_profile_section(fn)``: ``fn(viewer, person)`` returns
  ``{"title": str, "items": [{"label", "url", "when"}]}`` or None.
* ``register_search_source(source)``: what an app puts into the site search
  (the ``search`` app keeps one index table of it). ``source.kind`` is a short
  name ("document"), ``source.label`` what the filter shows ("Documents");
  ``source.entries(ids)`` returns, for the objects with those ids that should be
  found, a list of dicts with ``key`` (unique, e.g. "document:12:v3"),
  ``object_id``, ``workspace``, ``group`` (or ``group_id``), ``title``, ``tags``, ``body`` (plain
  text) or ``body_html``, ``author_id``, ``organisation_id``, ``date``, ``url``
  and optionally ``state`` (a short label the result shows, e.g. "Approved"),
  ``file_name`` (a storage name whose text is extracted in the
  background) with ``file_ext``, ``version`` and ``is_current``; objects left out are dropped from
  the index. ``source.all_ids()`` is a queryset of every id, for a full reindex.
* ``search_changed(kind, ids)``: a content app's services call this, inside
  their transaction, after every change that a search should reflect.
* ``register_kickoff_check(fn)``: ``fn(workspace)`` returns a list of
  ``{"label", "done": bool, "url"}`` for the kick-off checklist.
* ``register_member_todo(fn)``: ``fn(user, workspace)`` returns a list of
  ``{"label", "done": bool, "url"}`` (optionally ``"due"``: a date) for the member's
  own to-do on the start page.
* ``register_member_column(label, fn)``: ``fn(workspace, user_ids, viewer)`` returns
  ``{user_id: value}`` for the adoption dashboard (e.g. profile completeness, uploads),
  counting only what ``viewer`` may see (no private group they are not in).
* ``register_weekly_series(label, fn)``: ``fn(workspace, since, viewer)`` returns
  ``{monday_date: count}`` for the adoption charts, under the same rule.
* ``register_exporter(fn)``: ``fn(container)`` yields ``(path_in_zip, chunks)``
  where ``chunks`` is bytes or an iterable of bytes, for the workspace export.
* ``register_job_kind(name, label, run, action)``: a kind of background job (see
  jobs/); ``run(job, progress)`` does the work, calls ``progress(percent)`` now and
  then, and returns a ``jobs.runner.Outcome`` (or None). It must be idempotent: a
  job whose worker died is run again from the start. ``action`` is what the
  requester needs on the container, to start the job and later to see it and its file.
* ``register_notification_kind(name, label)``: a kind of notification a content app
  sends (``name`` at most 30 characters, stored on the notification; ``label`` is what
  the notification list shows for it). ``workspaces.activity.notify`` refuses kinds
  neither built in nor registered.
* ``register_admin_permissions(*perms)``: model permissions ("app.view_model") that
  leads and community managers hold in the admin, besides the workspaces app's own;
  the admin scopes the rows (workspaces.admin_records).
* ``register_periodic(name, every, task)``: ``task`` (a django_tasks task taking the
  period's start as an ISO string) is enqueued once per ``every`` (a timedelta) by
  ``manage.py run_periodic``, however many schedulers run.
"""

from dataclasses import dataclass

PROFILE_SECTIONS = []
SEARCH_SOURCES = {}  # kind -> source
INDEX_LISTENERS = []
KICKOFF_CHECKS = []
MEMBER_TODOS = []
MEMBER_COLUMNS = []  # (label, fn)
WEEKLY_SERIES = []  # (label, fn)
EXPORTERS = []
JOB_KINDS = {}  # name -> JobKind
PERIODIC = {}  # name -> Periodic
NOTIFICATION_KINDS = {}  # name -> label
ADMIN_PERMISSIONS = []


@dataclass(frozen=True)
class JobKind:
    name: str
    label: str
    run: object
    action: str = "view"  # what the requester needs on the container (workspaces.roles)


@dataclass(frozen=True)
class Periodic:
    name: str
    every: object  # timedelta
    task: object


def _register(registry, item):
    if item not in registry:
        registry.append(item)
    return item


def register_profile_section(fn):
    return _register(PROFILE_SECTIONS, fn)


def register_search_source(source):
    SEARCH_SOURCES[source.kind] = source
    return source


def register_index_listener(fn):
    return _register(INDEX_LISTENERS, fn)


def search_changed(kind, ids):
    """Tell the search index that objects of ``kind`` with ``ids`` changed (or went)."""
    ids = [ids] if isinstance(ids, int) else list(ids)
    for listener in INDEX_LISTENERS:
        listener(kind, ids)


def register_kickoff_check(fn):
    return _register(KICKOFF_CHECKS, fn)


def register_member_todo(fn):
    return _register(MEMBER_TODOS, fn)


def register_member_column(label, fn):
    return _register(MEMBER_COLUMNS, (label, fn))


def register_weekly_series(label, fn):
    return _register(WEEKLY_SERIES, (label, fn))


def register_exporter(fn):
    return _register(EXPORTERS, fn)


def register_job_kind(name, label, run, action="view"):
    JOB_KINDS[name] = JobKind(name, label, run, action)
    return JOB_KINDS[name]


def register_periodic(name, every, task):
    PERIODIC[name] = Periodic(name, every, task)
    return PERIODIC[name]


def register_notification_kind(name, label):
    if len(name) > 30:
        raise ValueError(f"Notification kind {name!r} is longer than 30 characters.")
    NOTIFICATION_KINDS[name] = label
    return name


def register_admin_permissions(*perms):
    for perm in perms:
        _register(ADMIN_PERMISSIONS, perm)
