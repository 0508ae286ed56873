"""The jobs page (managers), one job's progress (polled by htmx), retry and download."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from workspaces.access import container_view
from workspaces.roles import Action

from . import selectors, services
from .files import StorageUnavailable, open_result


def _is_htmx(request):
    return request.headers.get("HX-Request") == "true"


@container_view(Action.MANAGE)
@require_GET
def job_list(request, container):
    jobs = selectors.job_list_for(user=request.user, container=container)
    template = "jobs/job_list.html#rows" if _is_htmx(request) else "jobs/job_list.html"
    return render(
        request,
        template,
        {"container": container, "jobs": jobs, "polling": any(not j.is_finished for j in jobs)},
    )


@container_view(Action.VIEW)
@require_GET
def job_detail(request, container, pk):
    job = selectors.job_get_for(user=request.user, access=request.access, pk=pk)
    template = "jobs/job_detail.html#status" if _is_htmx(request) else "jobs/job_detail.html"
    return render(request, template, {"container": container, "job": job, "now": timezone.now()})


@container_view(Action.MANAGE)
@require_POST
def job_retry(request, container, pk):
    job = selectors.job_get_for(user=request.user, access=request.access, pk=pk)
    try:
        services.job_retry(actor=request.user, job=job)
    except ValidationError as error:
        messages.warning(request, " ".join(error.messages))
    else:
        messages.success(request, f"{job} is queued again.")
    return redirect("jobs:job_list", container)


@container_view(Action.VIEW)
@require_GET
def job_download(request, container, pk):
    """The job's verified file, streamed from storage after the access check."""
    job = selectors.job_get_for(user=request.user, access=request.access, pk=pk)
    if not job.offers_file:
        raise Http404("This job has no file to download (yet, or any more).")
    try:
        stored, size = open_result(job)
    except StorageUnavailable as error:
        return render(
            request,
            "jobs/job_detail.html",
            {
                "container": container,
                "job": job,
                "storage_error": str(error),
                "now": timezone.now(),
            },
            status=503,
        )
    filename = job.result_file.rsplit("/", 1)[-1].split("-", 1)[-1]
    response = FileResponse(stored, as_attachment=True, filename=filename)
    response["Content-Length"] = str(size)
    return response
