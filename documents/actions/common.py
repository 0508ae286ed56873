"""What the documents writes share: upload checks, folder checks, file cleanup."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat

from .. import files

if TYPE_CHECKING:
    from workspaces.access import Container

    from ..files import FileFacts
    from ..models import Folder

MAX_TAGS = 12
NEW_VERSION = "new_version"  # a notification kind (contributions.py)


class DuplicateUpload(ValidationError):
    """The file is identical to the latest version; nothing was stored."""


def check_folder(folder: Folder | None, container: Container) -> None:
    if folder is not None and not folder.is_in(container):
        raise ValidationError("Choose a folder of this workspace or group.")


@contextmanager
def cleanup_on_failure() -> Iterator[list[str]]:
    """Yields a list for names of stored files; deletes them if the block fails."""
    stored: list[str] = []
    try:
        yield stored
    except BaseException:
        files.delete_quietly(stored)
        raise


def check_upload(facts: FileFacts, name: str) -> None:
    if facts.size == 0:
        raise ValidationError(f"{name} is empty; nothing was uploaded.")
    if facts.size > settings.MAX_UPLOAD_SIZE:
        raise ValidationError(
            f"{name} is {filesizeformat(facts.size)}; the limit is "
            f"{filesizeformat(settings.MAX_UPLOAD_SIZE)} per file."
        )
