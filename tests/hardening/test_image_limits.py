"""One pixel limit (alliance_hub.images, IMAGE_MAX_PIXELS) for photos, documents,
versions and mail attachments, read from the header before anything is decoded."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from documents.models import Document, Version
from profiles.models import Profile
from tests.documents.helpers import doc_url, make_document
from tests.documents.mail import import_via_job, mbox, message
from tests.profiles.helpers import edit_data, image_bytes, png_declaring

FIFTY_NINE_MP = (7_700, 7_700)
FOUR_HUNDRED_MP = (20_000, 20_000)
OVER_PILLOWS_OWN_LIMIT = (50_000, 50_000)


@pytest.mark.parametrize("size", [FIFTY_NINE_MP, FOUR_HUNDRED_MP, OVER_PILLOWS_OWN_LIMIT])
def test_a_photo_declaring_too_many_pixels_is_refused_from_its_header(world, client_for, size):
    response = client_for(world.member).post(
        reverse("profiles:profile_edit_me"),
        edit_data(photo=SimpleUploadedFile("me.png", png_declaring(*size))),
    )
    assert response.status_code == 400
    assert "declares too many pixels" in response.content.decode()
    assert not Profile.objects.filter(user=world.member).exclude(photo_version="").exists()


def test_a_camera_sized_photo_is_accepted(world, client_for):
    response = client_for(world.member).post(
        reverse("profiles:profile_edit_me"),
        edit_data(photo=SimpleUploadedFile("me.jpg", image_bytes(size=(4000, 3000)))),
    )
    assert response.status_code == 302


@pytest.mark.parametrize("size", [FOUR_HUNDRED_MP, OVER_PILLOWS_OWN_LIMIT])
def test_a_document_declaring_too_many_pixels_is_a_form_error(world, client_for, size):
    response = client_for(world.member).post(
        reverse("documents:document_upload", args=[world.workspace]),
        {"files": SimpleUploadedFile("plan.png", png_declaring(*size))},
    )
    assert response.status_code == 400
    assert "declares too many pixels" in response.content.decode()
    assert not Document.objects.exists()


def test_a_new_version_declaring_too_many_pixels_is_a_form_error(world, client_for):
    document = make_document(world.workspace, world.lead, "plan.png", image_bytes("PNG"))
    response = client_for(world.member).post(
        doc_url("version_upload", document),
        {"file": SimpleUploadedFile("plan.png", png_declaring(*FOUR_HUNDRED_MP))},
    )
    assert response.status_code == 409  # as every refusal of the versions service
    assert "declares too many pixels" in response.content.decode()
    assert Version.objects.filter(document=document).count() == 1


def test_a_mail_attachment_declaring_too_many_pixels_is_a_form_error(world, client_for):
    from datetime import UTC, datetime

    box = mbox(message(("plan.png", png_declaring(*FOUR_HUNDRED_MP)), when=datetime.now(UTC)))
    upload = SimpleUploadedFile("box.mbox", box)
    response = import_via_job(client_for(world.member), world.workspace, upload, outcome="failed")
    assert "declares too many pixels" in response.content.decode()
    assert not Document.objects.exists()
