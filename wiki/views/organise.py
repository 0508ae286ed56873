"""Moving, deleting, protecting pages and the trash."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from workspaces.access import container_view
from workspaces.roles import Action

from .. import policies, selectors, services
from ..forms import PageMoveForm
from .common import add_errors, form_status, page_or_404, require_edit


@container_view(Action.CONTRIBUTE)
@require_http_methods(["GET", "POST"])
def page_move(request, container, page_path):
    page = page_or_404(container, page_path)
    require_edit(request, page)
    form = PageMoveForm(request.POST or None, initial={"new_path": page.path})
    if request.method == "POST" and form.is_valid():
        try:
            services.page_move(
                actor=request.user, page=page, new_path=form.cleaned_data["new_path"]
            )
        except ValidationError as error:
            add_errors(form, error, path_field="new_path")
        else:
            messages.success(request, f"The page moved; {page_path} now redirects to it.")
            return redirect(page)
    return render(
        request,
        "wiki/page_move.html",
        {"container": container, "page": page, "form": form},
        status=form_status(form),
    )


@container_view(Action.CONTRIBUTE)
@require_POST
def page_delete(request, container, page_path):
    page = page_or_404(container, page_path)
    require_edit(request, page)
    try:
        services.page_delete(actor=request.user, page=page)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect(page)
    messages.success(request, f"“{page}” was moved to the trash; a lead can restore it.")
    return redirect("wiki:page_list", container)


@container_view(policies.PROTECT_ACTION)
@require_POST
def page_protect(request, container, page_path):
    page = page_or_404(container, page_path)
    protect = request.POST.get("protect") == "1"
    services.page_set_protected(actor=request.user, page=page, is_protected=protect)
    if protect:
        messages.success(request, "Only leads and community managers can edit this page now.")
    else:
        messages.success(request, "Every member can edit this page again.")
    return redirect(page)


@container_view(Action.LEAD)
@require_GET
def page_trash(request, container):
    return render(
        request,
        "wiki/page_trash.html",
        {"container": container, "pages": selectors.trash_for(container=container)},
    )


@container_view(Action.LEAD)
@require_POST
def page_restore(request, container, page_id):
    page = selectors.trashed_page_get_for(container=container, pk=page_id)
    try:
        services.page_restore(actor=request.user, page=page)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect("wiki:page_trash", container)
    messages.success(request, f"“{page}” was restored.")
    return redirect(page)
