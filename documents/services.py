"""Every write about folders, documents and versions.

Each service takes keyword arguments and an ``actor``, checks the actor's rights on
the container again (views, the demo and commands all call these), runs in one
transaction and records activity. User-facing rule violations raise
``ValidationError`` with a message meant for the person; missing rights raise
``PermissionDenied``.

Files: an upload is hashed and checked before anything is stored; it is stored
inside the transaction, and deleted again if anything after that fails, so a
failed upload leaves neither a version nor a file. (A rollback by an *outer*
transaction after the service returned cannot be seen here; ``manage.py
documents_sweep`` deletes such unreferenced files.)
"""

from contextlib import contextmanager
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils import timezone

from alliance_hub.hooks import search_changed
from workspaces.access import require_action
from workspaces.activity import notify, record_activity, unwatch, watch, watcher_ids
from workspaces.launch import unpin_target
from workspaces.models import Notification
from workspaces.roles import Action

from . import files, office_previews, policies
from .models import Document, DocumentTag, Download, Folder, Version

MAX_TAGS = 12


class DuplicateUpload(ValidationError):
    """The file is identical to the latest version; nothing was stored."""


def _same_container(obj, container):
    return obj.workspace_id == container.workspace.pk and obj.group_id == (
        container.pk if container.is_group else None
    )


def _check_folder(folder, container):
    if folder is not None and not _same_container(folder, container):
        raise ValidationError("Choose a folder of this workspace or group.")


@contextmanager
def _cleanup_on_failure():
    """Yields a list for names of stored files; deletes them if the block fails."""
    stored = []
    try:
        yield stored
    except BaseException:
        files.delete_quietly(stored)
        raise


def _check_upload(facts, name):
    if facts.size == 0:
        raise ValidationError(f"{name} is empty; nothing was uploaded.")
    if facts.size > settings.MAX_UPLOAD_SIZE:
        raise ValidationError(
            f"{name} is {filesizeformat(facts.size)}; the limit is "
            f"{filesizeformat(settings.MAX_UPLOAD_SIZE)} per file."
        )


# Folders ------------------------------------------------------------------------------


@transaction.atomic
def folder_create(*, actor, container, name, parent=None):
    """Create a folder (contributors). Raises PermissionDenied, ValidationError."""
    require_action(actor, container, Action.CONTRIBUTE)
    _check_folder(parent, container)
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
def folder_rename(*, actor, folder, name):
    """Rename a folder (contributors). Raises PermissionDenied, ValidationError."""
    require_action(actor, folder.container, Action.CONTRIBUTE)
    name = name.strip()
    if not name:
        raise ValidationError("Give the folder a name.")
    folder.name = name[:200]
    folder.save(update_fields=["name", "name_key"])
    return folder


@transaction.atomic
def folder_delete(*, actor, folder):
    """Delete an empty folder (contributors). Documents in the trash that were in
    it go back to the top level if restored. Raises PermissionDenied, ValidationError."""
    require_action(actor, folder.container, Action.CONTRIBUTE)
    if folder.children.exists() or folder.documents.alive().exists():
        raise ValidationError(f"{folder} is not empty; move or delete what is in it first.")
    folder.delete()


# Documents and versions ---------------------------------------------------------------


def _new_version(*, actor, document, facts, stored_name, original_name, change_note, **extra):
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


def _set_tags(document, tags):
    tags = list(dict.fromkeys(tags))[:MAX_TAGS]
    document.tags.exclude(name__in=tags).delete()
    existing = set(document.tags.values_list("name", flat=True))
    DocumentTag.objects.bulk_create(
        DocumentTag(document=document, name=tag) for tag in tags if tag not in existing
    )


@transaction.atomic
def documents_upload(*, actor, container, uploads, folder=None, description="", tags=()):
    """Create one document per uploaded file (contributors), all or none.

    Each file becomes version 1 of a new document titled after its name. Raises
    PermissionDenied, ValidationError (empty or too large: nothing is stored).
    """
    require_action(actor, container, Action.CONTRIBUTE)
    _check_folder(folder, container)
    if not uploads:
        raise ValidationError("Choose at least one file.")
    checked = []
    for upload in uploads:
        name = files.clean_filename(upload.name)
        facts = files.examine(upload, name)
        _check_upload(facts, name)
        checked.append((upload, name, facts))
    documents = []
    with _cleanup_on_failure() as stored:
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


def _locked_document(document):
    """The document's row, locked until the transaction ends: version numbers are
    assigned one uploader at a time."""
    locked = Document.objects.select_for_update().filter(pk=document.pk).first()
    if locked is not None:
        # Same container objects as the caller's (no outer join: PostgreSQL cannot
        # lock the nullable side of one).
        locked.workspace, locked.group = document.workspace, document.group
    return locked


def _check_writable(document, actor):
    if document is None or document.is_trashed:
        raise ValidationError("This document is in the trash.")
    if document.locked_against(actor):
        until = timezone.localtime(document.locked_until).strftime("%H:%M")
        raise ValidationError(
            f"{document.locked_by} is editing this document (locked until {until}); "
            "a new version can be added once the lock is released."
        )


@transaction.atomic
def version_upload(*, actor, document, upload, change_note="", release_lock=False):
    """Add ``upload`` as the next version of ``document`` (contributors).

    Atomic; the document row is locked so that simultaneous uploads get
    consecutive numbers. Watchers and everyone who downloaded an older version are
    notified. Raises PermissionDenied, ValidationError (locked, in the trash,
    too large) and DuplicateUpload (same SHA-256 as the latest version).
    """
    require_action(actor, document.container, Action.CONTRIBUTE)
    name = files.clean_filename(upload.name)
    facts = files.examine(upload, name)
    _check_upload(facts, name)
    document = _locked_document(document)
    _check_writable(document, actor)
    latest = document.latest_version
    if latest is not None and latest.sha256 == facts.sha256:
        raise DuplicateUpload(
            f"{name} is identical to the latest version ({latest.number}); nothing new was stored."
        )
    with _cleanup_on_failure() as stored:
        same_file = document.versions.filter(sha256=facts.sha256).first()
        stored_name = same_file.file.name if same_file else files.store(upload)
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
            _clear_lock(document)
        _announce(actor, document, version, f"added version {version.number} of")
        watch(user=actor, target=document, container=document.container)
    search_changed("document", document.pk)
    return version


def _announce(actor, document, version, verb):
    container = document.container
    record_activity(actor=actor, verb=verb, target=document, container=container)
    downloaders = Download.objects.filter(document=document).values_list("user_id", flat=True)
    notify(
        recipients=watcher_ids(document) | set(downloaders),
        kind=Notification.Kind.NEW_VERSION,
        actor=actor,
        text=f"{actor} {verb} {document} (version {version.number})",
        target=document,
        container=container,
    )


@transaction.atomic
def version_restore(*, actor, document, number):
    """Make version ``number`` the newest by adding a copy of it (contributors).

    History is kept: the old version stays and the new one shares its stored file.
    Raises PermissionDenied, ValidationError (no such version, locked, trash,
    already the latest)."""
    require_action(actor, document.container, Action.CONTRIBUTE)
    document = _locked_document(document)
    _check_writable(document, actor)
    old = document.versions.filter(number=number).first()
    if old is None:
        raise ValidationError("There is no such version.")
    if old.sha256 == document.latest_version.sha256:
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
        stored_name=old.file.name,
        original_name=old.original_name,
        change_note=f"Restored version {number}",
        restored_from=number,
    )
    _announce(actor, document, version, f"restored version {number} of")
    search_changed("document", document.pk)
    return version


@transaction.atomic
def document_update(*, actor, document, title, description, tags):
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
def document_move(*, actor, document, folder):
    """Move a document to ``folder`` (None: the top level) of its container (contributors)."""
    container = document.container
    require_action(actor, container, Action.CONTRIBUTE)
    _check_folder(folder, container)
    if document.is_trashed:
        raise ValidationError("This document is in the trash.")
    document.folder = folder
    document.save(update_fields=["folder"])
    record_activity(actor=actor, verb="moved", target=document, container=container)
    search_changed("document", document.pk)
    return document


# Locks --------------------------------------------------------------------------------


def _clear_lock(document):
    document.locked_by = None
    document.locked_until = None
    document.save(update_fields=["locked_by", "locked_until"])


@transaction.atomic
def document_lock(*, actor, document):
    """Mark the document as being edited by ``actor`` for DOCUMENT_LOCK_MINUTES
    (contributors; the holder may extend it). Raises ValidationError if someone
    else holds it."""
    require_action(actor, document.container, Action.CONTRIBUTE)
    document = _locked_document(document)
    if document is None or document.is_trashed:
        raise ValidationError("This document is in the trash.")
    if document.locked_against(actor):
        raise ValidationError(f"{document.locked_by} is already editing this document.")
    document.locked_by = actor
    document.locked_until = timezone.now() + timedelta(minutes=settings.DOCUMENT_LOCK_MINUTES)
    document.save(update_fields=["locked_by", "locked_until"])
    return document


@transaction.atomic
def document_unlock(*, actor, document):
    """Release the lock: its holder, or a moderator (lead, community manager).
    Raises PermissionDenied for anyone else while the lock is active."""
    access = require_action(actor, document.container, Action.CONTRIBUTE)
    if not policies.may_release_lock(actor, access, document):
        raise PermissionDenied(
            f"Only {document.locked_by}, a lead or a community manager can release this lock."
        )
    _clear_lock(document)
    return document


# Trash --------------------------------------------------------------------------------


@transaction.atomic
def document_trash(*, actor, document):
    """Move a document to the trash (contributors). Raises ValidationError if it is
    locked by someone else."""
    require_action(actor, document.container, Action.CONTRIBUTE)
    document = _locked_document(document)
    _check_writable(document, actor)
    document.deleted_at = timezone.now()
    document.deleted_by = actor
    document.locked_by = None
    document.locked_until = None
    document.save(update_fields=["deleted_at", "deleted_by", "locked_by", "locked_until"])
    unpin_target(document)
    record_activity(
        actor=actor, verb="moved to the trash", target=document, container=document.container
    )
    search_changed("document", document.pk)
    return document


@transaction.atomic
def document_untrash(*, actor, document):
    """Bring a document back from the trash (moderators: leads, community managers)."""
    require_action(actor, document.container, Action.MODERATE)
    if not document.is_trashed:
        raise ValidationError("This document is not in the trash.")
    document.deleted_at = None
    document.deleted_by = None
    document.save(update_fields=["deleted_at", "deleted_by"])
    record_activity(
        actor=actor, verb="restored from the trash", target=document, container=document.container
    )
    search_changed("document", document.pk)
    return document


@transaction.atomic
def document_purge(*, actor, document):
    """Delete a trashed document for good, with its versions and files (moderators).

    The files are deleted after the transaction commits."""
    container = document.container
    require_action(actor, container, Action.MODERATE)
    if not document.is_trashed:
        raise ValidationError("Only documents in the trash can be deleted for good.")
    record_activity(
        actor=actor,
        verb="deleted for good",
        target=document,
        container=container,
        url=reverse("documents:trash_list", args=[container]),
    )
    _delete_for_good(document)


def _delete_for_good(document):
    names = set(document.versions.values_list("file", flat=True))
    for user_id in watcher_ids(document):
        unwatch(user=user_id, target=document)
    document_id = document.pk
    document.delete()
    search_changed("document", document_id)
    transaction.on_commit(lambda: files.delete_quietly(names))


def trash_purge_expired(*, now=None):
    """Delete for good the documents in the trash for more than TRASH_RETENTION_DAYS
    (the periodic purge; no actor). Each in its own transaction. Returns how many."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.TRASH_RETENTION_DAYS)
    purged = 0
    for document in Document.objects.filter(deleted_at__lte=cutoff):
        with transaction.atomic():
            _delete_for_good(document)
        purged += 1
    return purged


def locks_release_expired(*, now=None):
    """Clear the "being edited" marks whose time is up (they no longer hold anyone
    back; this keeps the rows tidy). Returns how many."""
    return Document.objects.filter(locked_until__lte=now or timezone.now()).update(
        locked_by=None, locked_until=None
    )


# Downloads and watching ---------------------------------------------------------------


def download_record(*, user, version):
    """Record that ``user`` downloaded ``version`` (the caller checked view access)."""
    return Download.objects.create(document_id=version.document_id, version=version, user=user)


def document_watch(*, actor, document):
    """Watch a document: be notified of its new versions (anyone who may view it)."""
    require_action(actor, document.container, Action.VIEW)
    watch(user=actor, target=document, container=document.container)


def document_unwatch(*, actor, document):
    require_action(actor, document.container, Action.VIEW)
    unwatch(user=actor, target=document)
