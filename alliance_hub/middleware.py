"""Project-wide middleware."""

from django.shortcuts import render

from alliance_hub.filestore import StorageError


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
