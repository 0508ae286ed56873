"""Asking for background work, and retrying it. The work itself runs in jobs.runner."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction

from alliance_hub import hooks
from workspaces.access import require_action
from workspaces.roles import Action

from . import runner
from .models import Job

if TYPE_CHECKING:
    from alliance_hub.types import User
    from workspaces.access import Container


@transaction.atomic
def job_start(
    *, actor: User, kind: str, container: Container, params: dict[str, Any] | None = None
) -> Job:
    """Record a job of ``kind`` in ``container`` and queue it once this transaction
    commits (the request stays fast). ``actor`` needs the kind's action on the
    container. Raises PermissionDenied."""
    require_action(actor, container, hooks.get_hooks_by(hooks.JOB_KIND, "name")[kind].action)
    return job_queue(kind=kind, container=container, requested_by=actor, params=params)


def job_queue(
    *,
    kind: str,
    container: Container,
    requested_by: User | None = None,
    params: dict[str, Any] | None = None,
) -> Job:
    """Record and queue (on commit) a job that the calling service has already allowed
    (e.g. the notifications of an action the actor was allowed to take)."""
    job = Job(kind=kind, requested_by=requested_by, params=params or {})
    job.set_container(container)
    job.save()
    runner.enqueue_on_commit(job)
    return job


@transaction.atomic
def job_retry(*, actor: User, job: Job) -> Job:
    """Run a failed job again from scratch (managers of its container).
    Raises PermissionDenied, ValidationError if the job has not failed."""
    require_action(actor, job.container, Action.MANAGE)
    if not runner.requeue_failed(job):
        raise ValidationError("Only a failed job can be retried.")
    return job
