"""Build e-mail messages and mailboxes for the import tests."""

from email.message import EmailMessage
from email.utils import format_datetime

from django.core.files.uploadedfile import SimpleUploadedFile


def message(*attachments, when, subject="Report"):
    """An e-mail sent at ``when`` with ``attachments``: (file name, bytes) pairs."""
    msg = EmailMessage()
    msg["From"] = "Anna <anna@example.org>"
    msg["To"] = "team@example.org"
    msg["Subject"] = subject
    msg["Date"] = format_datetime(when)
    msg.set_content("See the attachment.")
    for name, data in attachments:
        msg.add_attachment(data, maintype="application", subtype="octet-stream", filename=name)
    return msg


def eml(msg):
    return msg.as_bytes()


def mbox(*messages):
    """An mbox file: each message after a "From " separator line, ">From" quoted."""
    parts = []
    for msg in messages:
        body = msg.as_bytes().replace(b"\nFrom ", b"\n>From ")
        parts.append(b"From anna@example.org Mon Mar  2 10:00:00 2026\n" + body + b"\n")
    return b"".join(parts)


def upload(name, data):
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")
