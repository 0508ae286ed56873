"""Thin views: a selector or a service, then a template or a file.

Rule violations from services (locked, duplicate, in the trash...) come back as
the page the person was on, with the message and a 4xx status.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import (
    require_GET,
    require_http_methods,
    require_POST,
    require_safe,
)

from alliance_hub.params import form_id, query_id
from alliance_hub.uploads import upload_view
from workspaces.access import container_view
from workspaces.roles import Action

from . import files, office_previews, policies, previews, reviews, selectors, services
from . import mail_import as mail
from .forms import (
    DiffForm,
    DocumentEditForm,
    FolderForm,
    ListForm,
    MailImportForm,
    MoveForm,
    ReviewDecisionForm,
    ReviewSendForm,
    UploadForm,
    VersionForm,
)
from .pagination import InvalidCursor, keyset_page
from .serving import file_response
from .uploads import accepts_uploads


def _render(request, template, context, status=200):
    # The container nav and per-role actions read ``access`` (the request's ContainerAccess).
    return render(request, template, {"access": request.access, **context}, status=status)


def _error_text(error):
    return " ".join(error.messages) if isinstance(error, ValidationError) else str(error)


def _too_large_message(request):
    names = ", ".join(request.too_large_uploads)
    return f"{names}: larger than the limit of {_limit()} per file; nothing was uploaded."


def _limit():
    from django.conf import settings
    from django.template.defaultfilters import filesizeformat

    return filesizeformat(settings.MAX_UPLOAD_SIZE)


# Folders ------------------------------------------------------------------------------


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
        return _render(request, "documents/folder_detail.html#rows", context, status=status)
    return _render(request, "documents/folder_detail.html", context, status=status)


def _folder_url(container, folder):
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
            return redirect(_folder_url(container, folder))
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
        return redirect(_folder_url(container, folder))
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
        messages.error(request, _error_text(error))
        return _folder_page(request, container, folder, status=400)
    messages.success(request, f"The folder {folder} was deleted.")
    return redirect(_folder_url(container, parent))


# Uploads ------------------------------------------------------------------------------


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
            form.add_error("files", _too_large_message(request))
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
                return redirect(_folder_url(container, data["folder"]))
        status = status if status != 200 else 400
    return _render(
        request,
        "documents/document_upload.html",
        {"container": container, "form": form, "max_size": _limit()},
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
    return _render(
        request,
        "documents/mail_import.html",
        {"container": container, "form": form, "max_size": _limit()},
        status=status,
    )


# The document page --------------------------------------------------------------------


def _review_context(request, document, latest):
    rows = reviews.reviews_for_document(document=document)
    mine = {
        review.pk
        for review in rows
        if review.is_open
        for reviewer in review.decisions
        if reviewer.user_id == request.user.pk and reviewer.decision == "pending"
    }
    withdrawable = {
        review.pk
        for review in rows
        if review.is_open and policies.may_withdraw_review(request.user, request.access, review)
    }
    return {
        "reviews": rows,
        "my_pending_reviews": mine,
        "withdrawable_reviews": withdrawable,
        "can_send_for_review": policies.may_send_for_review(request.access)
        and latest is not None
        and latest.state == "draft",
    }


def _document_page(request, container, document, *, version_form=None, status=200):
    versions, more_versions = selectors.versions_for(
        document=document, limit=selectors.RECENT_VERSIONS
    )
    if document.folder:
        document.folder.workspace, document.folder.group = document.workspace, document.group
    latest = versions[0] if versions else None
    access = request.access
    context = {
        "container": container,
        "document": document,
        "latest": latest,
        "versions": versions,
        "more_versions": more_versions,
        "text_preview": previews.text_preview(latest),
        "office_preview": office_previews.preview_for(latest),
        "office_expected": office_previews.has_preview(latest),
        "comparable_versions": [v for v in versions if v.is_comparable],
        "newer_than_downloaded": bool(
            latest
            and document.last_download_number
            and document.last_download_number < latest.number
            and document.last_download_sha256 != latest.sha256
        ),
        "watching": document.is_watched,
        "breadcrumbs": selectors.breadcrumbs_for(document.folder, include_self=True),
        "locked_against_me": document.locked_against(request.user),
        "can_release": document.lock_is_active
        and policies.may_release_lock(request.user, access, document),
        "holds_lock": policies.holds_lock(request.user, document),
        "version_form": version_form or VersionForm(),
        "lock_minutes": _lock_minutes(),
        **_review_context(request, document, latest),
    }
    return _render(request, "documents/document_detail.html", context, status=status)


def _lock_minutes():
    from django.conf import settings

    return settings.DOCUMENT_LOCK_MINUTES


@container_view(Action.VIEW)
@require_GET
def document_detail(request, container, pk):
    document = selectors.document_get_for(container=container, pk=pk, viewer=request.user)
    return _document_page(request, container, document)


@container_view(Action.VIEW)
@require_GET
def version_list(request, container, pk):
    document = selectors.document_get_for(container=container, pk=pk)
    before = query_id(request, "before")
    versions, has_more = selectors.versions_for(document=document, before=before)
    return _render(
        request,
        "documents/version_list.html",
        {
            "container": container,
            "document": document,
            "versions": versions,
            "has_more": has_more,
            "comparable_versions": [v for v in versions if v.is_comparable],
            "locked_against_me": document.locked_against(request.user),
        },
    )


def _refuse(request, container, document, error, status=400, version_form=None):
    messages.error(request, _error_text(error))
    document = selectors.document_get_for(container=container, pk=document.pk, viewer=request.user)
    return _document_page(request, container, document, version_form=version_form, status=status)


@container_view(Action.CONTRIBUTE)
@require_POST
@accepts_uploads
def version_upload(request, container, pk):
    document = selectors.document_get_for(container=container, pk=pk)
    form = VersionForm(request.POST, request.FILES)
    if request.too_large_uploads:
        return _refuse(request, container, document, _too_large_message(request), 413, form)
    if not form.is_valid():
        return _refuse(request, container, document, "Choose the file to upload.", 400, form)
    try:
        version = services.version_upload(
            actor=request.user,
            document=document,
            upload=form.cleaned_data["file"],
            change_note=form.cleaned_data["change_note"],
            release_lock=form.cleaned_data["release_lock"],
        )
    except services.DuplicateUpload as error:
        return _refuse(request, container, document, error, 409)
    except ValidationError as error:
        return _refuse(request, container, document, error, 409)
    messages.success(request, f"Version {version.number} was added.")
    return redirect(document)


@container_view(Action.CONTRIBUTE)
@require_POST
def version_restore(request, container, pk, number):
    document = selectors.document_get_for(container=container, pk=pk)
    try:
        version = services.version_restore(actor=request.user, document=document, number=number)
    except ValidationError as error:
        return _refuse(request, container, document, error, 409)
    messages.success(request, f"Version {number} is now the latest (version {version.number}).")
    return redirect(document)


@container_view(Action.VIEW)
@require_GET
def version_diff(request, container, pk):
    document = selectors.document_get_for(container=container, pk=pk)
    form = DiffForm(request.GET)
    if not form.is_valid():
        return _refuse(request, container, document, "Choose two versions to compare.")
    old = selectors.version_get_for(document=document, number=form.cleaned_data["old"])
    new = selectors.version_get_for(document=document, number=form.cleaned_data["new"])
    if not (old.is_comparable and new.is_comparable):
        return _refuse(
            request, container, document, "Only text files and Word documents can be compared."
        )
    try:
        diff, not_ready = previews.version_diff(old, new), ""
    except previews.TextNotReady as why:
        diff, not_ready = None, str(why)
    return _render(
        request,
        "documents/version_diff.html",
        {
            "container": container,
            "document": document,
            "old": old,
            "new": new,
            "diff": diff,
            "not_ready": not_ready,
        },
    )


@container_view(Action.VIEW)
@require_safe
@xframe_options_sameorigin  # the document page frames the PDF preview
def version_preview(request, container, pk, number):
    """Images and PDFs inline, for the document page; nothing else is ever inline."""
    document = selectors.document_get_for(container=container, pk=pk)
    version = selectors.version_get_for(document=document, number=number)
    if version.preview == version.Preview.IMAGE:
        content_type = version.content_type
        if content_type not in files.INLINE_IMAGE_TYPES.values():
            raise Http404("No preview for this file.")
        csp = "default-src 'none'; sandbox"
    elif version.preview == version.Preview.PDF:
        content_type, csp = "application/pdf", "sandbox"
    else:
        raise Http404("No preview for this file.")
    return file_response(
        request,
        name=version.file.name,
        size=version.size,
        content_type=content_type,
        filename=version.original_name,
        etag=version.sha256,
        inline=True,
        csp=csp,
    )


# Reviews ------------------------------------------------------------------------------


@container_view(Action.CONTRIBUTE)
@require_http_methods(["GET", "POST"])
def review_send(request, container, pk):
    document = selectors.document_get_for(container=container, pk=pk)
    latest = document.latest_version
    form = ReviewSendForm(
        request.POST or None, container=container, initial={"version": latest.number}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        version = selectors.version_get_for(document=document, number=data["version"])
        version.document = document
        try:
            reviews.review_send(
                actor=request.user,
                version=version,
                reviewers=list(data["reviewers"]),
                rule=data["rule"],
                message=data["message"],
                due_date=data["due_date"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"Version {version.number} was sent for review.")
            return redirect(document)
    return _render(
        request,
        "documents/review_send.html",
        {"container": container, "document": document, "latest": latest, "form": form},
        status=400 if form.errors else 200,
    )


@container_view(policies.REVIEW_ACTION)
@require_POST
def review_decide(request, container, pk, review_id):
    document = selectors.document_get_for(container=container, pk=pk)
    review = reviews.review_get_for(document=document, pk=review_id)
    form = ReviewDecisionForm(request.POST)
    if not form.is_valid():
        return _refuse(request, container, document, "Approve or request changes.")
    approve = form.cleaned_data["decision"] == "approve"
    try:
        reviews.review_decide(
            actor=request.user, review=review, approve=approve, comment=form.cleaned_data["comment"]
        )
    except ValidationError as error:
        return _refuse(request, container, document, error, 409)
    review.refresh_from_db(fields=["outcome"])
    if review.outcome == review.Outcome.APPROVED:
        messages.success(request, f"Version {review.version.number} is approved.")
    else:
        messages.success(request, "Your decision was recorded.")
    return redirect(document)


@container_view(Action.CONTRIBUTE)
@require_POST
def review_withdraw(request, container, pk, review_id):
    document = selectors.document_get_for(container=container, pk=pk)
    review = reviews.review_get_for(document=document, pk=review_id)
    try:
        reviews.review_withdraw(actor=request.user, review=review)
    except ValidationError as error:
        return _refuse(request, container, document, error, 409)
    messages.success(request, "The review was withdrawn; the version is a draft again.")
    return redirect(document)


# Editing ------------------------------------------------------------------------------


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
    return _render(
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
    return _render(
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
        return _refuse(request, container, document, error, 409)
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
        return _refuse(request, container, document, error, 409)
    messages.success(request, f"{document} was moved to the trash.")
    return redirect(_folder_url(container, document.folder))


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
    return _render(
        request,
        "documents/document_downloads.html",
        {"container": container, "document": document, "downloads": rows, "has_more": has_more},
    )


# Trash --------------------------------------------------------------------------------


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
    return _render(
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


# Downloads (container-free links) -----------------------------------------------------


def _download(request, version):
    partial = request.headers.get("Range", "").replace(" ", "")
    # One record per download, not per resumed chunk of it.
    if request.method == "GET" and (not partial or partial.startswith("bytes=0-")):
        services.download_record(user=request.user, version=version)
    return file_response(
        request,
        name=version.file.name,
        size=version.size,
        content_type=files.download_content_type(version.content_type),
        filename=version.original_name,
        etag=version.sha256,
    )


@require_safe
def document_permalink(request, pk):
    """Always the latest version of the document, for anyone who may view it."""
    document = selectors.document_visible_get(user=request.user, pk=pk)
    version = document.latest_version
    version.document = document
    return _download(request, version)


@require_safe
def document_approved_permalink(request, pk):
    """Always the latest approved version of the document (404 until one is approved)."""
    document = selectors.document_visible_get(user=request.user, pk=pk)
    version = document.approved_version
    if version is None:
        raise Http404("No version of this document is approved yet.")
    version.document = document
    return _download(request, version)


@require_safe
def version_download(request, pk, number):
    """Always this version of the document, for anyone who may view it."""
    version = selectors.version_visible_get(user=request.user, pk=pk, number=number)
    return _download(request, version)
