"""Upload plumbing: a per-file size limit enforced while the body streams in.

Django already spools uploads above FILE_UPLOAD_MAX_MEMORY_SIZE to temporary
files; this handler, put first, stops receiving a file as soon as it passes
MAX_UPLOAD_SIZE (the rest of it is read and discarded, never stored) and notes its
name so the view can say which file was too large.
"""

from functools import wraps

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.views.decorators.csrf import csrf_exempt, csrf_protect

from alliance_hub.uploads import upload_view


class SizeLimitUploadHandler(FileUploadHandler):
    def __init__(self, request=None):
        super().__init__(request)
        self.limit = settings.MAX_UPLOAD_SIZE

    def receive_data_chunk(self, raw_data, start):
        if start + len(raw_data) > self.limit:
            self.request.too_large_uploads.append(self.file_name)
            raise SkipFile
        return raw_data

    def file_complete(self, file_size):
        return None  # the next handler (memory or temporary file) builds the file


def accepts_uploads(view):
    """Install the size limit before the body is parsed.

    The CSRF middleware would parse the body before any view code runs, so the view
    is exempted there and protected here instead, after the handler is in place
    (the pattern of Django's "Modifying upload handlers on the fly")."""
    protected = csrf_protect(view)

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        request.too_large_uploads = []
        if request.method == "POST":
            request.upload_handlers.insert(0, SizeLimitUploadHandler(request))
        return protected(request, *args, **kwargs)

    return upload_view(csrf_exempt(wrapped))
