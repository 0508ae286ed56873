"""Wiki views, one module per concept: thin, through selectors and services. Pages are
served from the HTML stored at save time; only the preview renders Markdown, and it
saves nothing."""

from .history import (  # noqa: F401
    page_diff,
    page_history,
    page_recent_changes,
    page_revert,
    page_revision,
)
from .organise import (  # noqa: F401
    page_delete,
    page_move,
    page_protect,
    page_restore,
    page_trash,
)
from .pages import (  # noqa: F401
    page_create,
    page_detail,
    page_edit,
    page_links_here,
    page_list,
    page_preview,
    page_unwatch,
    page_watch,
)
