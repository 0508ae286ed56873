"""Folders: the list, a folder's page and the folder writes."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from alliance_hub.pagination import InvalidCursor
from alliance_hub.params import form_id
from alliance_hub.reversing import reverse
from workspaces.access import container_view
from workspaces.roles import Action

from .. import selectors, services
from ..forms import FolderForm, ListForm
from .common import error_text


@container_view(Action.VIEW)
@require_GET
def folder_list(request, container):
    return _folder_page(request, container, None)


@container_view(Action.VIEW)
@require_GET
def folder_detail(request, container, pk):
    return _folder_page(request, container, selectors.folder_get_for(container=container, pk=pk))


def _folder_page(request, container, folder, status=200):
    options = ListForm(request.GET).values()
    try:
        page = selectors.folder_page(container=container, folder=folder, **options)
    except InvalidCursor:
        messages.error(request, "This page link is no longer valid; here is the first page.")
        options["cursor"] = ""
        page = selectors.folder_page(container=container, folder=folder, **options)
        status = 400
    tags, types = selectors.filter_choices_for(container=container, folder=folder)
    context = {
        "container": container,
        "page": page,
        "folder": folder,
        "options": options,
        "sorts": [(key, label) for key, (label, _) in selectors.SORTS.items()],
        "tags": tags,
        "types": types,
        "folder_form": FolderForm(),
        "here": request.path,
    }
    if request.headers.get("HX-Request") and options["cursor"]:
        return render(request, "documents/folder_detail.html#rows", context, status=status)
    return render(request, "documents/folder_detail.html", context, status=status)


def folder_url(container, folder):
    if folder is None:
        return reverse("documents:folder_list", args=[container])
    return reverse("documents:folder_detail", args=[container, folder.pk])


@container_view(Action.CONTRIBUTE)
@require_POST
def folder_create(request, container):
    parent_id = form_id(request, "parent")
    parent = selectors.folder_get_for(container=container, pk=parent_id) if parent_id else None
    form = FolderForm(request.POST)
    if form.is_valid():
        try:
            folder = services.folder_create(
                actor=request.user,
                container=container,
                name=form.cleaned_data["name"],
                parent=parent,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"The folder {folder} was created.")
            return redirect(folder_url(container, folder))
    for error in form.errors.values():
        messages.error(request, " ".join(error))
    return _folder_page(request, container, parent, status=400)


@container_view(Action.CONTRIBUTE)
@require_POST
def folder_rename(request, container, pk):
    folder = selectors.folder_get_for(container=container, pk=pk)
    form = FolderForm(request.POST)
    if form.is_valid():
        services.folder_rename(actor=request.user, folder=folder, name=form.cleaned_data["name"])
        messages.success(request, f"The folder is now called {folder}.")
        return redirect(folder_url(container, folder))
    messages.error(request, "Give the folder a name (up to 200 characters).")
    return _folder_page(request, container, folder, status=400)


@container_view(Action.CONTRIBUTE)
@require_POST
def folder_delete(request, container, pk):
    folder = selectors.folder_get_for(container=container, pk=pk)
    parent = folder.parent
    try:
        services.folder_delete(actor=request.user, folder=folder)
    except ValidationError as error:
        messages.error(request, error_text(error))
        return _folder_page(request, container, folder, status=400)
    messages.success(request, f"The folder {folder} was deleted.")
    return redirect(folder_url(container, parent))
