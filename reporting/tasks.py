"""Reminders as a task (Django's tasks API); the periodic-work mechanism runs it daily.
Safe to retry: reminders already sent are never sent again."""

from django_tasks import task

from . import services


@task()
def send_report_reminders():
    return services.send_report_reminders()
