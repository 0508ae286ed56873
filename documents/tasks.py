"""The documents' periodic work (registered in apps.py, scheduled by jobs/periodic.py):
each task takes the start of its period and is safe to run twice."""

from datetime import timedelta

from django_tasks import task

from . import services

LOCKS_EVERY = timedelta(minutes=15)
TRASH_EVERY = timedelta(days=1)


@task()
def release_expired_locks(period_start):
    return services.locks_release_expired()


@task()
def purge_old_trash(period_start):
    return services.trash_purge_expired()
