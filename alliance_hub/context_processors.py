from functools import cached_property

from django.utils.functional import SimpleLazyObject

from alliance_hub.reversing import reverse
from workspaces.notifications import menu_workspaces_for, unread_count_for

from .hooks import NAV_LINK, get_hooks


class _PersonalNav:
    """The "my workspaces" menu and the unread badge, read together in one query
    (the badge's count is a scalar subquery on each menu row) and only if a
    template uses them."""

    def __init__(self, user):
        self.user = user

    @cached_property
    def workspaces(self):
        return menu_workspaces_for(self.user)

    @property
    def unread_count(self):
        if self.workspaces:
            return self.workspaces[0].unread or 0
        return unread_count_for(self.user)  # no workspace to carry it


def navigation(request):
    """My workspaces and the current container's links; each query runs only if used."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    access = getattr(request, "access", None)
    links = []
    if access is not None:
        links = [
            (link.label, reverse(link.url_name, args=[access.container]))
            for link in get_hooks(NAV_LINK)
        ]
    personal = _PersonalNav(user)
    return {
        "access": access,
        "nav_workspaces": SimpleLazyObject(lambda: personal.workspaces),
        "container_links": links,
        "unread_count": SimpleLazyObject(lambda: personal.unread_count),
    }
