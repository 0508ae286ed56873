"""The microblog's part in the launch: a member to-do, adoption figures and the
export. Registered in contributions.py; fixed query counts."""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import TYPE_CHECKING

from django.db.models import QuerySet
from django.utils.html import escape

from alliance_hub.hooks import ExportEntries, Todo
from alliance_hub.reversing import reverse
from workspaces.access import visible_in
from workspaces.adoption import count_by_member, count_by_week

from .models import BlogPost, StatusPost

if TYPE_CHECKING:
    from alliance_hub.types import User
    from workspaces.access import Container
    from workspaces.models import Workspace


def _posts(workspace: Workspace, viewer: User) -> QuerySet[StatusPost]:
    """Live posts of the workspace and of the groups ``viewer`` may see."""
    return StatusPost.objects.filter(visible_in(viewer, workspace), deleted_at__isnull=True)


def posts_by_member(workspace: Workspace, user_ids: list[int], viewer: User) -> dict[int, int]:
    return count_by_member(_posts(workspace, viewer), "author_id", user_ids)


def posts_by_week(workspace: Workspace, since: date, viewer: User) -> dict[date, int]:
    return count_by_week(_posts(workspace, viewer), "created_at", since)


def first_hello_todo(user: User, workspace: Workspace) -> list[Todo]:
    """Done once the member posted anything in the workspace's stream. One query."""
    posted = _posts(workspace, user).filter(author=user).exists()
    return [
        {
            "label": "Post a first hello",
            "done": posted,
            "url": reverse("microblog:post_list", args=[workspace]),
        }
    ]


# Export -------------------------------------------------------------------------------

HTML_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{title}</title></head>
<body><h1>{title}</h1>
{items}
</body></html>
"""


def _page(title: str, items: list[str]) -> bytes:
    return HTML_PAGE.format(title=escape(title), items="\n".join(items)).encode()


def _name(user: User | None) -> str:
    return user.display_name if user else ""


def _when(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None


def export_posts(container: Container) -> ExportEntries:
    """The container's stream and published blog posts as JSON and readable HTML
    (text escaped; the stored, sanitised HTML is used for blog bodies). Two queries."""
    posts = list(
        StatusPost.objects.in_container(container)
        .filter(deleted_at__isnull=True)
        .select_related("author")
        .order_by("created_at", "pk")
    )
    records = [
        {
            "id": p.pk,
            "author": p.author.display_name if p.author else None,
            "created_at": _when(p.created_at),
            "reply_to": p.reply_to_id,
            "hidden": p.hidden_at is not None,
            "text": p.text,
        }
        for p in posts
    ]
    yield "stream/posts.json", json.dumps(records, indent=2, ensure_ascii=False).encode()
    yield (
        "stream/posts.html",
        _page(
            f"Stream of {container}",
            [
                f"<article><p><strong>{escape(r['author'] or '')}</strong> "
                f"<time>{escape(r['created_at'])}</time></p>"
                f"<p>{escape(r['text']).replace(chr(10), '<br>')}</p></article>"
                for r in records
            ],
        ),
    )
    blog = list(
        BlogPost.objects.in_container(container)
        .published()
        .select_related("author")
        .order_by("published_at", "pk")
    )
    yield (
        "blog/posts.json",
        json.dumps(
            [
                {
                    "id": b.pk,
                    "title": b.title,
                    "author": b.author.display_name if b.author else None,
                    "published_at": _when(b.published_at),
                    "body": b.body,
                }
                for b in blog
            ],
            indent=2,
            ensure_ascii=False,
        ).encode(),
    )
    yield (
        "blog/posts.html",
        _page(
            f"Blog of {container}",
            [
                f"<article><h2>{escape(b.title)}</h2><p>{escape(_name(b.author))} "
                f"<time>{escape(_when(b.published_at))}</time></p>{b.body_html}</article>"
                for b in blog
            ],
        ),
    )
