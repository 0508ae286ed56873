"""Exports as jobs: only a complete, verified ZIP is ever offered; storage faults give
a clear message; the file expires; the download checks access again."""

import io
import zipfile
from datetime import timedelta

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import timezone

from jobs import periodic
from jobs.models import Job
from tests.documents.helpers import make_document
from tests.jobs.helpers import DownStorage, TruncatingStorage, fresh, use_storage
from workspaces import services
from workspaces.export import export_run, export_start
from workspaces.models import Notification
from workspaces.roles import Role


@pytest.fixture
def export(client_for, django_capture_on_commit_callbacks):
    """``export(user, container)``: ask for the export as ``user``; returns the job."""

    def ask(user, container):
        with django_capture_on_commit_callbacks(execute=True):
            response = client_for(user).post(reverse("workspaces:export", args=[container]))
        assert response.status_code == 302
        return Job.objects.latest("pk")

    return ask


def _download(client, job):
    return client.get(reverse("jobs:job_download", args=[job.container, job.pk]))


def _stored(job):
    directory = f"jobs/{job.pk}"
    return default_storage.listdir(directory)[1] if default_storage.exists(directory) else []


def test_the_requester_is_notified_with_a_link_and_downloads_a_whole_zip(world, export, client_for):
    make_document(world.workspace, world.member, "plan.txt", b"the plan")
    job = fresh(export(world.community_manager, world.workspace))

    assert job.status == Job.Status.DONE and job.offers_file
    assert job.expires_at > timezone.now() + timedelta(days=6)
    note = Notification.objects.get(recipient=world.community_manager)
    assert note.target_url == job.get_absolute_url() and "ready" in note.text
    client = client_for(world.community_manager)
    page = client.get(job.get_absolute_url())
    assert reverse("jobs:job_download", args=[world.workspace, job.pk]).encode() in page.content
    response = _download(client, job)
    body = b"".join(response.streaming_content)
    assert response.status_code == 200
    assert int(response["Content-Length"]) == len(body) == default_storage.size(job.result_file)
    assert "attachment" in response["Content-Disposition"]
    archive = zipfile.ZipFile(io.BytesIO(body))
    assert archive.testzip() is None
    assert archive.read("documents/plan/v1-plan.txt") == b"the plan"


def test_a_truncated_write_is_never_offered(world, export, settings, client_for):
    use_storage(settings, TruncatingStorage)

    job = fresh(export(world.lead, world.workspace))

    assert job.status == Job.Status.QUEUED  # waiting for its retry
    assert job.attempts == 1 and "not a zip file" in job.error.lower()
    assert job.result_file == "" and _stored(job) == []
    assert _download(client_for(world.lead), job).status_code == 404


def test_storage_down_while_exporting_leaves_a_clear_error_and_no_file(
    world, export, settings, client_for
):
    use_storage(settings, DownStorage)

    job = fresh(export(world.lead, world.workspace))

    assert job.status == Job.Status.QUEUED and job.result_file == ""
    assert "storage endpoint unreachable" in job.error
    page = client_for(world.lead).get(job.get_absolute_url())
    assert b"storage endpoint unreachable" in page.content


def test_storage_down_while_downloading_says_so(world, export, settings, client_for):
    job = export(world.lead, world.workspace)
    use_storage(settings, DownStorage)

    response = _download(client_for(world.lead), job)

    assert response.status_code == 503
    assert b"File storage is not answering right now" in response.content


def test_a_job_still_running_offers_nothing(world, client_for):
    job = export_start(actor=world.lead, container=world.workspace)  # not committed: queued
    assert _download(client_for(world.lead), job).status_code == 404
    page = client_for(world.lead).get(job.get_absolute_url())
    assert b"Queued" in page.content and b'hx-trigger="every 1s"' in page.content


def test_the_progress_fragment_answers_htmx_alone(world, client_for):
    job = export_start(actor=world.lead, container=world.workspace)
    Job.objects.filter(pk=job.pk).update(status=Job.Status.RUNNING, progress=40)

    fragment = client_for(world.lead).get(job.get_absolute_url(), HTTP_HX_REQUEST="true")

    assert b"40 % done" in fragment.content and b"<html" not in fragment.content


def test_an_expired_export_is_gone(world, export, client_for):
    job = export(world.lead, world.workspace)
    name = fresh(job).result_file
    Job.objects.filter(pk=job.pk).update(expires_at=timezone.now() - timedelta(minutes=1))

    assert _download(client_for(world.lead), job).status_code == 404
    assert periodic.purge_expired_job_files.call("2026-01-01T00:00:00+00:00") == 1
    assert not default_storage.exists(name) and fresh(job).result_file == ""


def test_a_demoted_manager_can_no_longer_download_their_export(world, export, client_for):
    job = export(world.community_manager, world.workspace)
    membership = world.workspace.memberships.get(user=world.community_manager)
    services.member_change_role(actor=world.lead, membership=membership, role=Role.MEMBER)

    assert _download(client_for(world.community_manager), job).status_code == 404
    assert _download(client_for(world.lead), job).status_code == 200


def test_exporting_twice_for_one_job_leaves_one_file(world, export):
    job = fresh(export(world.lead, world.workspace))

    again = export_run(job, lambda percent: None)  # the job's code, run again

    assert _stored(job) == [again.result_file.rsplit("/", 1)[-1]]
    assert zipfile.ZipFile(default_storage.open(again.result_file)).testzip() is None
