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

import contextlib
import hashlib
import mailbox
import tempfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email import policy
from email.header import decode_header, make_header
from email.parser import BytesParser
from email.utils import parsedate_to_datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.template.defaultfilters import filesizeformat

from workspaces.access import require_action
from workspaces.roles import Action

from . import files, services
from .models import Document, Folder, Version

READ_CHUNK = 1024 * 1024
SPOOL_IN_MEMORY = 1024 * 1024  # larger attachments wait for the import on disk
# Base64 turns 3 bytes into 4 characters (plus line breaks): a safe upper bound of
# an attachment's decoded size, known before decoding it.
BASE64_RATIO = 3 / 4


def max_total_size():
    """The cap on one import: the mailboxes, and the attachments decoded from them."""
    return getattr(settings, "MAIL_IMPORT_MAX_TOTAL", 4 * settings.MAX_UPLOAD_SIZE)


@dataclass
class Attachment:
    name: str
    file: object  # a spooled temporary file: large attachments go to disk
    sha256: str
    sent_at: datetime | None
    subject: str
    order: int


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


# Reading ------------------------------------------------------------------------------


def _parse(binary):
    return BytesParser(policy=policy.default).parse(binary)


def _read_mbox(name, source):
    """Messages of an mbox file (copied to a temporary file: mailbox needs a path)."""
    with tempfile.NamedTemporaryFile(suffix=".mbox") as copy:
        first = True
        for chunk in _chunks(source):
            if first and not chunk.startswith(b"From "):
                raise ValidationError(
                    f"{name} is not a valid mailbox (.mbox): it does not start with a "
                    "“From ” line. Nothing was imported."
                )
            first = False
            copy.write(chunk)
        copy.flush()
        if first:
            raise ValidationError(f"{name} is empty. Nothing was imported.")
        try:
            # One message at a time: a large mailbox is never whole in memory.
            yield from mailbox.mbox(copy.name, factory=_parse, create=False).itervalues()
        except (mailbox.Error, OSError, ValueError) as error:
            raise ValidationError(f"{name} could not be read as a mailbox: {error}") from error


def _read_eml(name, source):
    source.seek(0)
    message = _parse(source)
    if not message.keys():
        raise ValidationError(f"{name} is not an e-mail message (.eml). Nothing was imported.")
    return [message]


def _chunks(source):
    source.seek(0)
    while chunk := source.read(READ_CHUNK):
        yield chunk


def read_messages(name, source):
    """The e-mail messages in the uploaded file ``source`` called ``name``: an mbox if
    the name ends in .mbox (or the content starts with "From "), else one message."""
    source.seek(0)
    head = source.read(5)
    if name.lower().endswith(".mbox") or (head == b"From " and not name.lower().endswith(".eml")):
        return _read_mbox(name, source)
    return _read_eml(name, source)


def decoded_filename(part):
    """The attachment's file name, decoded (RFC 2231 by the parser; RFC 2047 encoded
    words that some mailers put in parameters, here) and made safe."""
    try:
        raw = part.get_filename()
    except (ValueError, LookupError):  # a broken or unknown charset
        raw = None
    if raw and "=?" in raw:
        with contextlib.suppress(ValueError, LookupError, UnicodeDecodeError):
            raw = str(make_header(decode_header(raw)))
    return files.clean_filename(raw) if raw else ""


def _sent_at(message):
    try:
        moment = parsedate_to_datetime(str(message["date"]))
    except (TypeError, ValueError, IndexError):
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment


class _Budget:
    """The running total of decoded bytes, against the import's cap."""

    def __init__(self):
        self.used = 0
        self.cap = max_total_size()

    def check_before_decoding(self, part, label):
        """Refuse an attachment whose encoded form alone is too large to fit."""
        encoded = part.get_payload()
        if isinstance(encoded, str):
            encoding = str(part.get("content-transfer-encoding", "")).strip().lower()
            ratio = BASE64_RATIO if encoding == "base64" else 1
            length = len(encoded.replace("\n", "").replace("\r", ""))
            self.check(max(0, int(length * ratio) - 2), label)  # base64 pads up to 2 bytes

    def check(self, size, label):
        """Raise if ``size`` more bytes would pass a limit (without spending them)."""
        self._limit(size, label, self.used + size)

    def spend(self, size, label):
        self._limit(size, label, self.used + size)
        self.used += size

    def _limit(self, size, label, total):
        if size > settings.MAX_UPLOAD_SIZE:
            raise ValidationError(
                f"The attachment {label} is larger than {filesizeformat(settings.MAX_UPLOAD_SIZE)}"
                " (the limit per file). Nothing was imported."
            )
        if total > self.cap:
            raise ValidationError(
                f"The attachments add up to more than {filesizeformat(self.cap)} (the limit "
                "of one import). Import fewer messages at a time. Nothing was imported."
            )


def _attachment_parts(message):
    for part in message.walk():
        if part.is_multipart():
            continue
        name = decoded_filename(part)
        if name or part.get_content_disposition() == "attachment":
            yield part, name or "attachment"


def attachments_of(messages, budget, into, order):
    """Decode the attachments of ``messages`` into the list ``into``, checking each size
    before decoding; ``order`` counts messages across files. Returns the next order."""
    for message in messages:
        sent_at = _sent_at(message)
        subject = " ".join(str(message["subject"] or "").split())
        for part, name in _attachment_parts(message):
            budget.check_before_decoding(part, name)
            data = part.get_payload(decode=True) or b""
            budget.spend(len(data), name)
            if data:
                spooled = tempfile.SpooledTemporaryFile(max_size=SPOOL_IN_MEMORY)  # noqa: SIM115
                spooled.write(data)
                digest = hashlib.sha256(data).hexdigest()
                into.append(Attachment(name, spooled, digest, sent_at, subject, order))
        order += 1
    return order


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
    budget = _Budget()
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
    from jobs.services import job_start

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


def import_run(job, progress):
    """The import job, with the requester's rights (checked again by import_mail).
    The stored mailboxes are deleted once imported."""
    from jobs.runner import Outcome

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
