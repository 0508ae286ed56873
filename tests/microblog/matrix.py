"""Permission-matrix rows for the microblog, the blogs and the notification pages."""

from django.urls import reverse

from microblog import services
from tests.matrix import Route
from workspaces.models import Notification
from workspaces.roles import Action

SIGNED_IN = [
    "outsider", "removed", "observer", "member", "non_group_member", "community_manager", "lead",
]  # fmt: skip
WORKSPACE_ONLY = ("workspace",)


def _url(name):
    return lambda w, c: reverse(f"microblog:{name}", args=[c])


def _status(w, c, author="member", reply=False):
    post = services.post_create(actor=getattr(w, author), container=c, text="Matrix #check")
    if reply:
        return services.post_create(actor=w.lead, container=c, text="Reply", reply_to=post)
    return post


def _post_url(name, author="member"):
    return lambda w, c: reverse(f"microblog:{name}", args=[c, _status(w, c, author).pk])


def _blog(w, c, author="member"):
    return services.blogpost_create(
        actor=getattr(w, author), container=c, title="Matrix", body="Body", publish=True
    )


def _blog_url(name, author="member"):
    return lambda w, c: reverse(f"microblog:{name}", args=[c, _blog(w, c, author).pk])


def _comment_delete_url(w, c):
    post = _blog(w, c, "lead")
    comment = services.comment_create(actor=w.member, post=post, body="Comment")
    return reverse("microblog:blogcomment_delete", args=[c, post.pk, comment.pk])


def _notification_read_url(w, c):
    notification = Notification.objects.create(
        recipient=w.lead,
        workspace=w.workspace,
        kind=Notification.Kind.OTHER,
        text="x",
        target_url="/",
    )
    return reverse("workspaces:notification_read", args=[notification.pk])


def _authors_only(name, url, action, method="GET", data=None, also_allowed=(), also_denied=()):
    """Rows for a view that only the author (``member``) may use, beyond the role check:
    other viewers who pass the role check get 403 from the ownership rule."""
    routes = []
    for kind, others in (
        ("workspace", ["lead", "community_manager", "non_group_member"]),
        ("private_group", ["lead", "community_manager"]),
    ):
        denied = [p for p in others if p not in also_allowed] + list(also_denied)
        routes.append(
            Route(
                name,
                url,
                action,
                method=method,
                data=data or {},
                containers=(kind,),
                expect={p: 403 for p in denied},
            )
        )
    return routes


ROUTES = [
    Route("microblog:post_list", _url("post_list")),
    Route("microblog:post_create", _url("post_create"), Action.CONTRIBUTE, method="POST",
          data={"text": "Hello"}),
    Route("microblog:post_mentions", _url("post_mentions")),
    Route("microblog:post_tag", lambda w, c: reverse("microblog:post_tag", args=[c, "check"])),
    Route("microblog:post_detail", _post_url("post_detail")),
    Route("microblog:post_reply", _post_url("post_reply"), Action.CONTRIBUTE, method="POST",
          data={"text": "A reply"}),
    Route("microblog:post_like", _post_url("post_like"), Action.CONTRIBUTE, method="POST"),
    Route("microblog:post_hide", _post_url("post_hide"), Action.MODERATE, method="POST",
          data={"reason": "Matrix"}),
    Route("microblog:post_unhide", _post_url("post_unhide"), Action.MODERATE, method="POST"),
    *_authors_only("microblog:post_edit", _post_url("post_edit"), Action.CONTRIBUTE),
    *_authors_only("microblog:post_edit", _post_url("post_edit"), Action.CONTRIBUTE,
                   method="POST", data={"text": "Changed"}),
    *_authors_only("microblog:post_delete", _post_url("post_delete"), Action.VIEW,
                   method="POST", also_denied=["observer"]),
    Route("microblog:blogpost_list", _url("blogpost_list")),
    Route("microblog:blogpost_create", _url("blogpost_create"), Action.CONTRIBUTE),
    Route("microblog:blogpost_create", _url("blogpost_create"), Action.CONTRIBUTE,
          method="POST", data={"title": "T", "body": "B", "action": "publish"}),
    Route("microblog:blogpost_detail", _blog_url("blogpost_detail", "lead")),
    *_authors_only("microblog:blogpost_edit", _blog_url("blogpost_edit"), Action.CONTRIBUTE),
    *_authors_only("microblog:blogpost_edit", _blog_url("blogpost_edit"), Action.CONTRIBUTE,
                   method="POST", data={"title": "T", "body": "B"}),
    # Authors and moderators delete blog posts and comments.
    *_authors_only("microblog:blogpost_delete", _blog_url("blogpost_delete"), Action.VIEW,
                   method="POST", also_allowed=["lead", "community_manager"],
                   also_denied=["observer"]),
    Route("microblog:blogcomment_create", _blog_url("blogcomment_create", "lead"),
          Action.CONTRIBUTE, method="POST", data={"body": "Nice"}),
    *_authors_only("microblog:blogcomment_delete", _comment_delete_url, Action.VIEW,
                   method="POST", also_allowed=["lead", "community_manager"],
                   also_denied=["observer"]),
    # Notifications: no container; each person only ever reaches their own.
    Route("workspaces:notification_list", lambda w, c: reverse("workspaces:notification_list"),
          action=None, containers=WORKSPACE_ONLY),
    Route("workspaces:notification_read", _notification_read_url, action=None, method="POST",
          containers=WORKSPACE_ONLY, expect={p: 404 for p in SIGNED_IN if p != "lead"}),
    Route("workspaces:notification_read_all",
          lambda w, c: reverse("workspaces:notification_read_all"), action=None, method="POST",
          containers=WORKSPACE_ONLY),
]  # fmt: skip
