"""Who may do what to posts, blog posts and comments. Services enforce these, views and
templates (through ``{% may "rule" obj as flag %}``, see templatetags) offer an action
exactly when they allow it. Each takes the user, their ContainerAccess on the object's
container (from the access layer) and the object; none queries the database."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from workspaces.access import ContainerAccess, Viewer
from workspaces.roles import Action

from .models import BlogComment, BlogPost, StatusPost


def _is_author(user: Viewer, item: StatusPost | BlogPost | BlogComment) -> bool:
    return item.author_id is not None and item.author_id == user.pk


def may_edit_post(user: Viewer, access: ContainerAccess, post: StatusPost) -> bool:
    """The author, while they may contribute (the 15-minute window is checked apart)."""
    return access.can(Action.CONTRIBUTE) and _is_author(user, post)


def may_delete_post(user: Viewer, access: ContainerAccess, post: StatusPost) -> bool:
    """The author only, even after their role changed (moderators hide instead)."""
    return access.can(Action.VIEW) and _is_author(user, post)


def may_edit_blogpost(user: Viewer, access: ContainerAccess, post: BlogPost) -> bool:
    return access.can(Action.CONTRIBUTE) and _is_author(user, post)


def may_delete_blogpost(user: Viewer, access: ContainerAccess, post: BlogPost) -> bool:
    """The author or a moderator of the container."""
    return access.can(Action.VIEW) and (_is_author(user, post) or access.can(Action.MODERATE))


def may_delete_comment(user: Viewer, access: ContainerAccess, comment: BlogComment) -> bool:
    """The author or a moderator of the container."""
    return access.can(Action.VIEW) and (_is_author(user, comment) or access.can(Action.MODERATE))


RULES: dict[str, Callable[[Viewer, ContainerAccess, Any], bool]] = {
    "edit_post": may_edit_post,
    "delete_post": may_delete_post,
    "edit_blogpost": may_edit_blogpost,
    "delete_blogpost": may_delete_blogpost,
    "delete_comment": may_delete_comment,
}
