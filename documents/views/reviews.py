"""Sending a document for review, deciding and withdrawing."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from workspaces.access import container_view
from workspaces.roles import Action

from .. import policies, reviews, selectors
from ..forms import ReviewDecisionForm, ReviewSendForm
from .document import refuse


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
    return render(
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
        return refuse(request, container, document, "Approve or request changes.")
    approve = form.cleaned_data["decision"] == "approve"
    try:
        reviews.review_decide(
            actor=request.user, review=review, approve=approve, comment=form.cleaned_data["comment"]
        )
    except ValidationError as error:
        return refuse(request, container, document, error, 409)
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
        return refuse(request, container, document, error, 409)
    messages.success(request, "The review was withdrawn; the version is a draft again.")
    return redirect(document)
