"""The people search provider for the site search (see alliance_hub.hooks)."""

from workspaces.access import container_access

from .selectors import DIRECTORY_SEARCH_LIMIT, directory_members


def people_search(user, container, query):
    """Members of ``container`` whose name, job title, skill or interest matches ``query``.

    Returns ``[]`` to anyone who may not view ``container``.
    """
    query = " ".join((query or "").split())
    if not query or not container_access(user, container).can_view:
        return []
    rows = directory_members(container=container, q=query, limit=DIRECTORY_SEARCH_LIMIT)
    return [
        {
            "kind": "Person",
            "label": str(row.person),
            "url": row.person.get_absolute_url(),
            "snippet": _snippet(row),
        }
        for row in rows
    ]


def _snippet(row):
    parts = [row.membership.organisation.name]
    if row.profile is not None:
        if row.profile.job_title:
            parts.append(row.profile.job_title)
        tags = [tag.name for tag in row.profile.tags.all()]
        if tags:
            parts.append(", ".join(tags[:6]))
    return " · ".join(parts)
