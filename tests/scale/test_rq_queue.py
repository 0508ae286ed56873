"""The scale-out queue: jobs on RQ in a real Redis. While Redis is down a job waits as
"queued" (nothing lost, the person sees it); when Redis is back, the recovery that
run_periodic schedules hands it over and an RQ worker runs it, once."""

import django_rq
import pytest
from django.urls import reverse
from django_tasks_rq import Job as RQJob
from rq import SimpleWorker

from jobs.models import Job
from jobs.runner import recover
from tests.documents.helpers import make_document
from tests.scale import servers


def use_rq(settings, port):
    settings.RQ_QUEUES = {"default": {"URL": f"redis://127.0.0.1:{port}/1"}}
    settings.TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}


def work():
    """An RQ worker, in this process (so it sees the test's data), until the queue is empty."""
    queue = django_rq.get_queue("default", job_class=RQJob)
    SimpleWorker([queue], connection=queue.connection, job_class=RQJob).work(burst=True)


@pytest.fixture
def redis_server(settings):
    with servers.running(servers.redis()) as server:
        use_rq(settings, server.port)
        yield server


def _export(client, container, capture):
    with capture(execute=True):
        response = client.post(reverse("workspaces:export", args=[container]))
    assert response.status_code == 302
    return Job.objects.latest("pk")


def test_export_runs_on_an_rq_worker(
    world, client_for, redis_server, django_capture_on_commit_callbacks
):
    make_document(world.workspace, world.member, "plan.txt", b"the plan")
    job = _export(client_for(world.lead), world.workspace, django_capture_on_commit_callbacks)
    assert job.status == Job.Status.QUEUED and job.enqueued_at is not None
    work()
    job.refresh_from_db()
    assert (job.status, job.attempts) == (Job.Status.DONE, 1)


def test_while_redis_is_down_the_job_waits_queued_and_runs_once_when_it_is_back(
    world, client_for, redis_server, django_capture_on_commit_callbacks
):
    port = redis_server.port
    redis_server.stop()
    client = client_for(world.lead)
    job = _export(client, world.workspace, django_capture_on_commit_callbacks)
    assert job.status == Job.Status.QUEUED and job.enqueued_at is None
    assert b"Queued" in client.get(job.get_absolute_url()).content

    with servers.running(servers.redis(port)):
        assert recover() == (0, 1)  # handed over to the queue
        assert recover() == (0, 0)  # once
        work()
        job.refresh_from_db()
        assert (job.status, job.attempts) == (Job.Status.DONE, 1)
        assert b"Download" in client.get(job.get_absolute_url()).content
