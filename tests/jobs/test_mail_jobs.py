"""E-mail leaves the request: invitations go out from one job per batch, retried when
the mail server is away, and never twice."""

import re
from datetime import timedelta

from django.core import mail
from django.urls import reverse
from django.utils import timezone

from jobs import runner
from jobs.models import Job
from tests.jobs.helpers import fresh
from workspaces import services
from workspaces.roles import Role


def _invite(world, emails, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.invitations_send(
            actor=world.community_manager,
            workspace=world.workspace,
            emails=emails,
            role=Role.MEMBER,
            organisation=world.workspace.partners.first(),
        )
    return Job.objects.get(kind="invitation_mails")


def test_a_batch_of_invitations_is_one_job_and_runs_once(world, django_capture_on_commit_callbacks):
    emails = [f"guest{n}@example.net" for n in range(5)]

    job = fresh(_invite(world, emails, django_capture_on_commit_callbacks))

    assert job.status == Job.Status.DONE and job.summary == "5 invitation e-mails sent."
    assert sorted(m.to[0] for m in mail.outbox) == emails
    assert services.invitation_mails_run(job, lambda percent: None).summary.startswith("0 ")
    assert len(mail.outbox) == 5


def test_an_unreachable_mail_server_delays_the_invitations_until_it_answers(
    world, settings, client, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2

    job = fresh(_invite(world, ["late@example.org"], django_capture_on_commit_callbacks))

    assert (job.status, job.attempts) == (Job.Status.QUEUED, 1)
    assert "refused" in job.error.lower()
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    Job.objects.filter(pk=job.pk).update(run_after=timezone.now() - timedelta(seconds=1))
    runner.recover()

    assert fresh(job).status == Job.Status.DONE
    (message,) = mail.outbox
    token = re.search(r"/invite/([^/\s]+)/", message.body).group(1)
    assert client.get(reverse("workspaces:invitation_accept", args=[token])).status_code == 200
