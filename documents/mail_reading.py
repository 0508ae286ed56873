"""Reading mailboxes (.mbox) and messages (.eml) for the import from e-mail: their
attachments, decoded within a size budget, with guards against hostile structure
(too many parts, too deep nesting). Writes nothing."""

import contextlib
import functools
import hashlib
import mailbox
import re
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from email import policy
from email.header import decode_header, make_header
from email.parser import BytesParser
from email.utils import parsedate_to_datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat

from . import files

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


# The parser and walk() recurse once per nested part: 2,000 nested multiparts cost
# seconds and end in RecursionError. Parts are counted on the raw lines first.
MAX_PARTS = 500  # Content-Type headers in one message
MAX_CONTAINERS = 40  # multipart/* and message/* parts in one message (bounds the nesting)
CONTENT_TYPE_RE = re.compile(rb"^content-type:[ \t]*(\S*)", re.IGNORECASE)
CONTAINER_TYPE_RE = re.compile(rb"^(multipart|message)/", re.IGNORECASE)


def _too_complex(name):
    return ValidationError(
        f"{name} contains a message with more than {MAX_PARTS} parts, or more than "
        f"{MAX_CONTAINERS} nested or grouped parts, which cannot be read safely. "
        "Nothing was imported."
    )


def _check_structure(binary, name):
    """Count the parts a message declares before the parser sees it; raise if too many."""
    parts = containers = 0
    pending_type = False  # a Content-Type header whose value is on a folded line
    for line in binary:
        match = CONTENT_TYPE_RE.match(line)
        value = match.group(1) if match else (line.strip() if pending_type else None)
        pending_type = bool(match) and not match.group(1)
        if match:
            parts += 1
        if value and CONTAINER_TYPE_RE.match(value):
            containers += 1
        if parts > MAX_PARTS or containers > MAX_CONTAINERS:
            raise _too_complex(name)


def _parse(binary, name="The file"):
    binary.seek(0)
    _check_structure(binary, name)
    binary.seek(0)
    try:
        return BytesParser(policy=policy.default).parse(binary)
    except RecursionError:
        raise _too_complex(name) from None


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
            factory = functools.partial(_parse, name=name)
            yield from mailbox.mbox(copy.name, factory=factory, create=False).itervalues()
        except (mailbox.Error, OSError, ValueError) as error:
            raise ValidationError(f"{name} could not be read as a mailbox: {error}") from error


def _read_eml(name, source):
    message = _parse(source, name)
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


class Budget:
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
