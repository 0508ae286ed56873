"""Thin views: a selector or a service, then a template or a file, one module per
concept. Rule violations from services (locked, duplicate, in the trash...) come back
as the page the person was on, with the message and a 4xx status."""

from .document import (  # noqa: F401
    document_detail,
    version_diff,
    version_list,
    version_preview,
    version_restore,
    version_upload,
)
from .downloads import (  # noqa: F401
    document_approved_permalink,
    document_permalink,
    version_download,
)
from .editing import (  # noqa: F401
    document_delete,
    document_downloads,
    document_edit,
    document_lock,
    document_move,
    document_unlock,
    document_unwatch,
    document_watch,
)
from .folders import (  # noqa: F401
    folder_create,
    folder_delete,
    folder_detail,
    folder_list,
    folder_rename,
)
from .reviews import (  # noqa: F401
    review_decide,
    review_send,
    review_withdraw,
)
from .trash import (  # noqa: F401
    trash_list,
    trash_purge,
    trash_restore,
)
from .uploads import (  # noqa: F401
    document_upload,
    mail_import,
)
