"""Periodic work: ``run_periodic`` enqueues each entry once per period, however many
schedulers run it, and gives the claim back when the queue cannot be reached."""

from datetime import UTC, datetime, timedelta

import pytest
from django.core.management import call_command
from django_tasks import task
from django_tasks_db.models import DBTaskResult

from jobs import periodic
from jobs.models import PeriodicRun
from tests.jobs.helpers import UnreachableQueue, work, worker_db

RAN = []


@task()
def note_the_period(period_start):
    RAN.append(period_start)
    return period_start


@pytest.fixture(autouse=True)
def hourly(monkeypatch):
    from alliance_hub import hooks

    RAN.clear()
    entry = hooks.Periodic("test.hourly", timedelta(hours=1), note_the_period)
    with hooks.registered(hooks.PERIODIC, entry, alone=True):
        yield


def test_the_period_starts_on_a_multiple_of_its_length():
    moment = datetime(2026, 3, 4, 10, 37, 12, tzinfo=UTC)

    assert periodic.period_start(moment, timedelta(hours=1)) == moment.replace(minute=0, second=0)
    assert periodic.period_start(moment, timedelta(minutes=1)) == moment.replace(second=0)


@worker_db
def test_several_schedulers_enqueue_each_period_once(db_queue):
    ten = datetime(2026, 3, 4, 10, 5, tzinfo=UTC)

    for minute in range(0, 50, 10):  # ticks every ten minutes, from two schedulers
        periodic.run_due(ten + timedelta(minutes=minute))
        periodic.run_due(ten + timedelta(minutes=minute))
    periodic.run_due(ten + timedelta(hours=1))
    work()

    assert RAN == ["2026-03-04T10:00:00+00:00", "2026-03-04T11:00:00+00:00"]
    assert PeriodicRun.objects.count() == 2 and DBTaskResult.objects.count() == 2


@worker_db
def test_the_command_enqueues_what_is_due(db_queue):
    call_command("run_periodic")
    call_command("run_periodic")
    work()

    assert len(RAN) == 1


def test_an_unreachable_queue_gives_the_claim_back(db, settings):
    settings.TASKS = {"default": {"BACKEND": f"{UnreachableQueue.__module__}.UnreachableQueue"}}

    assert periodic.run_due() == []
    assert not PeriodicRun.objects.exists()  # the next tick tries again

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    assert periodic.run_due() == ["test.hourly"]
    assert len(RAN) == 1
