"""Reads of jobs for the pages. Who may see a job (and its file): managers of its
container, and the person who asked for it while they still hold, on the container,
the action its kind requires (an export needs MANAGE: a demoted manager loses it)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import Http404

from alliance_hub import hooks
from workspaces.access import visible_in
from workspaces.roles import Action

from .models import Job

if TYPE_CHECKING:
    from alliance_hub.types import User
    from workspaces.access import Container, ContainerAccess

LIST_LENGTH = 100


def job_list_for(*, user: User, container: Container) -> list[Job]:
    """The container's newest jobs (a workspace's include those of the groups ``user``
    may view). The caller's view requires MANAGE on ``container``."""
    jobs = Job.objects.select_related("workspace", "group", "requested_by")
    return list(jobs.filter(visible_in(user, container))[:LIST_LENGTH])


def job_get_for(*, user: User, access: ContainerAccess, pk: int) -> Job:
    """Job ``pk`` of ``access.container`` if ``user`` may see it; Http404 otherwise."""
    job = (
        Job.objects.in_container(access.container)
        .select_related("workspace", "group", "requested_by")
        .filter(pk=pk)
        .first()
    )
    if job is None or not may_see(user, access, job):
        raise Http404("No such job.")
    return job


def may_see(user: User, access: ContainerAccess, job: Job) -> bool:
    if access.can(Action.MANAGE):
        return True
    kind = hooks.get_hooks_by(hooks.JOB_KIND, "name").get(job.kind)
    return job.requested_by_id == user.pk and kind is not None and access.can(kind.action)
