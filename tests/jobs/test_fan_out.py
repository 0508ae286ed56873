"""Notifications to many people leave the request: a job delivers them after the
commit, to those who may view the container then, and never twice."""

from jobs.models import Job
from tests.factories import add_member
from tests.jobs.helpers import fresh
from workspaces import services
from workspaces.activity import notifications_run, notify
from workspaces.models import Notification
from workspaces.roles import Role


def _notify_everyone(world, container):
    people = [world.member, world.observer, world.non_group_member, world.removed, world.outsider]
    return notify(
        recipients=[*people, world.lead],
        kind=Notification.Kind.OTHER,
        actor=world.lead,
        text="Big news",
        target=container,
        container=container,
    )


def test_a_small_audience_is_notified_at_once(world, settings):
    settings.NOTIFY_INLINE_MAX = 50

    created = _notify_everyone(world, world.workspace)

    assert len(created) == 3 and not Job.objects.exists()


def test_a_big_audience_is_notified_by_a_job_with_the_same_access_rules(
    world, settings, django_capture_on_commit_callbacks
):
    settings.NOTIFY_INLINE_MAX = 2
    with django_capture_on_commit_callbacks(execute=True):
        assert _notify_everyone(world, world.private_group) == []

    job = fresh(Job.objects.get(kind="notifications"))
    assert job.status == Job.Status.DONE
    recipients = set(Notification.objects.values_list("recipient", flat=True))
    assert recipients == {world.member.pk, world.observer.pk}  # who may view the group

    notifications_run(job, lambda percent: None)  # delivered again: nothing changes
    assert Notification.objects.count() == 2


def test_who_may_view_is_decided_when_the_job_runs(
    world, settings, django_capture_on_commit_callbacks
):
    settings.NOTIFY_INLINE_MAX = 2
    late = add_member(world.workspace, Role.MEMBER)
    _notify_everyone(world, world.workspace)  # queued, not yet run
    services.member_remove(
        actor=world.lead, membership=world.workspace.memberships.get(user=world.member)
    )
    job = Job.objects.get(kind="notifications")
    notifications_run(job, lambda percent: None)

    recipients = set(Notification.objects.values_list("recipient", flat=True))
    assert recipients == {world.observer.pk, world.non_group_member.pk}
    assert late.pk not in recipients  # not among the recipients asked for
