"""What the documents app puts into the site search: one row per version of each
live document (the latest is what a search finds by default)."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet

from alliance_hub.hooks import SearchEntry
from workspaces.selectors import organisation_ids_of

from . import files
from .models import Document, Version


class DocumentSource:
    kind = "document"
    label = "Documents"

    def all_ids(self) -> QuerySet[Any, int]:
        return Document.objects.order_by("pk").values_list("pk", flat=True)

    def entries(self, ids: list[int]) -> list[SearchEntry]:
        documents = list(
            Document.objects.alive()
            .filter(pk__in=ids)
            .select_related("workspace", "group")
            .prefetch_related(
                "tags", Prefetch("versions", queryset=Version.objects.order_by("number"))
            )
        )
        organisations = organisation_ids_of((d.workspace_id, d.created_by_id) for d in documents)
        return [
            _entry(version, organisations.get((document.workspace_id, document.created_by_id)))
            for document in documents
            for version in document.versions.all()
        ]


def _entry(version: Version, organisation_id: int | None) -> SearchEntry:
    document = version.document
    current = version.number == document.version_count
    tags = " ".join(tag.name for tag in document.tags.all())
    return {
        "key": f"document:{document.pk}:v{version.number}",
        "object_id": document.pk,
        "workspace": document.workspace,
        "group": document.group,
        "title": document.title,
        "tags": f"{tags} {version.original_name}",
        "body": document.description,
        "file_name": version.file.name or "",
        "file_ext": files.extension(version.original_name),
        "version": version.number,
        "is_current": current,
        "state": version.get_state_display(),
        "author_id": document.created_by_id,
        "organisation_id": organisation_id,
        "date": document.updated_at if current else version.uploaded_at,
        "url": document.get_absolute_url() if current else version.get_absolute_url(),
    }
