from django.contrib.auth import get_user_model
from django.urls import reverse

from jobs.models import Job
from workspaces.models import Workspace


def test_the_demo_jobs_page_shows_a_finished_export_and_a_running_import(seeded_demo, client):
    north = Workspace.objects.get(slug="north-sea")
    client.force_login(get_user_model().objects.get(email="marco@tudelft.example"))

    page = client.get(reverse("jobs:job_list", args=[north])).content.decode()

    export = Job.objects.get(workspace=north, kind="export")
    assert export.offers_file
    assert reverse("jobs:job_download", args=[north, export.pk]) in page
    assert Job.objects.filter(workspace=north, status=Job.Status.RUNNING).count() == 1
    assert "Running (40 %)" in page
    assert client.get(reverse("jobs:job_download", args=[north, export.pk])).status_code == 200
