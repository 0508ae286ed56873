"""The job engine: claim, run, retry with backoff, fail, recover from dead workers.

A job row (jobs.models.Job) holds the truth; the task queue only carries
``run_job(job_id)``. Every state change is one conditional UPDATE that names the
state it expects (and, while running, the attempt number: the claim's token), so
two deliveries of one job, or a worker that wakes up after its job was handed to
another, can never both finish it.

Errors: PERMANENT ones (bad input, lost access, a vanished object) fail the job
at once with their message; anything else (a dropped connection, a storage or
SMTP hiccup) is retried after ``backoff(attempt)`` up to ``max_attempts`` times,
then the job is failed and a manager may retry it by hand. A worker killed mid-job
leaves the row "running" with an old heartbeat; ``recover()`` (run every minute by
``manage.py run_periodic``) queues it again.
"""

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django_tasks import task

from alliance_hub import hooks
from workspaces.models import Notification
from workspaces.notifications import deliver, notification_fields

from .files import delete_result
from .models import Job

logger = logging.getLogger(__name__)
HEARTBEAT_EVERY = timedelta(seconds=5)


class PermanentJobError(Exception):
    """Retrying cannot help; the message is for the person who asked."""


class JobLost(Exception):
    """This worker no longer owns the job (it was recovered and handed to another)."""


PERMANENT = (PermanentJobError, ValidationError, PermissionDenied, ObjectDoesNotExist)


@dataclass
class Outcome:
    """What a finished job leaves: a line for the person, maybe a file in storage."""

    summary: str = ""
    result_file: str = ""
    expires_at: datetime | None = None
    notify: bool = False  # tell the requester it is ready (with a link to the job)


def backoff(attempt):
    """The wait before retry number ``attempt`` (1, 2, ...): doubling, capped."""
    base = settings.JOB_RETRY_BASE_SECONDS
    return timedelta(seconds=min(base * 2 ** (attempt - 1), settings.JOB_RETRY_MAX_SECONDS))


def stale_after():
    return timedelta(seconds=settings.JOB_STALE_SECONDS)


# Handing jobs to the queue -------------------------------------------------------------


def enqueue(job):
    """Hand ``job`` to the task queue. If the queue is unreachable (Redis down), the job
    stays queued, the person sees "queued", and ``recover()`` hands it over later."""
    runner = run_job
    if job.run_after > timezone.now():
        if not runner.get_backend().supports_defer:
            return False  # recover() hands it over once it is due
        runner = runner.using(run_after=job.run_after)
    # Marked before, not after: a backend that runs the job at once may queue it again.
    handed_over = timezone.now()
    Job.objects.filter(pk=job.pk).update(enqueued_at=handed_over)
    try:
        runner.enqueue(job.pk)
    except Exception:  # any backend's connection error: the job waits, nothing is lost
        logger.warning("Could not enqueue job %s; it stays queued", job.pk, exc_info=True)
        Job.objects.filter(pk=job.pk, enqueued_at=handed_over).update(enqueued_at=None)
        return False
    return True


def enqueue_on_commit(job):
    transaction.on_commit(lambda: enqueue(job))


# Running -------------------------------------------------------------------------------


@task()
def run_job(job_id):
    return execute(job_id)


def execute(job_id):
    """Run job ``job_id`` if it is queued and due; returns what happened, in a word."""
    job = _claim(job_id)
    if job is None:
        return "not due"  # finished, running elsewhere, or waiting for its retry time
    kind = hooks.get_hooks_by(hooks.JOB_KIND, "name").get(job.kind)
    try:
        if kind is None:
            raise PermanentJobError(f"Unknown kind of job: {job.kind}.")
        outcome = kind.run(job, Progress(job)) or Outcome()
    except JobLost:
        return "lost"
    except PERMANENT as error:
        return _fail(job, _message(error))
    except Exception as error:
        logger.warning("Job %s attempt %s failed", job.pk, job.attempts, exc_info=True)
        return _retry_later(job, error)
    return _finish(job, outcome)


def _claim(job_id):
    now = timezone.now()
    claimed = Job.objects.filter(pk=job_id, status=Job.Status.QUEUED, run_after__lte=now).update(
        status=Job.Status.RUNNING,
        attempts=F("attempts") + 1,
        started_at=now,
        heartbeat_at=now,
        progress=0,
    )
    if not claimed:
        return None
    return Job.objects.select_related("workspace", "group", "requested_by").get(pk=job_id)


def _owned(job):
    """The job's row, if this run still owns it (running, same attempt)."""
    return Job.objects.filter(pk=job.pk, status=Job.Status.RUNNING, attempts=job.attempts)


class Progress:
    """``progress(percent)``: shown in the browser; also the heartbeat that tells
    ``recover()`` the worker is alive. Raises JobLost if the job was taken away."""

    def __init__(self, job):
        self.job = job
        self.percent = 0
        self.written_at = timezone.now()

    def __call__(self, percent):
        percent = max(0, min(99, int(percent)))
        now = timezone.now()
        if percent == self.percent and now - self.written_at < HEARTBEAT_EVERY:
            return
        if not _owned(self.job).update(progress=percent, heartbeat_at=now):
            raise JobLost(self.job.pk)
        self.percent, self.written_at = percent, now


def _message(error):
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error) or type(error).__name__


def _finish(job, outcome):
    now = timezone.now()
    with transaction.atomic():
        finished = _owned(job).update(
            status=Job.Status.DONE,
            progress=100,
            finished_at=now,
            heartbeat_at=now,
            error="",
            summary=outcome.summary[:300],
            result_file=outcome.result_file,
            expires_at=outcome.expires_at,
        )
        if finished and outcome.notify:
            _tell_requester(job, f"{job} is ready.")
    if not finished:
        delete_result(outcome.result_file)  # another run owns the job now
        return "lost"
    return "done"


def _fail(job, message):
    with transaction.atomic():
        failed = _owned(job).update(
            status=Job.Status.FAILED, finished_at=timezone.now(), error=message[:2000]
        )
        if failed:
            _tell_requester(job, f"{job} failed: {message}")
    return "failed"


def _retry_later(job, error):
    if job.attempts >= job.max_attempts:
        return _fail(job, f"Gave up after {job.attempts} attempts. Last error: {_message(error)}")
    run_after = timezone.now() + backoff(job.attempts)
    retrying = _owned(
        job
    ).update(
        status=Job.Status.QUEUED,
        run_after=run_after,
        heartbeat_at=None,
        enqueued_at=None,  # until enqueue() hands it over again
        error=f"Attempt {job.attempts} failed ({_message(error)}); trying again soon."[:2000],
    )
    if retrying:
        job.run_after = run_after
        enqueue(job)
    return "retrying"


def _tell_requester(job, text):
    if job.requested_by_id:
        # deliver() skips anyone who may no longer view the container.
        fields = notification_fields(
            kind=Notification.Kind.OTHER, actor=None, text=text, target=job
        )
        deliver([job.requested_by_id], fields, job.container)


# Manual retry and recovery -------------------------------------------------------------


def requeue_failed(job):
    """Queue a failed job again from scratch (the caller checked who may)."""
    requeued = Job.objects.filter(pk=job.pk, status=Job.Status.FAILED).update(
        status=Job.Status.QUEUED,
        attempts=0,
        progress=0,
        error="",
        run_after=timezone.now(),
        finished_at=None,
        enqueued_at=None,
    )
    if requeued:
        job.refresh_from_db()
        enqueue_on_commit(job)
    return bool(requeued)


def recover(now=None):
    """Queue again the jobs whose worker died (running, no heartbeat for
    JOB_STALE_SECONDS) and hand over again the due jobs whose delivery was lost.
    Safe to run anywhere, any number of times. Returns (recovered, handed_over)."""
    now = now or timezone.now()
    stale_before = now - stale_after()
    recovered = sum(
        _recover_one(job, now, stale_before)
        for job in Job.objects.filter(status=Job.Status.RUNNING, heartbeat_at__lt=stale_before)
    )
    lost = Job.objects.filter(status=Job.Status.QUEUED, run_after__lte=now).filter(
        Q(enqueued_at__isnull=True) | Q(enqueued_at__lt=stale_before, run_after__lt=stale_before)
    )
    handed_over = sum(enqueue(job) for job in lost)
    return recovered, handed_over


def _recover_one(job, now, stale_before):
    dead = Job.objects.filter(
        pk=job.pk, status=Job.Status.RUNNING, attempts=job.attempts, heartbeat_at__lt=stale_before
    )
    note = f"The worker stopped during attempt {job.attempts}"
    if job.attempts >= job.max_attempts:
        dead.update(status=Job.Status.FAILED, finished_at=now, error=f"{note}; giving up.")
        return 0
    if not dead.update(
        status=Job.Status.QUEUED,
        run_after=now,
        heartbeat_at=None,
        enqueued_at=None,
        error=f"{note}; retrying.",
    ):
        return 0
    job.status, job.run_after = Job.Status.QUEUED, now
    enqueue(job)
    return 1
