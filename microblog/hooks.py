"""What the microblog contributes to other apps' pages through alliance_hub.hooks:
sections of a person's profile and the dashboard's buttons. Each runs a fixed number
of queries and shows only what the viewer may see (``contained_visible_q``)."""

from django.urls import reverse

from alliance_hub.hooks import DashboardAction, ProfileSection
from workspaces.access import contained_visible_q

from .models import BlogPost, StatusPost

PROFILE_ITEMS = 10


def _with_containers(rows):
    # get_absolute_url needs the container path: the workspace, or the group and its workspace.
    return rows.select_related("workspace", "group__workspace")


def blog_posts_section(viewer, person) -> ProfileSection | None:
    """The person's published blog posts in containers the viewer may see."""
    posts = _with_containers(
        BlogPost.objects.filter(contained_visible_q(viewer)).published().filter(author=person)
    ).order_by("-published_at", "-id")[:PROFILE_ITEMS]
    items = [{"label": p.title, "url": p.get_absolute_url(), "when": p.published_at} for p in posts]
    return {"title": "Blog posts", "items": items} if items else None


def status_posts_section(viewer, person) -> ProfileSection | None:
    """The person's recent status posts (not hidden, not deleted) the viewer may see."""
    posts = _with_containers(
        StatusPost.objects.filter(contained_visible_q(viewer)).public().filter(author=person)
    ).order_by("-id")[:PROFILE_ITEMS]
    items = [{"label": str(p), "url": p.get_absolute_url(), "when": p.created_at} for p in posts]
    return {"title": "Recent posts", "items": items} if items else None


def dashboard_actions(container, access) -> list[DashboardAction]:
    """Post an update (or read them) and read the blog, above the dashboard's stream."""
    stream = reverse("microblog:post_list", args=[container])
    return [
        DashboardAction("Post an update" if access.can_contribute else "Read the updates", stream),
        DashboardAction(
            "Read the blog", reverse("microblog:blogpost_list", args=[container]), secondary=True
        ),
    ]
