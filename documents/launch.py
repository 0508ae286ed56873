"""The documents' part in the launch: a kick-off check, adoption figures and the
export. Registered in contributions.py; fixed query counts."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import TYPE_CHECKING

from django.core.files.storage import default_storage
from django.db.models import QuerySet

from alliance_hub import filestore
from alliance_hub.hooks import Check, ExportEntries, Todo
from alliance_hub.reversing import reverse
from workspaces.access import visible_in
from workspaces.adoption import count_by_member, count_by_week

from . import files
from .models import Document, Folder, Version
from .reviews import reviews_to_do

if TYPE_CHECKING:
    from alliance_hub.types import User
    from workspaces.access import Container
    from workspaces.models import Workspace


def first_documents_check(workspace: Workspace) -> list[Check]:
    uploaded = Document.objects.filter(workspace=workspace, deleted_at__isnull=True).exists()
    return [
        {
            "label": "First documents uploaded",
            "done": uploaded,
            "url": reverse("documents:folder_list", args=[workspace]),
        }
    ]


def _versions(workspace: Workspace, viewer: User) -> QuerySet[Version]:
    """Versions of documents in the workspace and in the groups ``viewer`` may see."""
    return Version.objects.filter(visible_in(viewer, workspace, "document__"))


def uploads_by_member(workspace: Workspace, user_ids: list[int], viewer: User) -> dict[int, int]:
    return count_by_member(_versions(workspace, viewer), "uploaded_by_id", user_ids)


def uploads_by_week(workspace: Workspace, since: date, viewer: User) -> dict[date, int]:
    return count_by_week(_versions(workspace, viewer), "uploaded_at", since)


# Export -------------------------------------------------------------------------------


def _segment(name: str) -> str:
    """A name safe as one path segment inside the ZIP."""
    return files.clean_filename(name).replace("/", "-") or "untitled"


CHUNK_SIZE = filestore.CHUNK_SIZE  # each read from storage


def stored_file_chunks(name: str) -> Iterator[bytes]:
    """The stored file read in chunks, opened only when the ZIP writer gets to it."""
    yield from filestore.open_range(name)


def _folder_paths(container: Container) -> dict[int | None, str]:
    """``{folder id: path}``; a document with no folder (None) is at the top."""
    folders = {f.pk: f for f in Folder.objects.in_container(container)}
    return {
        pk: "/".join(_segment(folders[a].name) for a in [*f.ancestor_ids, pk] if a in folders)
        for pk, f in folders.items()
    }


def export_documents(container: Container) -> ExportEntries:
    """Every live document of ``container`` (only that container) with every version:
    ``documents/<folder path>/<title>/v<N>-<original name>``. Two queries; files are
    streamed from storage."""
    folder_paths = _folder_paths(container)
    versions = (
        Version.objects.filter(
            document__in=Document.objects.in_container(container).alive().values("pk")
        )
        .select_related("document")
        .order_by("document_id", "number")
    )
    places: dict[int, str] = {}
    taken: set[str] = set()
    for version in versions.iterator(chunk_size=500):
        document = version.document
        if document.pk not in places:
            folder = folder_paths.get(document.folder_id, "")
            place = "/".join(p for p in ["documents", folder, _segment(document.title)] if p)
            if place in taken:  # two documents with one title in one folder
                place = f"{place} ({document.pk})"
            taken.add(place)
            places[document.pk] = place
        path = f"{places[document.pk]}/v{version.number}-{_segment(version.original_name)}"
        name = version.file.name
        if name and default_storage.exists(name):
            yield path, stored_file_chunks(name)
        else:  # a lost file must not break the whole archive half-way
            yield f"{path}.missing.txt", b"This file was missing from storage at export time.\n"


def reviews_todo(user: User, workspace: Workspace) -> list[Todo]:
    """Reviews waiting for the user's decision (one query)."""
    return [
        {
            "label": f"Review {row.review.version.document} (version {row.review.version.number})",
            "done": False,
            "url": row.review.version.document.get_absolute_url() + "#review",
            "due": row.review.due_date,
        }
        for row in reviews_to_do(user=user, workspace=workspace)
    ]
