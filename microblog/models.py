"""Status posts (with replies, likes, mentions and hashtags) and internal blog posts.

HTML is rendered once when the text is saved (``render_markup()``) and stored with
the sanitising policy's version in ``markup_version``; templates use ``|safe`` only
on those stored fields. ``manage.py rerender_markup`` refreshes them after a policy
change (it calls ``render_markup()`` and saves).
"""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.text import Truncator

from alliance_hub.markup import render_markdown
from alliance_hub.reversing import reverse
from workspaces.models import Contained, ContainedQuerySet

from .markup import render_status_text

STATUS_MAX_LENGTH = 500
EDIT_WINDOW = timedelta(minutes=15)


def one_line(text: str, length: int) -> str:
    """``text`` as one line (white space folded), cut to ``length`` characters: how a
    post or comment is quoted in labels and notifications."""
    return Truncator(" ".join(text.split())).chars(length)


class Hashtag(models.Model):
    """A ``#tag`` (stored lower-case); posts link to the list of posts with it."""

    name = models.CharField(max_length=50, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return f"#{self.name}"


class StatusPostQuerySet(ContainedQuerySet):
    def top_level(self):
        return self.filter(reply_to__isnull=True)

    def public(self):
        """Neither hidden by a moderator nor deleted: what search and profiles may show."""
        return self.filter(hidden_at__isnull=True, deleted_at__isnull=True)


class StatusPost(Contained):
    """A short message in a workspace's or group's stream, or a reply to one.

    Replies point at the top-level post of their thread (threads are one level
    deep). A deleted post that has replies stays as an empty tombstone so the
    thread keeps its shape; without replies it is removed.
    """

    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField(max_length=STATUS_MAX_LENGTH)
    html = models.TextField(blank=True, editable=False)
    markup_version = models.PositiveSmallIntegerField(default=0, editable=False)
    reply_to = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="replies"
    )
    hashtags = models.ManyToManyField(Hashtag, blank=True, related_name="posts")
    mentions = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="status_mentions"
    )
    like_count = models.PositiveIntegerField(default=0)
    reply_count = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)
    edited_at = models.DateTimeField(null=True, blank=True)
    deleted_at = models.DateTimeField(null=True, blank=True)
    hidden_at = models.DateTimeField(null=True, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hidden_reason = models.CharField(max_length=300, blank=True)
    # Set by selectors.with_latest_replies for the thread preview (not a column).
    shown_replies: list["StatusPost"]

    objects = StatusPostQuerySet.as_manager()

    class Meta:
        ordering = ["-id"]
        indexes = [
            models.Index(
                fields=["workspace", "group", "-id"],
                condition=models.Q(reply_to__isnull=True),
                name="statuspost_stream",
            ),
            models.Index(fields=["reply_to", "-id"], name="statuspost_thread"),
            models.Index(fields=["author", "-id"], name="statuspost_author"),
        ]

    def __str__(self):
        if self.deleted_at:
            return "a deleted post"
        if self.hidden_at:
            return "a hidden post"
        return one_line(self.text, 60)

    def get_absolute_url(self):
        root_id = self.reply_to_id or self.pk
        url = reverse("microblog:post_detail", args=[self.container, root_id])
        return f"{url}#post-{self.pk}" if self.reply_to_id else url

    def render_markup(self):
        """Set ``html`` from ``text`` (escape, link, sanitise); returns the mentioned users.

        Mentions become links only for people who may view the post's container.
        """
        rendered = render_status_text(self.text, self.container)
        self.html, self.markup_version = rendered.html, rendered.policy_version
        self._rendered = rendered
        return rendered.mentioned

    @property
    def is_edited(self):
        return self.edited_at is not None

    @property
    def editable_until(self):
        return self.created_at + EDIT_WINDOW

    @property
    def is_editable(self):
        """Still inside the edit window and neither hidden nor deleted (ownership aside)."""
        return not (self.hidden_at or self.deleted_at) and timezone.now() <= self.editable_until


class PostLike(models.Model):
    post = models.ForeignKey(StatusPost, on_delete=models.CASCADE, related_name="likes")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["post", "user"], name="postlike_unique")]

    def __str__(self):
        return f"{self.user} likes {self.post_id}"


class PostModeration(models.Model):
    """The record of every hide and unhide: who, when, why."""

    class Action(models.TextChoices):
        HIDE = "hide", "Hidden"
        UNHIDE = "unhide", "Shown again"

    post = models.ForeignKey(StatusPost, on_delete=models.CASCADE, related_name="moderations")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(max_length=10, choices=Action.choices)
    reason = models.CharField(max_length=300, blank=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self):
        return f"{self.get_action_display()} by {self.actor}: {self.reason}"


class BlogPostQuerySet(ContainedQuerySet):
    def published(self):
        return self.filter(status=BlogPost.Status.PUBLISHED)

    def readable_by(self, user):
        """Published posts, and the user's own drafts (drafts are for their author only)."""
        return self.filter(models.Q(status=BlogPost.Status.PUBLISHED) | models.Q(author=user))


class BlogPost(Contained):
    """A long post with a title and a Markdown body; a draft until its author publishes it."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"

    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    title = models.CharField(max_length=200)
    body = models.TextField(max_length=50_000)
    body_html = models.TextField(blank=True, editable=False)
    markup_version = models.PositiveSmallIntegerField(default=0, editable=False)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    published_at = models.DateTimeField(null=True, blank=True)
    comment_count = models.PositiveIntegerField(default=0)

    objects = BlogPostQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-id"]
        indexes = [
            models.Index(
                fields=["workspace", "group", "-published_at", "-id"],
                condition=models.Q(status="published"),
                name="blogpost_list",
            ),
            models.Index(fields=["author", "status", "-id"], name="blogpost_author"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("microblog:blogpost_detail", args=[self.container, self.pk])

    def render_markup(self):
        self.body_html, self.markup_version = render_markdown(self.body)

    @property
    def is_published(self):
        return self.status == self.Status.PUBLISHED


class BlogComment(models.Model):
    post = models.ForeignKey(BlogPost, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = models.TextField(max_length=5000)
    body_html = models.TextField(blank=True, editable=False)
    markup_version = models.PositiveSmallIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["post", "id"], name="blogcomment_post")]

    def __str__(self):
        return one_line(self.body, 60)

    def get_absolute_url(self):
        return f"{self.post.get_absolute_url()}#comment-{self.pk}"

    def render_markup(self):
        self.body_html, self.markup_version = render_markdown(self.body)
