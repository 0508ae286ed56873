"""Previews of office files (Word, spreadsheets, presentations; OOXML and ODF), made
once per stored file in a background task and kept in ``OfficePreview``.

Pure Python (python-docx, openpyxl, python-pptx, odfpy), not LibreOffice headless: no
second runtime to install and patch, no macros, and the renderer (office.py) runs in a
child process under the search extractor's limits after its zip-bomb check. The
preview is text and tables, not a facsimile of the layout.
"""

import json
import logging

from django.db import transaction
from django_tasks import task

from search import extract
from search.tasks import _limits, local_copy, run_confined

from . import office
from .models import OfficePreview

logger = logging.getLogger(__name__)

OFFICE_EXTENSIONS = set(office.RENDERERS)


def has_preview(version):
    return version is not None and version.extension in OFFICE_EXTENSIONS


def request_preview(version):
    """Schedule the preview of a new version's file after the upload commits."""
    if has_preview(version):
        name, extension = version.file.name, version.extension
        transaction.on_commit(lambda: make_office_preview.enqueue(name, extension))


def preview_for(version):
    """The ``OfficePreview`` of ``version``, or None while it is being made. One query;
    a file uploaded before previews existed gets its (idempotent) task asked for here."""
    if not has_preview(version):
        return None
    preview = OfficePreview.objects.filter(file_name=version.file.name).first()
    if preview is None:
        request_preview(version)
    return preview


def make_now(file_name, extension):
    """Make the preview of ``file_name`` unless it exists; idempotent."""
    existing = OfficePreview.objects.filter(file_name=file_name).first()
    if existing is not None:
        return existing
    data, error = _render(file_name, extension)
    if error:
        logger.warning("documents: no preview of %s (.%s): %s", file_name, extension, error)
    preview, _ = OfficePreview.objects.update_or_create(
        file_name=file_name,
        defaults={"ok": error is None, "data": data or {}, "error": (error or "")[:300]},
    )
    return preview


def _render(file_name, extension):
    limits = _limits()
    try:
        with local_copy(file_name, limits["max_bytes"]) as path:
            if path is None:
                return None, "file too large to preview"
            extract.check_zip(path)
            output, error = run_confined(office.__file__, [path, extension], limits)
    except FileNotFoundError:
        return None, "the stored file is missing"
    except extract.Refused as refused:
        return None, str(refused)
    if error:
        return None, error
    try:
        return json.loads(output), None
    except ValueError:
        return None, "the renderer's output was not readable"


@task()
def make_office_preview(file_name, extension):
    make_now(file_name, extension)
