"""A worker process killed (SIGKILL) in the middle of an export: the job is queued
again by the recovery, finished by another worker, and one whole ZIP is offered."""

import io
import os
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from django.core.files.storage import default_storage
from django.db import connection
from django.urls import reverse

from jobs import runner
from jobs.models import Job
from tests.jobs.helpers import DB_QUEUE, fresh, work, worker_db
from workspaces import export
from workspaces.models import Notification

SCRIPT = Path(__file__).with_name("hanging_worker.py")


def _database_url():
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    return f"postgres://{db['USER']}{password}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}"


def _wait_for(path, process, seconds=60):
    deadline = time.monotonic() + seconds
    while not path.exists():
        assert process.poll() is None, "the worker process ended early"
        assert time.monotonic() < deadline, "the worker never started the job"
        time.sleep(0.1)


@worker_db
def test_a_killed_workers_job_is_retried_and_its_file_offered_once(
    world, settings, tmp_path, client_for
):
    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        pytest.skip("set SQLITE_TEST_NAME to a file so a worker process can share the test DB")
    settings.TASKS = DB_QUEUE
    job = export.export_start(actor=world.lead, container=world.workspace)  # enqueued on commit
    flag = tmp_path / "hanging"
    env = {
        **os.environ,
        "DATABASE_URL": _database_url(),
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "TASKS_BACKEND": DB_QUEUE["default"]["BACKEND"],
        "HANG_FLAG": str(flag),
    }
    worker = subprocess.Popen([sys.executable, str(SCRIPT)], env=env)  # noqa: S603
    try:
        _wait_for(flag, worker)
        assert (fresh(job).status, fresh(job).attempts) == (Job.Status.RUNNING, 1)
    finally:
        worker.kill()
        worker.wait()

    settings.JOB_STALE_SECONDS = 0  # its heartbeat stopped: the worker is gone
    assert runner.recover() == (1, 0)
    work()

    done = fresh(job)
    assert (done.status, done.attempts) == (Job.Status.DONE, 2)
    assert default_storage.listdir(f"jobs/{job.pk}")[1] == [done.result_file.rsplit("/", 1)[-1]]
    assert Notification.objects.filter(recipient=world.lead, text__contains="ready").count() == 1
    response = client_for(world.lead).get(
        reverse("jobs:job_download", args=[world.workspace, job.pk])
    )
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    assert response.status_code == 200 and archive.testzip() is None
    assert "first.txt" not in archive.namelist()  # written by the killed attempt only
