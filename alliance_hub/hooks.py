"""Extension points that let apps contribute to pages of other apps without importing them.

* Profile sections: ``register_profile_section(fn)``; ``fn(viewer, person)`` returns
  ``{"title": str, "items": [{"label", "url", "when"}]}`` or None. It must run a
  fixed number of queries and show only what ``viewer`` may see.
* Search: ``register_search(fn)``; ``fn(user, container, query)`` returns a list of
  ``{"kind", "label", "url", "snippet"}``, filtered to what ``user`` may see in
  ``container`` (a Workspace searches its own content and its visible groups').
"""

PROFILE_SECTIONS = []
SEARCH_PROVIDERS = []


def register_profile_section(fn):
    if fn not in PROFILE_SECTIONS:
        PROFILE_SECTIONS.append(fn)
    return fn


def register_search(fn):
    if fn not in SEARCH_PROVIDERS:
        SEARCH_PROVIDERS.append(fn)
    return fn
