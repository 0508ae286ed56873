"""Writes of the microblog and the blogs. Each is atomic, checks its own rules
again (views, htmx endpoints and the demo all call these), records the activity
and notifies through ``workspaces.activity``."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from alliance_hub.hooks import search_changed
from workspaces.access import require_action
from workspaces.activity import forget_activity, notify, record_activity, relabel_activity
from workspaces.roles import Action

from . import policies
from .models import (
    STATUS_MAX_LENGTH,
    BlogComment,
    BlogPost,
    Hashtag,
    PostLike,
    PostModeration,
    StatusPost,
    one_line,
)

if TYPE_CHECKING:
    from alliance_hub.types import User
    from workspaces.access import Container

# The notifications the microblog sends (registered in contributions.py).
MENTION = "mention"
REPLY = "reply"
NOTIFICATION_KINDS = {MENTION: "Mentioned you", REPLY: "Replied to your post"}


def _clean_text(text: str | None, *, max_length: int, what: str) -> str:
    text = (text or "").strip()
    if not text:
        raise ValidationError(f"Write something: the {what} is empty.")
    if len(text) > max_length:
        raise ValidationError(f"The {what} has {len(text)} characters; the limit is {max_length}.")
    return text


# Status posts -------------------------------------------------------------------------


def _render_and_tag(post: StatusPost) -> list[User]:
    """Render the text; set hashtags; return the people the text mentions."""
    mentioned = post.render_markup()
    post.save()
    tags = post._rendered.tags
    existing = {tag.name: tag for tag in Hashtag.objects.filter(name__in=tags)}
    missing = [Hashtag(name=name) for name in tags if name not in existing]
    Hashtag.objects.bulk_create(missing, ignore_conflicts=True)
    post.hashtags.set(Hashtag.objects.filter(name__in=tags))
    search_changed("post", post.pk)
    return mentioned


def _notify_mentions(post: StatusPost, people: Sequence[User], actor: User) -> None:
    if not people:
        return
    post.mentions.add(*people)
    notify(
        recipients=people,
        kind=MENTION,
        actor=actor,
        text=f"{actor} mentioned you: “{one_line(post.text, 80)}”",
        target=post,
        container=post.container,
    )


@transaction.atomic
def post_create(
    *, actor: User, container: Container, text: str, reply_to: StatusPost | None = None
) -> StatusPost:
    """Post a status message (or a reply to ``reply_to``) in ``container``.

    Anyone who may contribute there. Raises PermissionDenied, ValidationError.
    Mentioned people who may view the container and the author of the post
    replied to are notified; everyone else is silently skipped.
    """
    require_action(actor, container, Action.CONTRIBUTE)
    text = _clean_text(text, max_length=STATUS_MAX_LENGTH, what="post")
    if reply_to is not None:
        reply_to = _thread_root(reply_to, container)
    post = StatusPost(author=actor, text=text, reply_to=reply_to)
    post.set_container(container)
    mentioned = _render_and_tag(post)
    if reply_to is None:
        record_activity(actor=actor, verb="posted", target=post, container=container)
    else:
        StatusPost.objects.filter(pk=reply_to.pk).update(reply_count=F("reply_count") + 1)
        record_activity(actor=actor, verb="replied", target=post, container=container)
        if reply_to.author_id:
            notify(
                recipients=[reply_to.author_id],
                kind=REPLY,
                actor=actor,
                text=f"{actor} replied to your post: “{one_line(post.text, 80)}”",
                target=post,
                container=container,
            )
    # The author replied to is notified of the reply already; one notification is enough.
    replied_to = reply_to.author_id if reply_to is not None else None
    _notify_mentions(post, [p for p in mentioned if p.pk != replied_to], actor)
    return post


def _thread_root(post: StatusPost, container: Container) -> StatusPost:
    if not post.is_in(container):
        raise ValidationError("You can only reply within the same stream.")
    root = post.reply_to or post
    if root.deleted_at or root.hidden_at:
        raise ValidationError("This post can no longer be replied to.")
    return root


@transaction.atomic
def post_edit(*, actor: User, post: StatusPost, text: str) -> StatusPost:
    """Change the text of one's own post within 15 minutes of posting (marked "edited").

    The author only, while they may still contribute. Newly mentioned people are
    notified; those mentioned before are not notified again.
    Raises PermissionDenied, ValidationError.
    """
    access = require_action(actor, post.container, Action.CONTRIBUTE)
    if not policies.may_edit_post(actor, access, post):
        raise PermissionDenied("Only the author can edit a post.")
    if not post.is_editable:
        raise ValidationError("Posts can be edited only in the first 15 minutes.")
    text = _clean_text(text, max_length=STATUS_MAX_LENGTH, what="post")
    if text == post.text:
        return post
    already = set(post.mentions.values_list("pk", flat=True))
    post.text = text
    post.edited_at = timezone.now()
    mentioned = _render_and_tag(post)
    relabel_activity(post)
    _notify_mentions(post, [p for p in mentioned if p.pk not in already], actor)
    return post


@transaction.atomic
def post_delete(*, actor: User, post: StatusPost) -> StatusPost | None:
    """Delete one's own post (the author only). A post with replies stays as a tombstone.

    Raises PermissionDenied.
    """
    access = require_action(actor, post.container, Action.VIEW)
    if not policies.may_delete_post(actor, access, post):
        raise PermissionDenied("Only the author can delete a post.")
    forget_activity(post)
    if post.reply_to_id:
        StatusPost.objects.filter(pk=post.reply_to_id, reply_count__gt=0).update(
            reply_count=F("reply_count") - 1
        )
    post_id = post.pk
    if post.reply_to_id or not post.replies.exists():
        post.delete()
        search_changed("post", post_id)
        return None
    post.text, post.html, post.deleted_at = "", "", timezone.now()
    post.save(update_fields=["text", "html", "deleted_at"])
    post.hashtags.clear()
    post.mentions.clear()
    search_changed("post", post.pk)
    return post


@transaction.atomic
def post_like_toggle(*, actor: User, post: StatusPost, liked: bool | None = None) -> bool:
    """Like a post (``liked=True``), take the like back (False) or toggle (None). Anyone
    who may contribute; returns True if liked. Idempotent for True/False: the same
    like submitted twice, even at once, is one like.

    Raises PermissionDenied, ValidationError (hidden or deleted posts).
    """
    require_action(actor, post.container, Action.CONTRIBUTE)
    if post.hidden_at or post.deleted_at:
        raise ValidationError("This post cannot be liked.")
    if liked is None:
        liked = not PostLike.objects.filter(post=post, user=actor).exists()
    if liked:
        _, changed = PostLike.objects.get_or_create(post=post, user=actor)
    else:
        changed = PostLike.objects.filter(post=post, user=actor).delete()[0] > 0
    if changed and liked:
        StatusPost.objects.filter(pk=post.pk).update(like_count=F("like_count") + 1)
    elif changed:
        StatusPost.objects.filter(pk=post.pk, like_count__gt=0).update(
            like_count=F("like_count") - 1
        )
    post.refresh_from_db(fields=["like_count"])
    post.liked = liked  # type: ignore[attr-defined]  # the flag selectors annotate
    return liked


@transaction.atomic
def post_hide(*, actor: User, post: StatusPost, reason: str) -> StatusPost:
    """Hide a post from everyone but moderators, with a reason (community managers, leads).

    Recorded in PostModeration; the post leaves the activity stream.
    Raises PermissionDenied, ValidationError.
    """
    require_action(actor, post.container, Action.MODERATE)
    reason = _clean_text(reason, max_length=300, what="reason")
    if post.deleted_at:
        raise ValidationError("This post was deleted by its author.")
    post.hidden_at, post.hidden_by, post.hidden_reason = timezone.now(), actor, reason
    post.save(update_fields=["hidden_at", "hidden_by", "hidden_reason"])
    PostModeration.objects.create(
        post=post, actor=actor, action=PostModeration.Action.HIDE, reason=reason
    )
    forget_activity(post)
    search_changed("post", post.pk)
    return post


@transaction.atomic
def post_unhide(*, actor: User, post: StatusPost) -> StatusPost:
    """Show a hidden post again (community managers, leads); recorded. Raises PermissionDenied."""
    require_action(actor, post.container, Action.MODERATE)
    if not post.hidden_at:
        return post
    post.hidden_at, post.hidden_by, post.hidden_reason = None, None, ""
    post.save(update_fields=["hidden_at", "hidden_by", "hidden_reason"])
    PostModeration.objects.create(post=post, actor=actor, action=PostModeration.Action.UNHIDE)
    search_changed("post", post.pk)
    return post


# Blog posts ---------------------------------------------------------------------------


def _clean_blog(title: str, body: str) -> tuple[str, str]:
    title = _clean_text(title, max_length=200, what="title")
    body = _clean_text(body, max_length=50_000, what="text")
    return title, body


def _publish(post: BlogPost, actor: User) -> None:
    post.status = BlogPost.Status.PUBLISHED
    post.published_at = timezone.now()
    post.save(update_fields=["status", "published_at"])
    record_activity(actor=actor, verb="published", target=post, container=post.container)


@transaction.atomic
def blogpost_create(
    *, actor: User, container: Container, title: str, body: str, publish: bool = False
) -> BlogPost:
    """Write a blog post in ``container`` (anyone who may contribute), as a draft or published.

    Raises PermissionDenied, ValidationError.
    """
    require_action(actor, container, Action.CONTRIBUTE)
    title, body = _clean_blog(title, body)
    post = BlogPost(author=actor, title=title, body=body)
    post.set_container(container)
    post.render_markup()
    post.save()
    if publish:
        _publish(post, actor)
    search_changed("blog", post.pk)
    return post


@transaction.atomic
def blogpost_update(
    *, actor: User, post: BlogPost, title: str, body: str, publish: bool = False
) -> BlogPost:
    """Change one's own blog post; ``publish`` publishes a draft (published stays published).

    The author only, while they may contribute. Raises PermissionDenied, ValidationError.
    """
    access = require_action(actor, post.container, Action.CONTRIBUTE)
    if not policies.may_edit_blogpost(actor, access, post):
        raise PermissionDenied("Only the author can edit a blog post.")
    post.title, post.body = _clean_blog(title, body)
    post.updated_at = timezone.now()
    post.render_markup()
    post.save()
    if post.is_published:
        relabel_activity(post)
    elif publish:
        _publish(post, actor)
    search_changed("blog", post.pk)
    return post


@transaction.atomic
def blogpost_delete(*, actor: User, post: BlogPost) -> None:
    """Delete a blog post with its comments (its author, or a moderator of the container).

    Raises PermissionDenied.
    """
    access = require_action(actor, post.container, Action.VIEW)
    if not policies.may_delete_blogpost(actor, access, post):
        raise PermissionDenied("Only the author or a moderator can delete a blog post.")
    forget_activity(post)
    post_id = post.pk
    post.delete()
    search_changed("blog", post_id)


@transaction.atomic
def comment_create(*, actor: User, post: BlogPost, body: str) -> BlogComment:
    """Comment on a published blog post (anyone who may contribute); notifies its author.

    Raises PermissionDenied, ValidationError.
    """
    require_action(actor, post.container, Action.CONTRIBUTE)
    if not post.is_published:
        raise ValidationError("Drafts cannot be commented on.")
    body = _clean_text(body, max_length=5000, what="comment")
    comment = BlogComment(post=post, author=actor, body=body)
    comment.render_markup()
    comment.save()
    BlogPost.objects.filter(pk=post.pk).update(comment_count=F("comment_count") + 1)
    if post.author_id:
        notify(
            recipients=[post.author_id],
            kind=REPLY,
            actor=actor,
            text=f"{actor} commented on your blog post “{one_line(post.title, 60)}”",
            target=comment,
            container=post.container,
        )
    return comment


@transaction.atomic
def comment_delete(*, actor: User, comment: BlogComment) -> None:
    """Delete a comment (its author, or a moderator of the container). Raises PermissionDenied."""
    post = comment.post
    access = require_action(actor, post.container, Action.VIEW)
    if not policies.may_delete_comment(actor, access, comment):
        raise PermissionDenied("Only the author or a moderator can delete a comment.")
    comment.delete()
    BlogPost.objects.filter(pk=post.pk, comment_count__gt=0).update(
        comment_count=F("comment_count") - 1
    )
