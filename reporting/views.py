"""Thin views over reporting's selectors and services."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from alliance_hub.reversing import reverse
from documents.uploads import accepts_uploads
from workspaces.access import container_view
from workspaces.roles import Action

from . import policies, selectors, services
from .forms import SeriesForm, SubmitForm, UploadForm


@container_view(Action.VIEW)
@require_http_methods(["GET", "POST"])
def series_list(request, container):
    form = None
    if policies.may_manage_series(request.access):
        form = SeriesForm(request.POST or None, container=container)
    elif request.method == "POST":
        return HttpResponse("Only leads define reports.", status=403)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            series = services.series_create(
                actor=request.user,
                container=container,
                title=data["title"],
                every_months=data["every_months"],
                first_due=data["first_due"],
                organisations=list(data["organisations"]),
                template_body=form.template(),
                template_document=data.get("template_document"),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"{series} is defined.")
            return redirect(series)
    return render(
        request,
        "reporting/series_list.html",
        {"container": container, "series_list": selectors.series_list_for(container=container),
         "form": form},
        status=400 if form is not None and form.errors else 200,
    )  # fmt: skip


@container_view(Action.VIEW)
@require_GET
def series_board(request, container, pk):
    series = selectors.series_get_for(container=container, pk=pk)
    board = selectors.board_for(series=series)
    return render(
        request,
        "reporting/series_board.html",
        {"container": container, "series": series, "board": board},
    )


@container_view(Action.VIEW)
@require_GET
def series_csv(request, container, pk):
    series = selectors.series_get_for(container=container, pk=pk)
    body = selectors.board_csv(selectors.board_for(series=series))
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="report-status-{series.pk}.csv"'
    return response


@container_view(policies.MANAGE_ACTION)
@require_http_methods(["GET", "POST"])
def series_edit(request, container, pk):
    series = selectors.series_get_for(container=container, pk=pk)
    initial = {
        "title": series.title,
        "every_months": series.every_months,
        "organisations": list(series.organisations.all()),
    }
    form = SeriesForm(request.POST or None, container=container, editing=True, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.series_update(
                actor=request.user,
                series=series,
                title=data["title"],
                every_months=data["every_months"],
                organisations=list(data["organisations"]),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Saved. Periods already open keep their due dates.")
            return redirect(series)
    return render(
        request,
        "reporting/series_edit.html",
        {"container": container, "series": series, "form": form},
        status=400 if form.errors else 200,
    )


@container_view(policies.SUBMIT_ACTION)
@require_POST
def report_write(request, container, pk):
    item = selectors.item_get_for(container=container, pk=pk)
    page = services.report_start(actor=request.user, item=item)
    return redirect(reverse("wiki:page_edit", args=[container, page.path]))


def _item_to_submit(request, container, pk):
    item = selectors.item_get_for(container=container, pk=pk)
    if not policies.may_submit(request.user, item, container):
        raise PermissionDenied("Only members of the organisation that owes it may submit it.")
    return item


def _refuse(request, container, series, error, status=409):
    messages.error(request, " ".join(error.messages))
    board = selectors.board_for(series=series)
    context = {"container": container, "series": series, "board": board}
    return render(request, "reporting/series_board.html", context, status=status)


@container_view(policies.SUBMIT_ACTION)
@require_POST
@accepts_uploads
def report_upload(request, container, pk):
    item = _item_to_submit(request, container, pk)
    series = item.period.series
    form = UploadForm(request.POST, request.FILES)
    if request.too_large_uploads:
        return _refuse(request, container, series, ValidationError("The file is too large."), 413)
    if not form.is_valid():
        return _refuse(request, container, series, ValidationError("Choose the file."), 400)
    try:
        document = services.report_upload(
            actor=request.user, item=item, upload=form.cleaned_data["file"]
        )
    except ValidationError as error:
        return _refuse(request, container, series, error, 400)
    messages.success(request, f"Uploaded version {document.version_count}; submit it when ready.")
    return redirect(series)


@container_view(policies.SUBMIT_ACTION)
@require_POST
def report_submit(request, container, pk):
    item = _item_to_submit(request, container, pk)
    form = SubmitForm(request.POST)
    series = item.period.series
    if not form.is_valid():
        messages.error(request, "Submit from the report board.")
        return redirect(series)
    try:
        services.report_submit(
            actor=request.user,
            item=item,
            revision=form.cleaned_data["revision"],
            version=form.cleaned_data["version"],
        )
    except ValidationError as error:
        return _refuse(request, container, series, error)
    messages.success(request, f"Submitted {series} #{item.period.number}.")
    return redirect(series)
