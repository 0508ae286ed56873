"""Reminders as a task (Django's tasks API), run once a day by the periodic-work
mechanism (jobs/periodic.py). Safe to retry: reminders already sent are never sent again."""

from datetime import timedelta

from django_tasks import task

from . import services

REMINDERS_EVERY = timedelta(days=1)


@task()
def send_report_reminders(period_start=None):
    return services.send_report_reminders()
