"""Storage that does not answer: a clear message, and nothing recorded as uploaded."""

from django.urls import reverse

from documents.models import Document, Version
from tests.documents.helpers import doc_url, make_document, upload_file
from tests.jobs.helpers import DownStorage, use_storage

MESSAGE = "File storage is not answering right now, so nothing was uploaded."


def test_an_upload_while_storage_is_down_is_refused_clearly(world, client_for, settings):
    use_storage(settings, DownStorage)

    response = client_for(world.member).post(
        reverse("documents:document_upload", args=[world.workspace]),
        {"files": [upload_file("minutes.md", b"# Minutes\n")]},
    )

    assert response.status_code == 400
    assert MESSAGE in response.content.decode()
    assert not Document.objects.exists() and not Version.objects.exists()


def test_a_new_version_while_storage_is_down_is_refused_clearly(world, client_for, settings):
    document = make_document(world.workspace, world.member, "plan.txt", b"v1")
    use_storage(settings, DownStorage)

    response = client_for(world.member).post(
        doc_url("version_upload", document), {"file": upload_file("plan.txt", b"v2")}
    )

    assert response.status_code == 409
    assert MESSAGE in response.content.decode()
    assert Version.objects.filter(document=document).count() == 1
