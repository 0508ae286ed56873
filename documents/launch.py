"""The documents' part in the launch: a kick-off check, adoption figures and the
export. Registered in contributions.py; fixed query counts."""

from datetime import date

from django.core.files.storage import default_storage
from django.urls import reverse

from alliance_hub import filestore
from alliance_hub.hooks import Check, ExportEntries, Todo
from workspaces.access import visible_in
from workspaces.adoption import count_by_member, count_by_week

from . import files
from .models import Document, Folder, Version
from .reviews import reviews_to_do


def first_documents_check(workspace) -> list[Check]:
    uploaded = Document.objects.filter(workspace=workspace, deleted_at__isnull=True).exists()
    return [
        {
            "label": "First documents uploaded",
            "done": uploaded,
            "url": reverse("documents:folder_list", args=[workspace]),
        }
    ]


def _versions(workspace, viewer):
    """Versions of documents in the workspace and in the groups ``viewer`` may see."""
    return Version.objects.filter(visible_in(viewer, workspace, "document__"))


def uploads_by_member(workspace, user_ids, viewer) -> dict[int, int]:
    return count_by_member(_versions(workspace, viewer), "uploaded_by_id", user_ids)


def uploads_by_week(workspace, since, viewer) -> dict[date, int]:
    return count_by_week(_versions(workspace, viewer), "uploaded_at", since)


# Export -------------------------------------------------------------------------------


def _segment(name):
    """A name safe as one path segment inside the ZIP."""
    return files.clean_filename(name).replace("/", "-") or "untitled"


CHUNK_SIZE = filestore.CHUNK_SIZE  # each read from storage


def stored_file_chunks(name):
    """The stored file read in chunks, opened only when the ZIP writer gets to it."""
    yield from filestore.open_range(name)


def _folder_paths(container):
    folders = {f.pk: f for f in Folder.objects.in_container(container)}
    return {
        pk: "/".join(_segment(folders[a].name) for a in [*f.ancestor_ids, pk] if a in folders)
        for pk, f in folders.items()
    }


def export_documents(container) -> ExportEntries:
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
    places = {}
    taken = set()
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
        if default_storage.exists(version.file.name):
            yield path, stored_file_chunks(version.file.name)
        else:  # a lost file must not break the whole archive half-way
            yield f"{path}.missing.txt", b"This file was missing from storage at export time.\n"


def reviews_todo(user, workspace) -> list[Todo]:
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
