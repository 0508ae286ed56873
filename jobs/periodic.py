"""Periodic work, enqueued exactly once per period however many schedulers run.

The one mechanism: ``manage.py run_periodic`` (every minute, from cron or with
``--loop`` next to each worker) walks the ``periodic`` hook's entries
(``alliance_hub.hooks.Periodic(name, every, task)``). For each, it computes
the start of the current period (time floored to a multiple of ``every``) and
claims ``(name, period_start)`` by inserting a PeriodicRun row: the unique key
lets exactly one scheduler win; the winner enqueues ``task(period_start)`` in the
same transaction, so a queue that cannot be reached gives the claim back and the
next tick tries again.
"""

import logging
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django_tasks import task

from alliance_hub import hooks

from . import runner
from .files import clear_job_files, delete_result
from .models import Job, PeriodicRun

logger = logging.getLogger(__name__)
KEEP_CLAIMS = timedelta(days=30)


def period_start(now, every):
    seconds = every.total_seconds()
    stamp = now.timestamp()
    return datetime.fromtimestamp(stamp - stamp % seconds, tz=UTC)


def claim_and_enqueue(entry, now):
    """Enqueue ``entry`` for the current period unless someone already did. True if we did."""
    start = period_start(now, entry.every)
    try:
        with transaction.atomic():
            PeriodicRun.objects.create(name=entry.name, period_start=start)
            entry.task.enqueue(start.isoformat())
    except IntegrityError:
        return False  # another scheduler claimed this period
    except Exception:  # the queue is unreachable: the claim was rolled back
        logger.warning("Could not enqueue %s; the next tick tries again", entry.name, exc_info=True)
        return False
    return True


def run_due(now=None):
    """Claim and enqueue every periodic entry due now; returns the names enqueued."""
    now = now or timezone.now()
    return [
        entry.name for entry in hooks.get_hooks(hooks.PERIODIC) if claim_and_enqueue(entry, now)
    ]


# The jobs app's own periodic work ----------------------------------------------------


@task()
def recover_jobs(period_start):
    recovered, handed_over = runner.recover()
    return {"recovered": recovered, "handed_over": handed_over}


PURGE_EVERY = timedelta(hours=1)


@task()
def purge_expired_job_files(period_start):
    """Delete the files of jobs past their expiry (an export after EXPORT_RETENTION_DAYS),
    whatever else jobs finished that long ago keep (a failed import's mailboxes: each
    hourly period purges the jobs that finished in one hour), and old periodic claims."""
    expired = Job.objects.filter(expires_at__lte=timezone.now()).exclude(result_file="")
    purged = 0
    for job in expired:
        delete_result(job.result_file)
        purged += Job.objects.filter(pk=job.pk, result_file=job.result_file).update(result_file="")
    until = datetime.fromisoformat(period_start) - timedelta(days=settings.EXPORT_RETENTION_DAYS)
    for job in Job.objects.filter(finished_at__gte=until - PURGE_EVERY, finished_at__lt=until):
        clear_job_files(job)
    PeriodicRun.objects.filter(claimed_at__lt=timezone.now() - KEEP_CLAIMS).delete()
    return purged
