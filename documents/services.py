"""Every write about folders, documents and versions, importable from one place; each
lives in the module of its domain under ``documents/actions/``.

Each service takes keyword arguments and an ``actor``, checks the actor's rights on
the container again (views, the demo and commands all call these), runs in one
transaction and records activity. User-facing rule violations raise
``ValidationError`` with a message meant for the person; missing rights raise
``PermissionDenied``.

Files: an upload is hashed and checked before anything is stored; it is stored
inside the transaction, and deleted again if anything after that fails, so a
failed upload leaves neither a version nor a file. (A rollback by an *outer*
transaction after the service returned cannot be seen here; ``manage.py
documents_sweep`` deletes such unreferenced files.)
"""

from .actions.common import (  # noqa: F401
    MAX_TAGS,
    DuplicateUpload,
)
from .actions.folders import (  # noqa: F401
    folder_create,
    folder_delete,
    folder_rename,
)
from .actions.locks import (  # noqa: F401
    document_lock,
    document_unlock,
    locks_release_expired,
)
from .actions.reading import (  # noqa: F401
    document_unwatch,
    document_watch,
    download_record,
)
from .actions.trash import (  # noqa: F401
    document_purge,
    document_trash,
    document_untrash,
    trash_purge_expired,
)
from .actions.versions import (  # noqa: F401
    document_move,
    document_update,
    documents_upload,
    version_restore,
    version_upload,
)
