"""Mail import reads at most MAX_PARTS parts and MAX_CONTAINERS nested or grouped
parts per message, counted before parsing: a crafted mailbox is a form message."""

import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from documents import mail_reading
from documents.models import Document
from jobs.models import Job
from tests.documents.mail import import_via_job

FROM_LINE = b"From anna@example.org Mon Mar  2 10:00:00 2026\n"


def nested_multiparts(depth):
    opening = b"".join(
        b'Content-Type: multipart/mixed; boundary="b%d"\n\n--b%d\n' % (i, i) for i in range(depth)
    )
    closing = b"".join(b"--b%d--\n" % i for i in reversed(range(depth)))
    return (
        b"From: anna@example.org\nSubject: Nested\n"
        + opening
        + b'Content-Type: text/plain\nContent-Disposition: attachment; filename="a.txt"\n\nhi\n'
        + closing
    )


def many_parts(count):
    parts = b"".join(
        b'--b\nContent-Type: text/plain\nContent-Disposition: attachment; filename="f%d.txt"'
        b"\n\npart %d\n" % (i, i)
        for i in range(count)
    )
    return (
        b'From: anna@example.org\nSubject: Many\nContent-Type: multipart/mixed; boundary="b"\n\n'
        + parts
        + b"--b--\n"
    )


def _import(client, world, name, data, outcome):
    """The import's job runs as on commit; returns the job's page."""
    upload = SimpleUploadedFile(name, data)
    return import_via_job(client, world.workspace, upload, outcome=outcome)


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("nested.mbox", FROM_LINE + nested_multiparts(2_000)),
        ("nested.eml", nested_multiparts(2_000)),
        ("many.eml", many_parts(mail_reading.MAX_PARTS + 1)),
        ("folded.eml", nested_multiparts(2_000).replace(b"Type: multipart", b"Type:\n multipart")),
    ],
)
def test_a_crafted_mailbox_is_refused_quickly_with_a_message(world, client_for, name, data):
    started = time.monotonic()
    response = _import(client_for(world.member), world, name, data, Job.Status.FAILED)
    assert "cannot be read safely" in response.content.decode()
    assert not Document.objects.exists()
    assert time.monotonic() - started < 2.5


def test_a_message_within_the_limits_is_imported(world, client_for):
    _import(client_for(world.member), world, "ok.eml", nested_multiparts(5), Job.Status.DONE)
    assert Document.objects.count() == 1
