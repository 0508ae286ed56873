"""The jobs part of ``manage.py seed_demo``: North Sea's jobs page shows one finished
export (with its file, and Marco notified) and one mail import still running."""

from datetime import timedelta
from typing import TYPE_CHECKING

from django.utils import timezone

from alliance_hub.hooks import Chapter

from . import runner
from .models import Job

if TYPE_CHECKING:
    from seeding.alliances import Demo


def chapters(demo: "Demo") -> list[Chapter]:
    north = demo.workspaces["north-sea"]
    return [
        Chapter(timedelta(hours=2), lambda demo: _finished_export(demo.users["marco"], north)),
        Chapter(timedelta(minutes=20), lambda demo: _running_import(demo.users["jonas"], north)),
    ]


def _finished_export(marco, north):
    job = Job(kind="export", requested_by=marco)
    job.set_container(north)
    job.save()
    runner.execute(job.pk)  # built here, so the demo has a real, verified ZIP


def _running_import(jonas, north):
    # Shown as running at 40 %. It has no heartbeat, so the recovery of stale jobs
    # (which looks for old heartbeats) leaves it alone: a real run always has one.
    job = Job(
        kind="mail_import",
        requested_by=jonas,
        status=Job.Status.RUNNING,
        progress=40,
        attempts=1,
        started_at=timezone.now(),
        params={"demo": True},
    )
    job.set_container(north)
    job.save()
