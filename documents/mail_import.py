"""Import from e-mail: the attachments of a mailbox (.mbox) or of messages (.eml)
become documents; attachments with the same file name become versions of one
document, oldest message first. Files identical (SHA-256) to one already imported,
or already in the container, are skipped.

All or nothing: every mailbox is read and every attachment checked (size, total
size, name) before anything is written; then one transaction creates the
documents through the documents services. A failure there deletes the files stored
so far and rolls everything back.

From the page, an import is a job (``import_start`` stores the uploaded files and
queues it; ``import_run`` runs it). Running it twice imports nothing twice: the
attachments already in the container are skipped as duplicates.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.template.defaultfilters import filesizeformat

from jobs.models import Job
from jobs.runner import Outcome
from jobs.services import job_start
from workspaces.access import require_action
from workspaces.roles import Action

from . import files, services
from .mail_reading import Budget, attachments_of, read_messages
from .models import Document, Folder, Version


@dataclass
class ImportResult:
    documents: list = field(default_factory=list)
    versions: int = 0
    duplicates: list = field(default_factory=list)  # names of skipped attachments
    stored: list = field(default_factory=list)  # stored file names, for a cleanup

    @property
    def summary(self):
        text = f"{len(self.documents)} documents with {self.versions} versions imported"
        if self.duplicates:
            text += f"; {len(self.duplicates)} duplicate attachments skipped"
        return text + "."


# Writing ------------------------------------------------------------------------------


def _chronological(attachment):
    """Oldest message first; undated ones first, in the order of the files."""
    return (attachment.sent_at or datetime.min.replace(tzinfo=UTC), attachment.order)


def _by_file_name(attachments):
    """{name key: [attachments oldest first]}."""
    ordered = sorted(attachments, key=_chronological)
    groups = {}
    for attachment in ordered:
        groups.setdefault(attachment.name.casefold(), []).append(attachment)
    return groups


def _skip_duplicates(container, attachments, result):
    existing = set(
        Version.objects.filter(
            document__in=Document.objects.in_container(container).alive().values("pk"),
            sha256__in={a.sha256 for a in attachments},
        ).values_list("sha256", flat=True)
    )
    kept = []
    for attachment in sorted(attachments, key=_chronological):  # keep the first copy
        if attachment.sha256 in existing:
            result.duplicates.append(attachment.name)
        else:
            existing.add(attachment.sha256)
            kept.append(attachment)
    return kept


def _note(attachment):
    when = f"{attachment.sent_at:%Y-%m-%d %H:%M}" if attachment.sent_at else "an undated e-mail"
    return f"From e-mail of {when}: {attachment.subject}"[:300]


def _upload(attachment):
    attachment.file.seek(0)
    return File(attachment.file, name=attachment.name)


def _write(actor, container, folder, groups, result):
    for versions in groups.values():
        first, *later = versions
        (document,) = services.documents_upload(
            actor=actor, container=container, uploads=[_upload(first)], folder=folder
        )
        result.documents.append(document)
        result.stored.append(document.latest_version.file.name)
        result.versions += 1
        for attachment in later:
            version = services.version_upload(
                actor=actor,
                document=document,
                upload=_upload(attachment),
                change_note=_note(attachment),
            )
            result.stored.append(version.file.name)
            result.versions += 1


def import_mail(*, actor, container, mailboxes, folder=None, progress=None):
    """Import the attachments of ``mailboxes`` (a list of ``(name, binary file)``) into
    ``container`` as documents (contributors). Atomic: all or nothing.

    Raises PermissionDenied, ValidationError (unreadable mailbox, no attachments,
    an attachment or the whole too large). Returns an ImportResult. ``progress``
    (optional) hears the share of mailboxes read, as a percentage.
    """
    require_action(actor, container, Action.CONTRIBUTE)
    if not mailboxes:
        raise ValidationError("Choose a mailbox (.mbox) or messages (.eml).")
    attachments = []
    try:
        _read_all(mailboxes, attachments, progress or (lambda percent: None))
        return _import_checked(actor, container, folder, attachments)
    finally:
        for attachment in attachments:
            attachment.file.close()


def _read_all(mailboxes, attachments, progress):
    """Read and check every attachment into ``attachments`` before anything is written."""
    budget = Budget()
    order = 0
    for index, (name, source) in enumerate(mailboxes):
        progress(90 * index / len(mailboxes))
        # Attachments grow by a third in base64, and messages have bodies too.
        if getattr(source, "size", 0) > 2 * budget.cap:
            raise ValidationError(
                f"{name} is larger than {filesizeformat(2 * budget.cap)}. Nothing was imported."
            )
        before = len(attachments)
        order = attachments_of(read_messages(name, source), budget, attachments, order)
        if len(attachments) == before:
            raise ValidationError(f"{name} has no attachments. Nothing was imported.")


def _import_checked(actor, container, folder, attachments):
    result = ImportResult()
    try:
        with transaction.atomic():
            kept = _skip_duplicates(container, attachments, result)
            _write(actor, container, folder, _by_file_name(kept), result)
    except BaseException:
        # The rows were rolled back; the files the services stored must go too.
        files.delete_quietly(result.stored)
        raise
    return result


# As a job --------------------------------------------------------------------------


STORAGE_DOWN = (
    "File storage is not answering right now, so nothing was imported. Try again in a minute."
)


def import_start(*, actor, container, uploads, folder=None):
    """Ask for an import of ``uploads`` (contributors): the files are stored, then a job
    imports them. Atomic: if storage fails, nothing is kept and ValidationError says
    so. Raises PermissionDenied, ValidationError. Returns the job."""
    require_action(actor, container, Action.CONTRIBUTE)
    if not uploads:
        raise ValidationError("Choose a mailbox (.mbox) or messages (.eml).")
    with transaction.atomic():
        job = job_start(
            actor=actor,
            kind="mail_import",
            container=container,
            params={"folder": folder.pk if folder else None},
        )
        job.params["mailboxes"] = _store_inputs(job, uploads)
        job.save(update_fields=["params"])
    return job


def _store_inputs(job, uploads):
    stored = []
    try:
        for upload in uploads:
            name = files.clean_filename(upload.name)
            stored.append([name, default_storage.save(f"jobs/{job.pk}/input/{name}", upload)])
    except Exception as error:  # any storage backend's error: keep nothing
        files.delete_quietly(name for _, name in stored)
        raise ValidationError(STORAGE_DOWN) from error
    return stored


def import_run(job: Job, progress: Callable[[float], Any]) -> Outcome:
    """The import job, with the requester's rights (checked again by import_mail).
    The stored mailboxes are deleted once imported."""
    folder_id = job.params.get("folder")
    folder = Folder.objects.in_container(job.container).filter(pk=folder_id).first()
    inputs = job.params["mailboxes"]
    opened = [(name, default_storage.open(stored, "rb")) for name, stored in inputs]
    try:
        result = import_mail(
            actor=job.requested_by,
            container=job.container,
            mailboxes=opened,
            folder=folder if folder_id else None,
            progress=progress,
        )
    finally:
        for _, source in opened:
            source.close()
    files.delete_quietly(stored for _, stored in inputs)
    return Outcome(summary=result.summary, notify=True)
