"""What the microblog puts into the site search: status posts that are neither hidden
nor deleted, and published blog posts (drafts are for their author only)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db.models import QuerySet
from django.utils.text import Truncator

from alliance_hub.hooks import SearchEntry
from workspaces.selectors import organisation_ids_of

from .models import BlogPost, StatusPost


def _organisations(rows: Sequence[StatusPost | BlogPost]) -> dict[tuple[int, int], int]:
    return organisation_ids_of((row.workspace_id, row.author_id) for row in rows)


class PostSource:
    kind = "post"
    label = "Posts"

    def all_ids(self) -> QuerySet[Any, int]:
        return StatusPost.objects.order_by("pk").values_list("pk", flat=True)

    def entries(self, ids: list[int]) -> list[SearchEntry]:
        posts = list(
            StatusPost.objects.public()
            .filter(pk__in=ids)
            .select_related("workspace", "group", "author")
        )
        organisations = _organisations(posts)
        return [
            {
                "key": f"post:{post.pk}",
                "object_id": post.pk,
                "workspace": post.workspace,
                "group": post.group,
                "title": f"{post.author or 'Someone'}: {Truncator(post.text).chars(80)}",
                "body_html": post.html,
                "author_id": post.author_id,
                "organisation_id": organisations.get((post.workspace_id, post.author_id)),
                "date": post.created_at,
                "url": post.get_absolute_url(),
            }
            for post in posts
        ]


class BlogSource:
    kind = "blog"
    label = "Blog posts"

    def all_ids(self) -> QuerySet[Any, int]:
        return BlogPost.objects.order_by("pk").values_list("pk", flat=True)

    def entries(self, ids: list[int]) -> list[SearchEntry]:
        blogs = list(
            BlogPost.objects.published().filter(pk__in=ids).select_related("workspace", "group")
        )
        organisations = _organisations(blogs)
        return [
            {
                "key": f"blog:{blog.pk}",
                "object_id": blog.pk,
                "workspace": blog.workspace,
                "group": blog.group,
                "title": blog.title,
                "body_html": blog.body_html,
                "author_id": blog.author_id,
                "organisation_id": organisations.get((blog.workspace_id, blog.author_id)),
                "date": blog.published_at or blog.updated_at,
                "url": blog.get_absolute_url(),
            }
            for blog in blogs
        ]
