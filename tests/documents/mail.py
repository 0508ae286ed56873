"""Build e-mail messages and mailboxes for the import tests."""

from email.message import EmailMessage
from email.utils import format_datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from django.urls import reverse

from jobs.models import Job


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


def import_via_job(client, container, *files, outcome=Job.Status.DONE):
    """Post the import form; its job runs (as on commit). Returns the job's page, which
    shows the outcome (or the refusal, for ``outcome=403``)."""
    url = reverse("documents:mail_import", args=[container])
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(url, {"mailboxes": list(files)})
    if outcome == 403:
        assert response.status_code == 403
        return response
    assert response.status_code == 302, response.content[:2000]
    job = Job.objects.latest("pk")
    assert response["Location"] == job.get_absolute_url()
    assert Job.objects.get(pk=job.pk).status == outcome
    return client.get(response["Location"])
