from django.urls import reverse

from jobs import runner
from jobs.services import job_start
from tests.matrix import NOT_FOUND, Route
from workspaces.roles import Action

# A job is seen by the managers of its container and by whoever asked for it (here
# the lead): other viewers of the container get 404, as for anything not theirs.
NOT_THEIRS = {persona: NOT_FOUND for persona in ("observer", "member", "non_group_member")}


def _finished_export_url(name):
    def build(w, c):
        job = job_start(actor=w.lead, kind="export", container=c)
        runner.execute(job.pk)
        return reverse(name, args=[c, job.pk])

    return build


ROUTES = [
    Route("jobs:job_list", lambda w, c: reverse("jobs:job_list", args=[c]), Action.MANAGE),
    Route("jobs:job_detail", _finished_export_url("jobs:job_detail"), expect=NOT_THEIRS),
    Route("jobs:job_download", _finished_export_url("jobs:job_download"), expect=NOT_THEIRS),
    Route("jobs:job_retry", _finished_export_url("jobs:job_retry"), Action.MANAGE, "POST"),
]
