"""The export of a container as a ZIP, built by a job (content apps add their
exporters through alliance_hub.hooks)."""

import csv
import json
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.utils import timezone
from django.utils.text import slugify
from zipstream import ZIP_DEFLATED, ZipStream

from alliance_hub import csvfiles, hooks
from jobs.files import store_verified_zip
from jobs.models import Job
from jobs.runner import Outcome
from jobs.services import job_start

from .access import require_action
from .models import Membership
from .roles import Action


def members_exporter(container):
    memberships = (
        Membership.objects.filter(workspace=container.workspace)
        .select_related("user", "organisation")
        .order_by("organisation__name", "user__display_name")
    )
    if container.is_group and container.is_private:
        memberships = memberships.filter(user__group_memberships__group=container)
    buffer = csvfiles.new_buffer()
    writer = csv.writer(buffer)
    writer.writerow(["name", "e-mail", "organisation", "role", "joined"])
    for m in memberships:
        writer.writerow(
            [
                csvfiles.spreadsheet_safe(m.user.display_name),
                m.user.email,
                csvfiles.spreadsheet_safe(m.organisation.name),
                m.get_role_display(),
                m.joined_at.date().isoformat(),
            ]
        )
    yield "members.csv", buffer.getvalue().encode()
    about = {
        "name": container.name,
        "description": container.description,
        "exported_at": timezone.now().isoformat(),
    }
    yield "about.json", json.dumps(about, indent=2).encode()


def export_stream(container, progress=None):
    """The container's export as a ZIP, generated chunk by chunk: each exporter's
    entries are added and yielded one by one, so memory stays flat. ``progress``
    (optional) is called with a percentage after each entry."""
    archive = ZipStream(compress_type=ZIP_DEFLATED)
    exporters = [members_exporter, *hooks.get_hooks(hooks.EXPORTER)]
    for index, exporter in enumerate(exporters):
        for path, chunks in exporter(container):
            archive.add(chunks, path)
            yield from archive.all_files()
            if progress:
                progress(100 * index / len(exporters))
    yield from archive.footer()


def export_start(*, actor, container):
    """Ask for the container's export (managers); it is built by a job. Returns the job."""
    return job_start(actor=actor, kind="export", container=container)


def export_run(job: Job, progress: Callable[[float], Any]) -> Outcome:
    """The export job: the ZIP is written to storage, verified whole, then offered to
    managers for EXPORT_RETENTION_DAYS. The requester must still be a manager."""
    container = job.container
    require_action(job.requested_by, container, Action.MANAGE)
    filename = f"{slugify(str(container)) or 'export'}-{timezone.now():%Y-%m-%d}.zip"
    stored = store_verified_zip(job, filename, export_stream(container, progress))
    return Outcome(
        summary=f"The export of {container} is ready to download.",
        result_file=stored,
        expires_at=timezone.now() + timedelta(days=settings.EXPORT_RETENTION_DAYS),
        notify=True,
    )
