"""Files on S3: uploads, downloads (whole and ranged), photos, previews and exports go
through a real S3-compatible server (moto in server mode); when it stops, an upload
says so and records nothing, and a download is a 503, never a 500."""

import io
import zipfile
from types import SimpleNamespace

import pytest
from django.urls import reverse

from documents.models import Document, Version
from jobs.models import Job
from profiles.models import Profile
from tests.documents.helpers import body, doc_url, make_document, upload_file
from tests.profiles.helpers import edit_data, image_bytes, photo_upload
from tests.scale import servers

UPLOAD_FAILED = "File storage is not answering right now, so nothing was uploaded."


@pytest.fixture(scope="module")
def s3_server():
    with servers.running(servers.moto_s3()) as server:
        yield f"http://127.0.0.1:{server.port}"


@pytest.fixture(scope="module")
def stopped_s3_server():
    """The endpoint of an S3 server that had the bucket, and was then stopped."""
    server = servers.moto_s3()
    endpoint = f"http://127.0.0.1:{server.port}"
    servers.create_bucket(endpoint, "alliance-files")
    server.stop()
    return endpoint


@pytest.fixture
def s3(settings, s3_server, request):
    bucket = f"t{abs(hash(request.node.nodeid)) % 10**12}"
    servers.s3_storages(settings, s3_server, bucket)
    return SimpleNamespace(endpoint=s3_server, bucket=bucket)


@pytest.fixture
def s3_down(settings, stopped_s3_server):
    servers.s3_storages(settings, stopped_s3_server, create=False)


def _upload(client, container, name, content):
    url = reverse("documents:document_upload", args=[container])
    return client.post(url, {"files": [upload_file(name, content)]})


def test_uploaded_document_is_stored_in_the_bucket_and_downloads_whole_and_by_range(
    world, client_for, s3
):
    client = client_for(world.member)
    content = bytes(range(256)) * 1000  # 256 kB: more than one streamed chunk
    assert _upload(client, world.workspace, "data.bin", content).status_code == 302
    version = Version.objects.get()
    assert servers.bucket_keys(s3.endpoint, s3.bucket) == [version.file.name]
    document = version.document
    whole = client_for(world.observer).get(document.get_permalink())
    assert whole.status_code == 200 and body(whole) == content
    assert whole["Content-Length"] == str(len(content))
    part = client.get(document.get_permalink(), HTTP_RANGE="bytes=70000-70009")
    assert part.status_code == 206 and body(part) == content[70000:70010]
    tail = client.get(document.get_permalink(), HTTP_RANGE="bytes=-5")
    assert body(tail) == content[-5:]


def test_outsider_gets_404_for_a_file_on_s3(world, client_for, s3):
    document = make_document(world.workspace, world.lead, "secret.txt", b"secret")
    assert client_for(world.outsider).get(document.get_permalink()).status_code == 404


def test_text_preview_and_empty_range_read_from_s3(world, client_for, s3):
    document = make_document(world.workspace, world.lead, "notes.md", b"# Notes from S3\n")
    response = client_for(world.member).get(document.get_absolute_url())
    assert response.status_code == 200
    assert b"Notes from S3" in response.content


def test_photo_is_stored_on_s3_and_served_to_a_colleague(
    world, client_for, s3, django_capture_on_commit_callbacks
):
    client = client_for(world.member)
    with django_capture_on_commit_callbacks(execute=True):  # the photo task runs
        response = client.post(
            reverse("profiles:profile_edit_me"), edit_data(photo=photo_upload(image_bytes()))
        )
    assert response.status_code == 302
    files = Profile.objects.get(user=world.member).photo_files
    assert sorted(servers.bucket_keys(s3.endpoint, s3.bucket)) == sorted(files.values())
    served = client_for(world.observer).get(
        reverse("profiles:photo", args=[world.member.pk, "small"])
    )
    assert served.status_code == 200
    assert body(served)[:3] == b"\xff\xd8\xff"  # a JPEG


def test_export_job_writes_a_verified_zip_to_s3_and_streams_it_back(
    world, client_for, s3, django_capture_on_commit_callbacks
):
    make_document(world.workspace, world.lead, "plan.txt", b"The plan, on S3.\n")
    client = client_for(world.community_manager)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("workspaces:export", args=[world.workspace]))
    job = Job.objects.get()
    assert job.status == Job.Status.DONE, job.error
    assert job.result_file in servers.bucket_keys(s3.endpoint, s3.bucket)
    response = client.get(reverse("jobs:job_download", args=[world.workspace, job.pk]))
    data = body(response)
    assert response.status_code == 200 and int(response["Content-Length"]) == len(data)
    archive = zipfile.ZipFile(io.BytesIO(data))
    assert archive.testzip() is None
    assert archive.read("documents/plan/v1-plan.txt") == b"The plan, on S3.\n"


def test_upload_while_storage_is_down_says_so_and_records_nothing(world, client_for, s3_down):
    response = _upload(client_for(world.member), world.workspace, "minutes.txt", b"minutes")
    assert response.status_code in (200, 400)
    assert UPLOAD_FAILED in response.content.decode()
    assert not Document.objects.exists() and not Version.objects.exists()


def test_new_version_while_storage_is_down_records_nothing(
    world, client_for, s3, settings, stopped_s3_server
):
    document = make_document(world.workspace, world.lead, "plan.txt", b"v1")
    servers.s3_storages(settings, stopped_s3_server, create=False)
    response = client_for(world.lead).post(
        doc_url("version_upload", document), {"file": upload_file("plan.txt", b"v2")}
    )
    assert UPLOAD_FAILED in response.content.decode()
    assert document.versions.count() == 1


def test_photo_while_storage_is_down_says_so_and_keeps_no_photo(world, client_for, s3_down):
    response = client_for(world.member).post(
        reverse("profiles:profile_edit_me"), edit_data(photo=photo_upload(image_bytes()))
    )
    assert response.status_code == 400
    assert "File storage is not answering right now" in response.content.decode()
    assert Profile.objects.get(user=world.member).photo_files == {}


def test_download_while_storage_is_down_is_a_503_page_not_a_500(
    world, client_for, s3, settings, stopped_s3_server
):
    document = make_document(world.workspace, world.lead, "plan.txt", b"plan")
    servers.s3_storages(settings, stopped_s3_server, create=False)
    response = client_for(world.member).get(document.get_permalink())
    assert response.status_code == 503
    assert b"File storage is not answering" in response.content
