"""Mail import as a job: the request stores the mailbox and answers at once; a storage
fault is a clear message with nothing recorded; running the job twice imports once."""

from datetime import UTC, datetime

from django.core.files.storage import default_storage
from django.urls import reverse

from documents.models import Document
from jobs.models import Job
from tests.documents.mail import mbox, message, upload
from tests.jobs.helpers import DownStorage, fresh, use_storage

WHEN = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


def _post(client, container, *files, capture):
    with capture(execute=True):
        return client.post(
            reverse("documents:mail_import", args=[container]), {"mailboxes": list(files)}
        )


def test_the_import_runs_as_a_job_and_running_it_again_imports_nothing_twice(
    world, client_for, django_capture_on_commit_callbacks
):
    from documents.mail_import import import_run

    box = mbox(
        message(("plan.txt", b"plan A"), when=WHEN), message(("budget.xlsx", b"numbers"), when=WHEN)
    )
    client = client_for(world.member)

    response = _post(
        client, world.workspace, upload("box.mbox", box), capture=django_capture_on_commit_callbacks
    )

    job = fresh(Job.objects.get(kind="mail_import"))
    assert response["Location"] == job.get_absolute_url()
    assert job.status == Job.Status.DONE and job.summary.startswith("2 documents")
    assert not default_storage.exists(job.params["mailboxes"][0][1])  # the input is gone
    page = client.get(job.get_absolute_url()).content.decode()
    assert "2 documents with 2 versions imported" in page

    default_storage.save(job.params["mailboxes"][0][1], upload("box.mbox", box))
    again = import_run(fresh(job), lambda percent: None)

    assert again.summary.startswith("0 documents") and "2 duplicate" in again.summary
    assert Document.objects.count() == 2


def test_storage_down_refuses_the_import_clearly_and_records_nothing(
    world, client_for, settings, django_capture_on_commit_callbacks
):
    use_storage(settings, DownStorage)
    box = mbox(message(("plan.txt", b"plan A"), when=WHEN))

    response = _post(
        client_for(world.member),
        world.workspace,
        upload("box.mbox", box),
        capture=django_capture_on_commit_callbacks,
    )

    assert response.status_code == 400
    assert "File storage is not answering right now, so nothing was imported" in (
        response.content.decode()
    )
    assert not Job.objects.exists() and not Document.objects.exists()


def test_a_member_sees_their_own_import_but_not_anothers(
    world, client_for, django_capture_on_commit_callbacks
):
    box = mbox(message(("plan.txt", b"plan A"), when=WHEN))
    _post(
        client_for(world.member),
        world.workspace,
        upload("box.mbox", box),
        capture=django_capture_on_commit_callbacks,
    )
    job = Job.objects.get()

    assert client_for(world.member).get(job.get_absolute_url()).status_code == 200
    assert client_for(world.non_group_member).get(job.get_absolute_url()).status_code == 404
    assert client_for(world.community_manager).get(job.get_absolute_url()).status_code == 200
    assert (
        client_for(world.member).get(reverse("jobs:job_list", args=[world.workspace])).status_code
        == 403
    )


def test_a_failed_imports_mailbox_is_purged_after_the_retention_time(
    world, client_for, settings, django_capture_on_commit_callbacks
):
    from datetime import timedelta

    from django.utils import timezone

    from jobs.periodic import purge_expired_job_files

    _post(
        client_for(world.member),
        world.workspace,
        upload("junk.eml", b"\x00\xff garbage"),
        capture=django_capture_on_commit_callbacks,
    )
    job = fresh(Job.objects.get())
    stored = job.params["mailboxes"][0][1]
    assert job.status == Job.Status.FAILED and default_storage.exists(stored)  # kept for a retry
    now = timezone.now()
    finished = now - timedelta(days=settings.EXPORT_RETENTION_DAYS, minutes=30)
    Job.objects.filter(pk=job.pk).update(finished_at=finished)

    purge_expired_job_files.call((now - timedelta(hours=2)).isoformat())  # not yet
    assert default_storage.exists(stored)
    purge_expired_job_files.call(now.isoformat())
    assert not default_storage.exists(stored)
