"""Editing a document: details, move, lock, delete, watch, the downloads log."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from alliance_hub.params import query_id
from workspaces.access import container_view
from workspaces.roles import Action

from .. import selectors, services
from ..forms import DocumentEditForm, MoveForm
from .document import refuse
from .folders import folder_url


@container_view(Action.CONTRIBUTE)
@require_http_methods(["GET", "POST"])
def document_edit(request, container, pk):
    document = selectors.document_get_for(container=container, pk=pk)
    initial = {
        "title": document.title,
        "description": document.description,
        "tags": [tag.name for tag in document.tags.all()],
    }
    form = DocumentEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.document_update(actor=request.user, document=document, **form.cleaned_data)
        messages.success(request, "The document was saved.")
        return redirect(document)
    return render(
        request,
        "documents/document_edit.html",
        {"container": container, "document": document, "form": form},
        status=400 if form.errors else 200,
    )


@container_view(Action.CONTRIBUTE)
@require_http_methods(["GET", "POST"])
def document_move(request, container, pk):
    """A page of its own: its folder list grows with the container, the document page
    should not."""
    document = selectors.document_get_for(container=container, pk=pk)
    initial = {"folder": document.folder_id}
    form = MoveForm(request.POST or None, container=container, initial=initial)
    if request.method == "POST" and form.is_valid():
        folder = form.cleaned_data["folder"]
        services.document_move(actor=request.user, document=document, folder=folder)
        messages.success(request, f"Moved to {folder or 'the top level'}.")
        return redirect(document)
    return render(
        request,
        "documents/document_move.html",
        {"container": container, "document": document, "form": form},
        status=400 if form.errors else 200,
    )


@container_view(Action.CONTRIBUTE)
@require_POST
def document_lock(request, container, pk):
    document = selectors.document_get_for(container=container, pk=pk)
    try:
        services.document_lock(actor=request.user, document=document)
    except ValidationError as error:
        return refuse(request, container, document, error, 409)
    messages.success(request, "You are editing this document; others cannot add versions.")
    return redirect(document)


@container_view(Action.CONTRIBUTE)
@require_POST
def document_unlock(request, container, pk):
    document = selectors.document_get_for(container=container, pk=pk)
    services.document_unlock(actor=request.user, document=document)
    messages.success(request, "The lock was released.")
    return redirect(document)


@container_view(Action.CONTRIBUTE)
@require_POST
def document_delete(request, container, pk):
    document = selectors.document_get_for(container=container, pk=pk)
    try:
        services.document_trash(actor=request.user, document=document)
    except ValidationError as error:
        return refuse(request, container, document, error, 409)
    messages.success(request, f"{document} was moved to the trash.")
    return redirect(folder_url(container, document.folder))


@container_view(Action.VIEW)
@require_POST
def document_watch(request, container, pk):
    document = selectors.document_get_for(container=container, pk=pk)
    services.document_watch(actor=request.user, document=document)
    messages.success(request, "You will be notified of new versions.")
    return redirect(document)


@container_view(Action.VIEW)
@require_POST
def document_unwatch(request, container, pk):
    document = selectors.document_get_for(container=container, pk=pk)
    services.document_unwatch(actor=request.user, document=document)
    messages.success(request, "You no longer watch this document.")
    return redirect(document)


@container_view(Action.MODERATE)
@require_GET
def document_downloads(request, container, pk):
    document = selectors.document_get_for(container=container, pk=pk)
    rows, has_more = selectors.downloads_for(document=document, before=query_id(request, "before"))
    return render(
        request,
        "documents/document_downloads.html",
        {"container": container, "document": document, "downloads": rows, "has_more": has_more},
    )
