"""Stream and blog views, one module per concept: a selector or a service, then render.

Every write works twice: as an htmx request (answers with the fragment to swap
in, or 422 with the error message retargeted at the form's error box) and as a
plain form POST (redirects back, or re-renders the page with a 400)."""

from .blogs import (  # noqa: F401
    blogpost_create,
    blogpost_delete,
    blogpost_detail,
    blogpost_edit,
    blogpost_list,
    comment_create,
    comment_delete,
)
from .posts import (  # noqa: F401
    post_create,
    post_delete,
    post_detail,
    post_edit,
    post_hide,
    post_like,
    post_list,
    post_mentions,
    post_reply,
    post_tag,
    post_unhide,
)
