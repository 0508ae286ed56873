"""What the microblog contributes to other apps' pages through alliance_hub.hooks:
sections of a person's profile and the dashboard's buttons. Each runs a fixed number
of queries and shows only what the viewer may see (``contained_visible_q``)."""

from alliance_hub import sqlrows
from alliance_hub.hooks import DashboardAction, ProfileSection
from alliance_hub.reversing import reverse
from workspaces.access import contained_visible_sql
from workspaces.models import Group, Workspace
from workspaces.models.contained import path_of

from .models import BlogPost, StatusPost

PROFILE_ITEMS = 10


def _recent_sql(model, columns, condition, order):
    """``(sql, params without the viewer's)``: the author's rows of ``model`` with their
    workspace and group slugs. In SQL text: built with the ORM (the access filter and
    three joins) each section cost more to compile than to run."""
    return (
        f"SELECT p.id, {columns}, w.slug AS workspace_slug, g.slug AS group_slug "  # noqa: S608
        f"FROM {model._meta.db_table} p "
        f"JOIN {Workspace._meta.db_table} w ON w.id = p.workspace_id "
        f"LEFT JOIN {Group._meta.db_table} g ON g.id = p.group_id "
        f"WHERE p.author_id = %s AND {condition} AND {{visible}} ORDER BY {order} LIMIT %s"
    )


def _recent(model, viewer, person, sql, params):
    visible, visible_params = contained_visible_sql(viewer, "p")
    query = sql.format(visible=visible)
    return sqlrows.fetch(model, query, [person.pk, *params, *visible_params, PROFILE_ITEMS])


def _url(name, post, pk):
    return reverse(name, args=[path_of(post.workspace_slug, post.group_slug), pk])


BLOG_SQL = _recent_sql(
    BlogPost, "p.title, p.published_at", "p.status = %s", "p.published_at DESC, p.id DESC"
)
STATUS_SQL = _recent_sql(
    StatusPost,
    "p.text, p.created_at, p.reply_to_id, p.deleted_at, p.hidden_at",
    "p.hidden_at IS NULL AND p.deleted_at IS NULL",
    "p.id DESC",
)


def blog_posts_section(viewer, person) -> ProfileSection | None:
    """The person's published blog posts in containers the viewer may see."""
    posts = _recent(BlogPost, viewer, person, BLOG_SQL, [BlogPost.Status.PUBLISHED])
    items = [
        {
            "label": p.title,
            "url": _url("microblog:blogpost_detail", p, p.pk),
            "when": p.published_at,
        }
        for p in posts
    ]
    return {"title": "Blog posts", "items": items} if items else None


def _post_url(post):
    url = _url("microblog:post_detail", post, post.reply_to_id or post.pk)
    return f"{url}#post-{post.pk}" if post.reply_to_id else url


def status_posts_section(viewer, person) -> ProfileSection | None:
    """The person's recent status posts (not hidden, not deleted) the viewer may see."""
    posts = _recent(StatusPost, viewer, person, STATUS_SQL, [])
    items = [{"label": str(p), "url": _post_url(p), "when": p.created_at} for p in posts]
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
