"""Reads for the microblog and blog views. Each starts from the container the access
layer resolved (the caller checked ``view``) or from ``contained_visible_q(user)``, loads
everything its template needs in a fixed number of queries, and raises Http404 for
"missing" and "not yours to see" alike. Lists page with keyset cursors."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet, prefetch_related_objects
from django.http import Http404

from alliance_hub.pagination import page_of
from workspaces.access import Container, users_who_may_view

from .markup import handle_for
from .models import BlogComment, BlogPost, PostLike, StatusPost

PAGE_SIZE = 20
THREAD_PAGE_SIZE = 50
REPLIES_SHOWN = 3

if TYPE_CHECKING:
    from profiles.models import User


def _with_viewer_flags(posts: QuerySet[StatusPost], user: User) -> QuerySet[StatusPost]:
    """Author, moderator and "liked by the viewer" in the same query."""
    return posts.select_related("author__profile", "hidden_by").annotate(
        liked=Exists(PostLike.objects.filter(post=OuterRef("pk"), user_id=user.pk))
    )


def with_latest_replies(posts: Sequence[StatusPost], user: User) -> Sequence[StatusPost]:
    """Set each post's ``shown_replies``: its newest few replies, oldest first as a thread
    reads, in one extra query (a sliced prefetch) over the posts that have replies.

    Posts whose ``reply_count`` is 0 (kept by the services that add and delete replies)
    are not asked about: the sliced prefetch's window query cost about 10 ms of Python
    to build even when it found nothing."""
    threads = [post for post in posts if post.reply_count]
    if threads:
        latest = _with_viewer_flags(StatusPost.objects.order_by("-id"), user)[:REPLIES_SHOWN]
        prefetch_related_objects(
            threads, Prefetch("replies", queryset=latest, to_attr="latest_replies")
        )
    for post in posts:
        post.shown_replies = list(reversed(getattr(post, "latest_replies", [])))
    return posts


def post_list_for(
    *,
    user: User,
    container: Container,
    before: int | None = None,
    author_id: int | None = None,
) -> tuple[Sequence[StatusPost], bool]:
    """Top-level posts of ``container``'s stream, newest first, with their latest replies.

    Returns ``(posts, has_more)``. ``author_id`` narrows to one person's posts.
    """
    posts = StatusPost.objects.in_container(container).top_level()
    if author_id:
        posts = posts.filter(author_id=author_id)
    if before:
        posts = posts.filter(id__lt=before)
    items, has_more = page_of(_with_viewer_flags(posts, user).order_by("-id"), PAGE_SIZE)
    return with_latest_replies(items, user), has_more


def post_tag_list_for(
    *, user: User, container: Container, tag: str, before: int | None = None
) -> tuple[list[StatusPost], bool]:
    """Every post and reply with ``#tag`` in ``container``, newest first: ``(posts, has_more)``."""
    posts = StatusPost.objects.in_container(container).filter(
        hashtags__name=tag.lower(), deleted_at__isnull=True
    )
    if before:
        posts = posts.filter(id__lt=before)
    return page_of(_with_viewer_flags(posts, user).order_by("-id"), PAGE_SIZE)


def post_get_for(*, user: User, container: Container, pk: int) -> StatusPost:
    """One post of ``container`` (a reply or a thread's start); Http404 if not there."""
    posts = _with_viewer_flags(StatusPost.objects.in_container(container), user)
    post = posts.filter(pk=pk).first()
    if post is None:
        raise Http404("No such post.")
    post.set_container(container)  # it is in there; saves loading it again for URLs
    return post


def thread_replies_for(
    *, user: User, root: StatusPost, after: int | None = None
) -> tuple[list[StatusPost], bool]:
    """Replies of a thread, oldest first, a page at a time: ``(replies, has_more)``."""
    replies = StatusPost.objects.filter(reply_to=root)
    if after:
        replies = replies.filter(id__gt=after)
    return page_of(_with_viewer_flags(replies, user).order_by("id"), THREAD_PAGE_SIZE)


def mention_suggestions_for(
    *, container: Container, prefix: str, limit: int = 8
) -> list[dict[str, str]]:
    """Members who may view ``container`` whose name starts a word with ``prefix``.

    Returns ``[{"handle", "name"}]``; nobody outside the container is ever listed.
    """
    words = " ".join(prefix.replace(".", " ").replace("_", " ").split())
    if not words:
        return []
    people = (
        users_who_may_view(container)
        .filter(Q(display_name__istartswith=words) | Q(display_name__icontains=f" {words}"))
        .only("pk", "display_name", "email")
        .order_by("display_name", "pk")[:limit]
    )
    return [{"handle": handle_for(person), "name": person.display_name} for person in people]


# Blogs --------------------------------------------------------------------------------


def blog_list_for(
    *, user: User, container: Container, before: int | None = None
) -> tuple[list[BlogPost], bool]:
    """Published blog posts of ``container``, newest publication first: ``(posts, has_more)``.

    ``before`` is the id of the last post shown; the cursor is (published_at, id).
    """
    posts = (
        BlogPost.objects.in_container(container).published().select_related("author")
    ).order_by("-published_at", "-id")
    if before:
        cursor = posts.filter(pk=before).values_list("published_at", flat=True).first()
        if cursor is not None:
            posts = posts.filter(Q(published_at__lt=cursor) | Q(published_at=cursor, id__lt=before))
    return page_of(posts, PAGE_SIZE)


def blog_drafts_for(*, user: User, container: Container) -> QuerySet[BlogPost]:
    """The viewer's own drafts in ``container`` (nobody else ever sees them)."""
    return (
        BlogPost.objects.in_container(container)
        .filter(author_id=user.pk, status=BlogPost.Status.DRAFT)
        .only("pk", "title", "updated_at", "workspace_id", "group_id")
        .order_by("-id")
    )


def blogpost_get_for(*, user: User, container: Container, pk: int) -> BlogPost:
    """A published blog post of ``container``, or the viewer's own draft; else Http404."""
    post = (
        BlogPost.objects.in_container(container)
        .readable_by(user)
        .select_related("author")
        .filter(pk=pk)
        .first()
    )
    if post is None:
        raise Http404("No such blog post.")
    post.set_container(container)
    return post


def comments_for(*, post: BlogPost) -> QuerySet[BlogComment]:
    return BlogComment.objects.filter(post=post).select_related("author__profile").order_by("id")


def comment_get_for(*, post: BlogPost, pk: int) -> BlogComment:
    comment = BlogComment.objects.filter(post=post, pk=pk).select_related("post").first()
    if comment is None:
        raise Http404("No such comment.")
    return comment
