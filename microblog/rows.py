"""The stream's posts, built in Python: a few string joins per post instead of the
hundred-odd template nodes of ``{% include "microblog/_post.html" %}`` and its
includes per post and reply (the stream's hot spot, see docs/performance.md).

The HTML is exactly what ``_post.html`` renders in the stream (no ``new``, no
``reply_form``); the htmx responses of one post still render those templates, and
tests/microblog/test_stream_rows.py compares the two for every state a post can be in.
Values go through ``html.escape``, which is what Django's ``escape`` does.
"""

from dataclasses import dataclass
from html import escape

from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.timesince import timesince

from alliance_hub import fragments
from alliance_hub.reversing import reverse
from profiles.templatetags.people import avatar
from workspaces.access import ContainerAccess

from .policies import may_delete_post, may_edit_post


class _PostUrl:
    """``reverse(name, args=[container, pk])`` for many pks, reversed once: the pk is
    the last variable part of these patterns, so it is the last ``/0/`` of the URL
    reversed with pk 0 (a container path may hold a ``0`` of its own, never after it)."""

    def __init__(self, name, container):
        url = escape(reverse(name, args=[container, 0]))
        self.head, _, self.tail = url.rpartition("/0/")

    def __call__(self, pk):
        return f"{self.head}/{pk}/{self.tail}"


@dataclass
class _Stream:
    access: ContainerAccess
    user: object
    csrf: str
    path: str

    def __post_init__(self):
        container = self.access.container
        self.detail = _PostUrl("microblog:post_detail", container)
        self.reply = _PostUrl("microblog:post_reply", container)
        self.edit = _PostUrl("microblog:post_edit", container)
        self.delete = _PostUrl("microblog:post_delete", container)
        self.like = _PostUrl("microblog:post_like", container)
        self.hide = _PostUrl("microblog:post_hide", container)
        self.unhide = _PostUrl("microblog:post_unhide", container)


def csrf_input(token):
    """What ``{% csrf_token %}`` renders for ``token``."""
    if not token or token == "NOTPROVIDED":  # noqa: S105 - Django's marker, not a password
        return ""
    return format_html('<input type="hidden" name="csrfmiddlewaretoken" value="{}">', token)


def stream_posts(posts, *, access, user, csrf_token, path):
    """``{% for post in posts %}{% include "microblog/_post.html" %}\\n  {% endfor %}``,
    as one safe string."""
    stream = _Stream(access, user, csrf_input(csrf_token), escape(path))
    return mark_safe("".join([_post(post, stream) + "\n  " for post in posts]))  # noqa: S308


def _post(post, s):
    pk = post.pk
    more = ""
    if post.reply_count > len(post.shown_replies):
        more = (
            f'<li class="more-replies"><a href="{s.detail(pk)}">'
            f"View all {post.reply_count} replies</a></li>"
        )
    replies = "".join([_reply(reply, s) for reply in post.shown_replies])
    reply_box = ""
    if s.access.can_contribute and not post.deleted_at and not post.hidden_at:
        reply_box = (
            '\n  <details class="reply-box">\n    <summary>Reply</summary>\n    '
            f"{_reply_form(post, s)}\n  </details>\n  "
        )
    return (
        f'\n\n<article class="card post{_hidden_class(post)}" id="post-{pk}">\n  '
        f"{_body(post, s)}\n"
        f'  <ul class="plain replies" id="replies-{pk}" aria-label="Replies">\n'
        f"    {more}\n    {replies}\n  </ul>\n  {reply_box}\n</article>\n"
    )


def _hidden_class(item):
    return " is-hidden" if item.hidden_at else ""


def _reply(reply, s):
    return f'<li class="reply{_hidden_class(reply)}" id="post-{reply.pk}">{_body(reply, s)}</li>\n'


def _author(item, default):
    return escape(str(item.author)) if item.author else default


def _body(item, s):
    """``_post_body.html``."""
    pk = item.pk
    anchor = f"#post-{pk}" if item.reply_to_id else ""
    edited = ""
    if item.is_edited and not item.deleted_at:
        when = fragments.day_and_time(fragments.local(item.edited_at), ", ")
        edited = f'<span class="muted edited" title="Edited {when}">(edited)</span>'
    created = item.created_at
    header = (
        f'\n<header class="post-meta">\n  {avatar(item.author, "tiny")}'
        f'<strong class="post-author">{_author(item, "Former member")}</strong>\n'
        f'  <a class="post-time" href="{s.detail(item.reply_to_id or pk)}{anchor}">'
        f'<time datetime="{fragments.iso(fragments.local(created))}">'
        f"{escape(timesince(created))} ago</time></a>\n  {edited}\n</header>\n"
    )
    if item.deleted_at:
        text = '\n  <p class="empty">This post was deleted by its author.</p>\n'
    elif item.hidden_at:
        text = _hidden_text(item, s)
    else:
        text = _visible_text(item, s)
    return f"{header}{text}\n"


def _hidden_text(item, s):
    pk = item.pk
    moderated = ""
    if s.access.can_moderate:
        by = escape(str(item.hidden_by)) if item.hidden_by else "a former moderator"
        unhide = s.unhide(pk)
        moderated = (
            '\n    <div class="post-text moderated" aria-label="Hidden text, shown to '
            f'moderators">{item.html}</div>\n'
            f'    <p class="muted">Hidden by {by}, {escape(timesince(item.hidden_at))} ago.</p>\n'
            f'    <form method="post" action="{unhide}" class="inline-form"\n'
            f'          hx-post="{unhide}" hx-target="#post-{pk}" hx-swap="outerHTML">\n'
            f'      {s.csrf}<input type="hidden" name="next" value="{s.path}#post-{pk}">\n'
            '      <button type="submit" class="small secondary">Show again</button>\n'
            "    </form>\n  "
        )
    return (
        f'\n  <p class="hidden-note">Hidden by a moderator: {escape(item.hidden_reason)}</p>\n'
        f"  {moderated}\n"
    )


def _visible_text(item, s):
    pk = item.pk
    own = ""
    if may_delete_post(s.user, s.access, item):
        edit = ""
        if may_edit_post(s.user, s.access, item) and item.is_editable:
            edit = f'<a class="button small secondary" href="{s.edit(pk)}">Edit</a>'
        delete = s.delete(pk)
        own = (
            f"\n      {edit}\n"
            f'      <form method="post" action="{delete}" class="inline-form"\n'
            f'            hx-post="{delete}" hx-target="#post-{pk}" hx-swap="outerHTML" '
            'hx-confirm="Delete this post?">\n'
            f'        {s.csrf}<button type="submit" class="small secondary">Delete</button>\n'
            "      </form>\n    "
        )
    moderate = ""
    if s.access.can_moderate:
        hide = s.hide(pk)
        moderate = (
            '\n      <details class="hide-box">\n        <summary>Hide…</summary>\n'
            f'        <form method="post" action="{hide}"\n'
            f'              hx-post="{hide}" hx-target="#post-{pk}" hx-swap="outerHTML">\n'
            f'          {s.csrf}<input type="hidden" name="next" value="{s.path}#post-{pk}">\n'
            f'          <label for="hide-reason-{pk}">Reason for hiding (recorded)</label>\n'
            f'          <input type="text" id="hide-reason-{pk}" name="reason" maxlength="300" '
            "required>\n"
            f'          <div id="hide-errors-{pk}" role="alert"></div>\n'
            '          <button type="submit" class="small danger">Hide post</button>\n'
            "        </form>\n      </details>\n    "
        )
    return (
        f'\n  <div class="post-text">{item.html}</div>\n  <div class="post-actions">\n'
        f"    {_like(item, s)}\n    \n    {own}\n    {moderate}\n  </div>\n"
    )


def _like(post, s):
    """``_like.html``."""
    count = post.like_count
    likes = f'<span class="like-count">{count} like{"" if count == 1 else "s"}</span>'
    if not s.access.can_contribute:
        return f"\n\n{likes}\n\n"
    url = s.like(post.pk)
    liked = post.liked
    return (
        f'\n\n<form class="like-form inline-form" method="post" action="{url}"\n'
        f'      hx-post="{url}" hx-swap="outerHTML">\n'
        f'  {s.csrf}<input type="hidden" name="next" value="{s.path}#post-{post.pk}">'
        f'<input type="hidden" name="like" value="{"0" if liked else "1"}">\n'
        '  <button type="submit" class="small secondary like-button" '
        f'aria-pressed="{"true" if liked else "false"}">{"♥ Liked" if liked else "♡ Like"}'
        '<span class="visually-hidden"> the post by '
        f"{_author(post, 'a former member')}</span></button>\n  {likes}\n</form>\n\n"
    )


def _reply_form(root, s):
    """``_reply_form.html`` without errors (the stream shows none)."""
    pk = root.pk
    url = s.reply(pk)
    return (
        f'<form method="post" action="{url}" class="reply-form" data-reset-on-success\n'
        f'      hx-post="{url}" hx-target="#replies-{pk}" hx-swap="beforeend">\n'
        f"  {s.csrf}\n"
        f'  <label for="reply-text-{pk}">Reply to {_author(root, "a former member")}</label>\n'
        f'  <textarea id="reply-text-{pk}" name="text" rows="2" maxlength="500" required '
        "data-mention-input></textarea>\n"
        f'  <div id="reply-errors-{pk}" role="alert"></div>\n'
        '  <button type="submit" class="small">Reply</button>\n</form>\n'
    )
