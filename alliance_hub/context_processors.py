from django.urls import reverse
from django.utils.functional import SimpleLazyObject

from .nav import CONTAINER_NAV


def navigation(request):
    """My workspaces and the current container's links; each query runs only if used."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    from workspaces.access import workspaces_visible_to
    from workspaces.models import Notification

    access = getattr(request, "access", None)
    links = []
    if access is not None:
        links = [
            (link.label, reverse(link.url_name, args=[access.container])) for link in CONTAINER_NAV
        ]
    return {
        "access": access,
        "nav_workspaces": SimpleLazyObject(
            lambda: list(workspaces_visible_to(user).only("name", "slug"))
        ),
        "container_links": links,
        "unread_count": SimpleLazyObject(
            lambda: Notification.objects.filter(recipient=user, read_at__isnull=True).count()
        ),
    }
