"""The trash of a container: list, restore, purge."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from alliance_hub.pagination import InvalidCursor, keyset_page
from workspaces.access import container_view
from workspaces.roles import Action

from .. import selectors, services


@container_view(Action.MODERATE)
@require_GET
def trash_list(request, container):
    try:
        documents, next_cursor = keyset_page(
            selectors.trash_list_for(container=container),
            ["-deleted_at", "-id"],
            request.GET.get("cursor", ""),
            selectors.PAGE_SIZE,
        )
    except InvalidCursor:
        return redirect("documents:trash_list", container)
    return render(
        request,
        "documents/trash_list.html",
        {"container": container, "documents": documents, "next_cursor": next_cursor},
    )


@container_view(Action.MODERATE)
@require_POST
def trash_restore(request, container, pk):
    document = selectors.trashed_document_get_for(container=container, pk=pk)
    services.document_untrash(actor=request.user, document=document)
    messages.success(request, f"{document} is back.")
    return redirect(document)


@container_view(Action.MODERATE)
@require_POST
def trash_purge(request, container, pk):
    document = selectors.trashed_document_get_for(container=container, pk=pk)
    services.document_purge(actor=request.user, document=document)
    messages.success(request, f"{document} was deleted for good.")
    return redirect("documents:trash_list", container)
