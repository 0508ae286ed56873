"""What the microblog contributes to other apps' pages through alliance_hub.hooks:
sections of a person's profile and search results. Each runs a fixed number of
queries and shows only what the viewer may see (``visible_to``)."""

from django.db.models import Q
from django.utils.text import Truncator

from .models import BlogPost, StatusPost

PROFILE_ITEMS = 10
SEARCH_RESULTS = 20


def _with_containers(rows):
    # get_absolute_url needs the container path: the workspace, or the group and its workspace.
    return rows.select_related("workspace", "group__workspace")


def blog_posts_section(viewer, person):
    """The person's published blog posts in containers the viewer may see."""
    posts = _with_containers(
        BlogPost.objects.visible_to(viewer).published().filter(author=person)
    ).order_by("-published_at", "-id")[:PROFILE_ITEMS]
    items = [{"label": p.title, "url": p.get_absolute_url(), "when": p.published_at} for p in posts]
    return {"title": "Blog posts", "items": items} if items else None


def status_posts_section(viewer, person):
    """The person's recent status posts (not hidden, not deleted) the viewer may see."""
    posts = _with_containers(
        StatusPost.objects.visible_to(viewer).public().filter(author=person)
    ).order_by("-id")[:PROFILE_ITEMS]
    items = [{"label": str(p), "url": p.get_absolute_url(), "when": p.created_at} for p in posts]
    return {"title": "Recent posts", "items": items} if items else None


def _in_scope(rows, user, container):
    """A workspace searches its own content and its visible groups'; a group only its own."""
    rows = rows.visible_to(user)
    if container.is_group:
        return rows.filter(group=container)
    return rows.filter(workspace=container)


def search(user, container, query):
    """Status posts and published blog posts matching ``query`` that ``user`` may see."""
    query = (query or "").strip()
    if not query:
        return []
    posts = (
        _with_containers(
            _in_scope(StatusPost.objects.public(), user, container).filter(text__icontains=query)
        )
        .select_related("author")
        .order_by("-id")[:SEARCH_RESULTS]
    )
    blogs = _with_containers(
        _in_scope(BlogPost.objects.published(), user, container).filter(
            Q(title__icontains=query) | Q(body__icontains=query)
        )
    ).order_by("-published_at", "-id")[:SEARCH_RESULTS]
    results = [
        {
            "kind": "Blog post",
            "label": blog.title,
            "url": blog.get_absolute_url(),
            "snippet": Truncator(" ".join(blog.body.split())).chars(160),
        }
        for blog in blogs
    ]
    results += [
        {
            "kind": "Post",
            "label": f"{post.author or 'Someone'}: {post}",
            "url": post.get_absolute_url(),
            "snippet": Truncator(" ".join(post.text.split())).chars(160),
        }
        for post in posts
    ]
    return results
