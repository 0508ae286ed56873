"""Folder writes: create, rename, delete."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction

from workspaces.access import Container, require_action
from workspaces.roles import Action

from ..models import Folder
from .common import check_folder

if TYPE_CHECKING:
    from profiles.models import User


@transaction.atomic
def folder_create(
    *, actor: User, container: Container, name: str, parent: Folder | None = None
) -> Folder:
    """Create a folder (contributors). Raises PermissionDenied, ValidationError."""
    require_action(actor, container, Action.CONTRIBUTE)
    check_folder(parent, container)
    name = name.strip()
    if not name:
        raise ValidationError("Give the folder a name.")
    folder = Folder(parent=parent, name=name[:200], created_by=actor)
    folder.set_container(container)
    if parent is not None:
        folder.ancestor_path = f"{parent.ancestor_path}{parent.pk}/"
    folder.save()
    return folder


@transaction.atomic
def folder_rename(*, actor: User, folder: Folder, name: str) -> Folder:
    """Rename a folder (contributors). Raises PermissionDenied, ValidationError."""
    require_action(actor, folder.container, Action.CONTRIBUTE)
    name = name.strip()
    if not name:
        raise ValidationError("Give the folder a name.")
    folder.name = name[:200]
    folder.save(update_fields=["name", "name_key"])
    return folder


@transaction.atomic
def folder_delete(*, actor: User, folder: Folder) -> None:
    """Delete an empty folder (contributors). Documents in the trash that were in
    it go back to the top level if restored. Raises PermissionDenied, ValidationError."""
    require_action(actor, folder.container, Action.CONTRIBUTE)
    if folder.children.exists() or folder.documents.alive().exists():
        raise ValidationError(f"{folder} is not empty; move or delete what is in it first.")
    folder.delete()
