"""Bounded work per request: multipart bodies are refused before they are read unless a
signed-in person posts to an upload view, and temporary upload files never outlive
their request, even when the client goes away mid-upload."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart
from django.urls import reverse

from documents.models import Document

BIG = 3 * 1024 * 1024  # above FILE_UPLOAD_MAX_MEMORY_SIZE: Django would spool it to disk


@pytest.fixture
def upload_tmp(settings, tmp_path):
    folder = tmp_path / "uploads"
    folder.mkdir()
    settings.FILE_UPLOAD_TEMP_DIR = str(folder)
    return folder


def _multipart(**fields):
    return encode_multipart(BOUNDARY, fields)


def test_anonymous_multipart_post_to_the_login_page_is_refused_before_reading(db, client):
    body = _multipart(username="a@example.org", file=SimpleUploadedFile("x.bin", b"x" * BIG))
    response = client.generic(
        "POST", reverse("account_login"), body, content_type=MULTIPART_CONTENT
    )
    assert response.status_code == 413


def test_a_small_multipart_login_form_still_reaches_the_page(db, client):
    body = _multipart(login="a@example.org", password="nope")
    response = client.generic(
        "POST", reverse("account_login"), body, content_type=MULTIPART_CONTENT
    )
    assert response.status_code == 200  # the page read the form: it was small enough


def test_a_signed_in_post_with_a_file_to_a_page_without_uploads_is_refused(world, client_for):
    body = _multipart(text="Hello", file=SimpleUploadedFile("x.bin", b"x" * BIG))
    response = client_for(world.member).generic(
        "POST",
        reverse("microblog:post_create", args=[world.workspace]),
        body,
        content_type=MULTIPART_CONTENT,
    )
    assert response.status_code == 413


def test_anonymous_upload_to_an_upload_address_is_refused(world, client, upload_tmp):
    body = _multipart(files=SimpleUploadedFile("big.bin", b"x" * BIG))
    response = client.generic(
        "POST",
        reverse("documents:document_upload", args=[world.workspace]),
        body,
        content_type=MULTIPART_CONTENT,
    )
    assert response.status_code == 413
    assert list(upload_tmp.iterdir()) == []


def test_a_member_uploads_a_large_file_and_no_temporary_file_is_left(world, client_for, upload_tmp):
    response = client_for(world.member).post(
        reverse("documents:document_upload", args=[world.workspace]),
        {"files": SimpleUploadedFile("big.bin", b"x" * BIG)},
    )
    assert response.status_code == 302
    assert Document.objects.count() == 1
    assert list(upload_tmp.iterdir()) == []


class DisconnectingInput:
    """A request body whose client goes away after ``keep`` bytes."""

    def __init__(self, data, keep):
        self.data, self.keep, self.offset = data, keep, 0

    def read(self, size=-1):
        if self.offset >= self.keep:
            raise OSError("Connection reset by peer")
        size = self.keep - self.offset if size is None or size < 0 else size
        chunk = self.data[self.offset : min(self.offset + size, self.keep)]
        self.offset += len(chunk)
        return chunk

    def readline(self, size=-1):
        return self.read(size)


def test_an_upload_abandoned_midway_is_a_400_and_leaves_no_temporary_file(
    world, client_for, upload_tmp
):
    client = client_for(world.member)
    body = _multipart(files=SimpleUploadedFile("big.bin", b"x" * BIG))
    response = client.request(
        REQUEST_METHOD="POST",
        PATH_INFO=reverse("documents:document_upload", args=[world.workspace]),
        CONTENT_TYPE=MULTIPART_CONTENT,
        CONTENT_LENGTH=str(len(body)),
        **{"wsgi.input": DisconnectingInput(body, keep=len(body) // 2)},
    )
    assert response.status_code == 400
    assert list(upload_tmp.iterdir()) == []
    assert not Document.objects.exists()
