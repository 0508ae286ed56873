"""Builders for document tests; everything goes through the services."""

from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from documents import services


def upload_file(name="report.txt", content=b"Hello, alliance.\n"):
    return SimpleUploadedFile(name, content)


def make_document(container, actor, name="report.txt", content=b"Hello, alliance.\n", **kwargs):
    return services.documents_upload(
        actor=actor, container=container, uploads=[upload_file(name, content)], **kwargs
    )[0]


def add_version(document, actor, content, name="report.txt", note=""):
    return services.version_upload(
        actor=actor, document=document, upload=upload_file(name, content), change_note=note
    )


def stored_files():
    """Every file under the documents storage folder (tests use a temporary MEDIA_ROOT)."""
    root = Path(settings.MEDIA_ROOT) / "documents"
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def doc_url(name, document, *args):
    return reverse(f"documents:{name}", args=[document.container, document.pk, *args])


def body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content
