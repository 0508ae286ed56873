"""Documents and their versions: upload, new version, restore, details, move."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from alliance_hub.hooks import search_changed
from workspaces.access import require_action
from workspaces.activity import notify, record_activity, watch, watcher_ids
from workspaces.roles import Action

from .. import files, office_previews
from ..models import Document, DocumentTag, Download, Version
from .common import (
    MAX_TAGS,
    NEW_VERSION,
    DuplicateUpload,
    check_folder,
    check_upload,
    cleanup_on_failure,
)
from .locks import check_writable, clear_lock, locked_document

if TYPE_CHECKING:
    from profiles.models import User
    from workspaces.access import Container

    from ..models import Folder


def _new_version(
    *,
    actor: User,
    document: Document,
    facts: files.FileFacts,
    stored_name: str,
    original_name: str,
    change_note: str,
    **extra: Any,
) -> Version:
    """Append the next version (the caller holds the document's row lock)."""
    number = document.version_count + 1
    version = Version.objects.create(
        document=document,
        number=number,
        file=stored_name,
        original_name=original_name,
        content_type=facts.content_type,
        size=facts.size,
        sha256=facts.sha256,
        preview=facts.preview,
        change_note=change_note[:300],
        uploaded_by=actor,
        **extra,
    )
    office_previews.request_preview(version)
    document.version_count = number
    document.latest_version = version
    document.file_type = facts.file_type
    document.size = facts.size
    document.updated_at = version.uploaded_at
    document.save(
        update_fields=["version_count", "latest_version", "file_type", "size", "updated_at"]
    )
    return version


def _set_tags(document: Document, names: Iterable[str]) -> None:
    tags = list(dict.fromkeys(names))[:MAX_TAGS]
    document.tags.exclude(name__in=tags).delete()
    existing = set(document.tags.values_list("name", flat=True))
    DocumentTag.objects.bulk_create(
        DocumentTag(document=document, name=tag) for tag in tags if tag not in existing
    )


@transaction.atomic
def documents_upload(
    *,
    actor: User,
    container: Container,
    uploads: Sequence[UploadedFile],
    folder: Folder | None = None,
    description: str = "",
    tags: Iterable[str] = (),
) -> list[Document]:
    """Create one document per uploaded file (contributors), all or none.

    Each file becomes version 1 of a new document titled after its name. Raises
    PermissionDenied, ValidationError (empty or too large: nothing is stored).
    """
    require_action(actor, container, Action.CONTRIBUTE)
    check_folder(folder, container)
    if not uploads:
        raise ValidationError("Choose at least one file.")
    checked = []
    for upload in uploads:
        name = files.clean_filename(upload.name)
        facts = files.examine(upload, name)
        check_upload(facts, name)
        checked.append((upload, name, facts))
    documents = []
    with cleanup_on_failure() as stored:
        for upload, name, facts in checked:
            stored.append(files.store(upload))
            document = Document(
                folder=folder,
                title=files.title_from_filename(name),
                description=description,
                created_by=actor,
            )
            document.set_container(container)
            document.save()
            _set_tags(document, tags)
            _new_version(
                actor=actor,
                document=document,
                facts=facts,
                stored_name=stored[-1],
                original_name=name,
                change_note="First version",
            )
            record_activity(actor=actor, verb="uploaded", target=document, container=container)
            watch(user=actor, target=document, container=container)
            documents.append(document)
    search_changed("document", [document.pk for document in documents])
    return documents


@transaction.atomic
def version_upload(
    *,
    actor: User,
    document: Document,
    upload: UploadedFile,
    change_note: str = "",
    release_lock: bool = False,
) -> Version:
    """Add ``upload`` as the next version of ``document`` (contributors).

    Atomic; the document row is locked so that simultaneous uploads get
    consecutive numbers. Watchers and everyone who downloaded an older version are
    notified. Raises PermissionDenied, ValidationError (locked, in the trash,
    too large) and DuplicateUpload (same SHA-256 as the latest version).
    """
    require_action(actor, document.container, Action.CONTRIBUTE)
    name = files.clean_filename(upload.name)
    facts = files.examine(upload, name)
    check_upload(facts, name)
    document = check_writable(locked_document(document), actor)
    latest = document.latest_version
    if latest is not None and latest.sha256 == facts.sha256:
        raise DuplicateUpload(
            f"{name} is identical to the latest version ({latest.number}); nothing new was stored."
        )
    with cleanup_on_failure() as stored:
        same_file = document.versions.filter(sha256=facts.sha256).first()
        stored_name = str(same_file.file) if same_file else files.store(upload)
        if not same_file:
            stored.append(stored_name)
        version = _new_version(
            actor=actor,
            document=document,
            facts=facts,
            stored_name=stored_name,
            original_name=name,
            change_note=change_note,
        )
        if release_lock and document.locked_by_id == actor.pk:
            clear_lock(document)
        _announce(actor, document, version, f"added version {version.number} of")
        watch(user=actor, target=document, container=document.container)
    search_changed("document", document.pk)
    return version


def _announce(actor: User, document: Document, version: Version, verb: str) -> None:
    container = document.container
    record_activity(actor=actor, verb=verb, target=document, container=container)
    downloaders = Download.objects.filter(document=document).values_list("user_id", flat=True)
    notify(
        recipients=watcher_ids(document) | set(downloaders),
        kind=NEW_VERSION,
        actor=actor,
        text=f"{actor} {verb} {document} (version {version.number})",
        target=document,
        container=container,
    )


@transaction.atomic
def version_restore(*, actor: User, document: Document, number: int) -> Version:
    """Make version ``number`` the newest by adding a copy of it (contributors).

    History is kept: the old version stays and the new one shares its stored file.
    Raises PermissionDenied, ValidationError (no such version, locked, trash,
    already the latest)."""
    require_action(actor, document.container, Action.CONTRIBUTE)
    document = check_writable(locked_document(document), actor)
    old = document.versions.filter(number=number).first()
    if old is None:
        raise ValidationError("There is no such version.")
    latest = document.latest_version
    if latest is not None and old.sha256 == latest.sha256:
        raise ValidationError(f"Version {number} is the same file as the latest version.")
    facts = files.FileFacts(
        sha256=old.sha256,
        size=old.size,
        content_type=old.content_type,
        preview=old.preview,
        file_type=files.extension(old.original_name) or document.file_type,
    )
    version = _new_version(
        actor=actor,
        document=document,
        facts=facts,
        stored_name=str(old.file),
        original_name=old.original_name,
        change_note=f"Restored version {number}",
        restored_from=number,
    )
    _announce(actor, document, version, f"restored version {number} of")
    search_changed("document", document.pk)
    return version


@transaction.atomic
def document_update(
    *, actor: User, document: Document, title: str, description: str, tags: Iterable[str]
) -> Document:
    """Rename a document and edit its description and tags (contributors)."""
    require_action(actor, document.container, Action.CONTRIBUTE)
    if document.is_trashed:
        raise ValidationError("This document is in the trash.")
    renamed = title.strip() != document.title
    document.title = title.strip()[:200]
    document.description = description
    document.save(update_fields=["title", "name_key", "description"])
    _set_tags(document, tags)
    verb = "renamed" if renamed else "edited the details of"
    record_activity(actor=actor, verb=verb, target=document, container=document.container)
    search_changed("document", document.pk)
    return document


@transaction.atomic
def document_move(*, actor: User, document: Document, folder: Folder | None) -> Document:
    """Move a document to ``folder`` (None: the top level) of its container (contributors)."""
    container = document.container
    require_action(actor, container, Action.CONTRIBUTE)
    check_folder(folder, container)
    if document.is_trashed:
        raise ValidationError("This document is in the trash.")
    document.folder = folder
    document.save(update_fields=["folder"])
    record_activity(actor=actor, verb="moved", target=document, container=container)
    search_changed("document", document.pk)
    return document
