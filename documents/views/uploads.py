"""Uploading documents and importing a mailbox."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from alliance_hub.params import query_id
from alliance_hub.uploads import upload_view
from workspaces.access import container_view
from workspaces.roles import Action

from .. import mail_import as mail
from .. import selectors, services
from ..forms import MailImportForm, UploadForm
from ..uploads import accepts_uploads
from .common import too_large_message, upload_limit
from .folders import folder_url


@container_view(Action.CONTRIBUTE)
@require_http_methods(["GET", "POST"])
@accepts_uploads
def document_upload(request, container):
    initial = {}
    folder_id = query_id(request, "folder")
    if folder_id:
        initial["folder"] = selectors.folder_get_for(container=container, pk=folder_id).pk
    form = UploadForm(
        request.POST or None, request.FILES or None, container=container, initial=initial
    )
    status = 200
    if request.method == "POST":
        if request.too_large_uploads:
            form.add_error("files", too_large_message(request))
            status = 413
        elif form.is_valid():
            data = form.cleaned_data
            try:
                documents = services.documents_upload(
                    actor=request.user,
                    container=container,
                    uploads=data["files"],
                    folder=data["folder"],
                    description=data["description"],
                    tags=data["tags"],
                )
            except ValidationError as error:
                form.add_error("files", error)
            else:
                names = ", ".join(str(document) for document in documents)
                messages.success(request, f"Uploaded {len(documents)}: {names}.")
                return redirect(folder_url(container, data["folder"]))
        status = status if status != 200 else 400
    return render(
        request,
        "documents/document_upload.html",
        {"container": container, "form": form, "max_size": upload_limit()},
        status=status,
    )


@container_view(Action.CONTRIBUTE)
@require_http_methods(["GET", "POST"])
@upload_view  # mailboxes may be larger than one file (MAIL_IMPORT_MAX_TOTAL)
def mail_import(request, container):
    """Attachments of a mailbox or of messages become documents (all or nothing), in
    a job: the person is sent to its page, which shows progress and the outcome."""
    form = MailImportForm(request.POST or None, request.FILES or None, container=container)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                job = mail.import_start(
                    actor=request.user,
                    container=container,
                    uploads=form.cleaned_data["mailboxes"],
                    folder=form.cleaned_data["folder"],
                )
            except ValidationError as error:
                form.add_error("mailboxes", error)
            else:
                return redirect(job)
    return render(
        request,
        "documents/mail_import.html",
        {"container": container, "form": form, "max_size": upload_limit()},
        status=status,
    )
