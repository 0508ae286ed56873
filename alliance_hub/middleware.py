"""Project-wide middleware: bounds on what one request may make a worker do, and
file-storage outages shown as a page."""

from django.conf import settings
from django.http import HttpResponse, HttpResponseBadRequest, UnreadablePostError
from django.shortcuts import render

from alliance_hub.filestore import StorageError
from alliance_hub.uploads import accepts_uploads, remove_temporary_uploads


class RequestLimitsMiddleware:
    """Put it before CsrfViewMiddleware: that one parses the body in its process_view.

    * A multipart body is refused (413) before it is read, above
      ``MULTIPART_MAX_BYTES_WITHOUT_UPLOADS``, unless a signed-in person posts to a
      view marked ``@upload_view``: nobody else can make a worker spool files.
    * A NUL in the query string is refused (400): no page reads one, and databases
      refuse it in a query.
    * Temporary upload files are closed and removed when the request ends, however
      it ends; a body the client stopped sending is a 400, not a 500.
    * A request without a Host header gets the (validated) host Django uses: python3-saml
      (SAML sign-in) reads the header itself and fails without one.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "HTTP_HOST" not in request.META:
            request.META["HTTP_HOST"] = request.get_host()
        try:
            return self.get_response(request)
        finally:
            remove_temporary_uploads(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if "\x00" in request.path or _query_has_nul(request):
            return HttpResponseBadRequest("The address contains a NUL character.")
        if _multipart_too_large(request, view_func):
            return HttpResponse(
                "This address does not accept files, or not from you: the request is too large.",
                status=413,
                content_type="text/plain; charset=utf-8",
            )
        return None

    def process_exception(self, request, exception):
        if isinstance(exception, UnreadablePostError):
            return HttpResponseBadRequest("The request body was not received completely.")
        return None


def _query_has_nul(request):
    return any("\x00" in key or "\x00" in "".join(values) for key, values in request.GET.lists())


def _multipart_too_large(request, view_func):
    if not request.content_type.startswith("multipart/"):
        return False
    if request.user.is_authenticated and accepts_uploads(view_func):
        return False
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return True
    return length > settings.MULTIPART_MAX_BYTES_WITHOUT_UPLOADS


class StorageErrorMiddleware:
    """A read from file storage that fails (S3 or the disk not answering) is a 503 page
    saying so, not a 500. Writes catch StorageError themselves (it is a ValidationError
    the forms show), so this only meets downloads, previews and photos."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, StorageError):
            return None
        response = render(
            request, "storage_unavailable.html", {"message": exception.messages[0]}, status=503
        )
        response["Retry-After"] = "60"
        return response
