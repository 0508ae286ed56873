"""The export page: what the export holds, and asking for it."""

from django.conf import settings
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from .access import container_view
from .export import export_start
from .roles import Action


@container_view(Action.MANAGE)
@require_http_methods(["GET", "POST"])
def export(request, container):
    """GET: what the export holds; POST: ask for it. The ZIP is built by a job: the
    job's page shows progress, and a notification brings the download link."""
    if request.method == "POST":
        job = export_start(actor=request.user, container=container)
        return redirect(job)
    return render(
        request,
        "workspaces/export.html",
        {"container": container, "retention_days": settings.EXPORT_RETENTION_DAYS},
    )
