"""Downloads by container-free links (permalinks, a version's file)."""

from django.http import Http404
from django.views.decorators.http import require_safe

from .. import files, selectors, services
from ..serving import file_response


def _download(request, version):
    partial = request.headers.get("Range", "").replace(" ", "")
    # One record per download, not per resumed chunk of it.
    if request.method == "GET" and (not partial or partial.startswith("bytes=0-")):
        services.download_record(user=request.user, version=version)
    return file_response(
        request,
        name=version.file.name,
        size=version.size,
        content_type=files.download_content_type(version.content_type),
        filename=version.original_name,
        etag=version.sha256,
    )


@require_safe
def document_permalink(request, pk):
    """Always the latest version of the document, for anyone who may view it."""
    document = selectors.document_visible_get(user=request.user, pk=pk)
    version = document.latest_version
    version.document = document
    return _download(request, version)


@require_safe
def document_approved_permalink(request, pk):
    """Always the latest approved version of the document (404 until one is approved)."""
    document = selectors.document_visible_get(user=request.user, pk=pk)
    version = document.approved_version
    if version is None:
        raise Http404("No version of this document is approved yet.")
    version.document = document
    return _download(request, version)


@require_safe
def version_download(request, pk, number):
    """Always this version of the document, for anyone who may view it."""
    version = selectors.version_visible_get(user=request.user, pk=pk, number=number)
    return _download(request, version)
