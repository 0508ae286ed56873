"""Extension points that let apps contribute to pages of other apps without importing them.

Register from an AppConfig.ready(). Every function must run a fixed number of
queries and return only what the given user may see.

* ``register_profile_section(fn)``: ``fn(viewer, person)`` returns
  ``{"title": str, "items": [{"label", "url", "when"}]}`` or None.
* ``register_search(fn)``: ``fn(user, container, query)`` returns a list of
  ``{"kind", "label", "url", "snippet"}`` found in ``container`` (a workspace
  searches its own content and that of the groups ``user`` may see).
* ``register_kickoff_check(fn)``: ``fn(workspace)`` returns a list of
  ``{"label", "done": bool, "url"}`` for the kick-off checklist.
* ``register_member_todo(fn)``: ``fn(user, workspace)`` returns a list of
  ``{"label", "done": bool, "url"}`` (optionally ``"due"``: a date) for the member's
  own to-do on the start page.
* ``register_member_column(label, fn)``: ``fn(workspace, user_ids)`` returns
  ``{user_id: value}`` for the adoption dashboard (e.g. profile completeness, uploads).
* ``register_weekly_series(label, fn)``: ``fn(workspace, since)`` returns
  ``{monday_date: count}`` for the adoption charts.
* ``register_exporter(fn)``: ``fn(container)`` yields ``(path_in_zip, chunks)``
  where ``chunks`` is bytes or an iterable of bytes, for the workspace export.
"""

PROFILE_SECTIONS = []
SEARCH_PROVIDERS = []
KICKOFF_CHECKS = []
MEMBER_TODOS = []
MEMBER_COLUMNS = []  # (label, fn)
WEEKLY_SERIES = []  # (label, fn)
EXPORTERS = []


def _register(registry, item):
    if item not in registry:
        registry.append(item)
    return item


def register_profile_section(fn):
    return _register(PROFILE_SECTIONS, fn)


def register_search(fn):
    return _register(SEARCH_PROVIDERS, fn)


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
