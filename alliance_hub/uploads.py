"""Which views accept uploaded files, and temporary upload files that never outlive
their request.

``RequestLimitsMiddleware`` caps a multipart body before anything reads it, unless
the viewer is signed in and the view is marked with ``@upload_view``.
"""

import os

from django.core.files.uploadhandler import TemporaryFileUploadHandler


def upload_view(view):
    """Mark ``view`` as one that accepts uploaded files from signed-in people."""
    view.accepts_uploads = True
    return view


def accepts_uploads(view):
    return getattr(view, "accepts_uploads", False)


class TrackedTemporaryFileUploadHandler(TemporaryFileUploadHandler):
    """Django's temporary-file handler, noting each file on the request so that
    ``remove_temporary_uploads`` can close and delete it whatever happened (a client
    that disconnects mid-upload leaves a half-written file the parser never closes)."""

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        if self.request is not None:
            self.request.__dict__.setdefault("temporary_uploads", []).append(self.file)


def remove_temporary_uploads(request):
    for upload in request.__dict__.pop("temporary_uploads", []):
        path = upload.temporary_file_path()
        upload.close()
        if os.path.exists(path):
            os.remove(path)
