"""The document page and its versions: list, upload, restore, diff and preview."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_GET, require_POST, require_safe

from alliance_hub.params import query_id
from workspaces.access import container_view
from workspaces.roles import Action

from .. import files, office_previews, policies, previews, reviews, selectors, services
from ..forms import DiffForm, VersionForm
from ..serving import file_response
from ..uploads import accepts_uploads
from .common import error_text, too_large_message


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
        document.share_container(document.folder)
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
    return render(request, "documents/document_detail.html", context, status=status)


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
    return render(
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


def refuse(request, container, document, error, status=400, version_form=None):
    messages.error(request, error_text(error))
    document = selectors.document_get_for(container=container, pk=document.pk, viewer=request.user)
    return _document_page(request, container, document, version_form=version_form, status=status)


@container_view(Action.CONTRIBUTE)
@require_POST
@accepts_uploads
def version_upload(request, container, pk):
    document = selectors.document_get_for(container=container, pk=pk)
    form = VersionForm(request.POST, request.FILES)
    if request.too_large_uploads:
        return refuse(request, container, document, too_large_message(request), 413, form)
    if not form.is_valid():
        return refuse(request, container, document, "Choose the file to upload.", 400, form)
    try:
        version = services.version_upload(
            actor=request.user,
            document=document,
            upload=form.cleaned_data["file"],
            change_note=form.cleaned_data["change_note"],
            release_lock=form.cleaned_data["release_lock"],
        )
    except services.DuplicateUpload as error:
        return refuse(request, container, document, error, 409)
    except ValidationError as error:
        return refuse(request, container, document, error, 409)
    messages.success(request, f"Version {version.number} was added.")
    return redirect(document)


@container_view(Action.CONTRIBUTE)
@require_POST
def version_restore(request, container, pk, number):
    document = selectors.document_get_for(container=container, pk=pk)
    try:
        version = services.version_restore(actor=request.user, document=document, number=number)
    except ValidationError as error:
        return refuse(request, container, document, error, 409)
    messages.success(request, f"Version {number} is now the latest (version {version.number}).")
    return redirect(document)


@container_view(Action.VIEW)
@require_GET
def version_diff(request, container, pk):
    document = selectors.document_get_for(container=container, pk=pk)
    form = DiffForm(request.GET)
    if not form.is_valid():
        return refuse(request, container, document, "Choose two versions to compare.")
    old = selectors.version_get_for(document=document, number=form.cleaned_data["old"])
    new = selectors.version_get_for(document=document, number=form.cleaned_data["new"])
    if not (old.is_comparable and new.is_comparable):
        return refuse(
            request, container, document, "Only text files and Word documents can be compared."
        )
    try:
        diff, not_ready = previews.version_diff(old, new), ""
    except previews.TextNotReady as why:
        diff, not_ready = None, str(why)
    return render(
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
