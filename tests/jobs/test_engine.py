"""The job engine with the real database worker: retries with backoff, the failed
state and a manager's retry, idempotence, a queue that cannot be reached, and the
recovery of jobs whose worker died."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from jobs import runner
from jobs.models import Job
from jobs.services import job_start
from tests.jobs.helpers import UnreachableQueue, fresh, work, worker_db
from workspaces.models import Notification

CALLS = []


def flaky(job, progress):
    """Fails ``params["failures"]`` times with a connection error, then succeeds."""
    CALLS.append(job.pk)
    progress(50)
    if len(CALLS) <= job.params.get("failures", 0):
        raise ConnectionError("SMTP server went away")
    if job.params.get("invalid"):
        raise ValidationError("The mailbox is not a mailbox.")
    return runner.Outcome(summary="All went well.", notify=True)


@pytest.fixture(autouse=True)
def flaky_kind(monkeypatch, settings):
    from alliance_hub import hooks

    CALLS.clear()
    settings.JOB_RETRY_BASE_SECONDS = 30
    with hooks.registered(hooks.JOB_KIND, hooks.JobKind("flaky", "Flaky work", flaky)):
        yield


def _start(world, django_capture_on_commit_callbacks, **params):
    with django_capture_on_commit_callbacks(execute=True):
        return job_start(actor=world.lead, kind="flaky", container=world.workspace, params=params)


def _the_clock_moves_past_the_retry_time():
    past = timezone.now() - timedelta(seconds=1)
    Job.objects.update(run_after=past)
    DBTaskResult.objects.filter(status="READY").update(run_after=past)


@worker_db
def test_a_transient_error_is_retried_with_backoff_then_succeeds(
    world, db_queue, django_capture_on_commit_callbacks
):
    job = _start(world, django_capture_on_commit_callbacks, failures=2)

    work()
    first_try = fresh(job)
    assert (first_try.status, first_try.attempts) == (Job.Status.QUEUED, 1)
    assert "SMTP server went away" in first_try.error
    wait = (first_try.run_after - timezone.now()).total_seconds()
    assert 25 < wait <= 30
    work()  # not due yet: nothing runs
    assert len(CALLS) == 1

    _the_clock_moves_past_the_retry_time()
    work()
    second_try = fresh(job)
    assert (second_try.status, second_try.attempts) == (Job.Status.QUEUED, 2)
    assert 55 < (second_try.run_after - timezone.now()).total_seconds() <= 60  # doubled

    _the_clock_moves_past_the_retry_time()
    work()
    done = fresh(job)
    assert (done.status, done.attempts, done.progress) == (Job.Status.DONE, 3, 100)
    assert done.summary == "All went well." and done.error == ""
    assert len(CALLS) == 3


@worker_db
def test_a_job_that_keeps_failing_ends_failed_and_a_manager_retries_it(
    world, db_queue, client_for, django_capture_on_commit_callbacks
):
    job = _start(world, django_capture_on_commit_callbacks, failures=2)
    Job.objects.filter(pk=job.pk).update(max_attempts=2)
    work()
    _the_clock_moves_past_the_retry_time()
    work()

    failed = fresh(job)
    assert (failed.status, failed.attempts) == (Job.Status.FAILED, 2)
    assert "Gave up after 2 attempts" in failed.error
    assert Notification.objects.filter(recipient=world.lead, text__contains="failed").exists()
    page = client_for(world.community_manager).get(reverse("jobs:job_list", args=[world.workspace]))
    assert b"Failed" in page.content and b"Retry" in page.content

    retry_url = reverse("jobs:job_retry", args=[world.workspace, job.pk])
    assert client_for(world.member).post(retry_url).status_code == 403
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(world.community_manager).post(retry_url)
    assert response.status_code == 302
    assert (fresh(job).status, fresh(job).attempts) == (Job.Status.QUEUED, 0)
    work()

    assert fresh(job).status == Job.Status.DONE
    assert len(CALLS) == 3


@worker_db
def test_bad_input_fails_at_once_with_its_message(
    world, db_queue, django_capture_on_commit_callbacks
):
    job = _start(world, django_capture_on_commit_callbacks, invalid=True)

    work()

    failed = fresh(job)
    assert (failed.status, failed.attempts) == (Job.Status.FAILED, 1)
    assert failed.error == "The mailbox is not a mailbox."


def test_only_a_failed_job_can_be_retried(world, client_for, django_capture_on_commit_callbacks):
    job = _start(world, django_capture_on_commit_callbacks)  # runs at once, succeeds
    client = client_for(world.lead)

    response = client.post(reverse("jobs:job_retry", args=[world.workspace, job.pk]), follow=True)

    assert b"Only a failed job can be retried." in response.content
    assert fresh(job).status == Job.Status.DONE and len(CALLS) == 1


@worker_db
def test_a_job_delivered_twice_runs_once(world, db_queue, django_capture_on_commit_callbacks):
    job = _start(world, django_capture_on_commit_callbacks)
    runner.run_job.enqueue(job.pk)  # a duplicate delivery

    work()
    runner.execute(job.pk)  # and once more, by hand

    assert len(CALLS) == 1
    assert fresh(job).status == Job.Status.DONE
    assert Notification.objects.filter(recipient=world.lead, text__contains="ready").count() == 1
    outcomes = set(DBTaskResult.objects.values_list("return_value", flat=True))
    assert outcomes == {"done", "not due"}


def test_an_unreachable_queue_leaves_the_job_queued_until_it_is_back(
    world, settings, client_for, django_capture_on_commit_callbacks
):
    settings.TASKS = {"default": {"BACKEND": f"{UnreachableQueue.__module__}.UnreachableQueue"}}
    job = _start(world, django_capture_on_commit_callbacks)

    queued = fresh(job)
    assert (queued.status, queued.enqueued_at) == (Job.Status.QUEUED, None)
    page = client_for(world.lead).get(queued.get_absolute_url())
    assert page.status_code == 200 and b"Queued" in page.content
    assert b"The task queue is not reachable right now; nothing is lost" in page.content

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    assert runner.recover() == (0, 1)
    assert fresh(job).status == Job.Status.DONE


@worker_db
def test_a_job_whose_worker_died_is_queued_again_and_finishes(world, settings, db_queue):
    job = job_start(actor=world.lead, kind="flaky", container=world.workspace)
    settings.JOB_STALE_SECONDS = 300
    an_hour_ago = timezone.now() - timedelta(hours=1)
    Job.objects.filter(pk=job.pk).update(
        status=Job.Status.RUNNING, attempts=1, started_at=an_hour_ago, heartbeat_at=an_hour_ago
    )
    alive = job_start(actor=world.lead, kind="flaky", container=world.workspace)
    Job.objects.filter(pk=alive.pk).update(
        status=Job.Status.RUNNING, attempts=1, heartbeat_at=timezone.now()
    )

    assert runner.recover()[0] == 1
    recovered = fresh(job)
    assert recovered.status == Job.Status.QUEUED
    assert "The worker stopped during attempt 1" in recovered.error
    work()

    assert (fresh(job).status, fresh(job).attempts) == (Job.Status.DONE, 2)
    assert fresh(alive).status == Job.Status.RUNNING  # its worker is alive: left alone


def test_a_worker_that_lost_its_job_cannot_finish_it(world):
    job = job_start(actor=world.lead, kind="flaky", container=world.workspace)
    Job.objects.filter(pk=job.pk).update(status=Job.Status.RUNNING, attempts=1)
    stale = fresh(job)
    Job.objects.filter(pk=job.pk).update(attempts=2)  # recovered and claimed elsewhere

    with pytest.raises(runner.JobLost):
        runner.Progress(stale)(40)
    assert runner._finish(stale, runner.Outcome()) == "lost"
    assert fresh(job).status == Job.Status.RUNNING
