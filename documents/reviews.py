"""Review and approval of document versions: the services (writes) and the reads the
pages need. A version is a draft until sent for review; reviewers approve or request
changes; when the review's rule is met the version is approved and becomes the one the
"latest approved" link serves, and the version approved before it is superseded.

Races: every decision locks the review row first, so two reviewers approving at the
same instant are counted one after the other and the second sees the first's vote.
A reviewer who loses access (removed from the alliance, from a private group, made an
observer) keeps their recorded decision, but it no longer counts; the rule is
re-evaluated then (see ``reviews_reevaluate_for``, called on membership changes).
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.http import Http404
from django.utils import timezone

from alliance_hub.hooks import search_changed
from workspaces.access import require_action, visible_in
from workspaces.activity import notify, record_activity
from workspaces.models import Membership, Organisation
from workspaces.roles import Action

from . import policies
from .models import Document, Review, Reviewer, Version

MAX_REVIEWERS = 30

# The notifications reviews send, and what the notification list calls them
# (registered in apps.py).
REVIEW_REQUESTED = "review_requested"
REVIEW_DECIDED = "review_decided"
VERSION_APPROVED = "version_approved"
NOTIFICATION_KINDS = {
    REVIEW_REQUESTED: "Review requested",
    REVIEW_DECIDED: "Reviewer's decision",
    VERSION_APPROVED: "Version approved",
}


def _container(version):
    return version.document.container


# Sending -----------------------------------------------------------------------------


@transaction.atomic
def review_send(*, actor, version, reviewers, rule=Review.Rule.ALL, message="", due_date=None):
    """Send ``version`` (a draft) for review to ``reviewers`` (contributors).

    Every reviewer must be able to approve in the document's container (observers and
    outsiders cannot). Atomic; locks the document. Raises PermissionDenied,
    ValidationError (not a draft, nobody or someone unable to approve named)."""
    container = _container(version)
    require_action(actor, container, Action.CONTRIBUTE)
    Document.objects.select_for_update().filter(pk=version.document_id).first()
    version.refresh_from_db(fields=["state"])
    if version.document.is_trashed:
        raise ValidationError("This document is in the trash.")
    if version.state != Version.State.DRAFT:
        raise ValidationError(
            f"Version {version.number} is {version.get_state_display().lower()}; "
            "only a draft can be sent for review."
        )
    if rule not in Review.Rule.values:
        raise ValidationError("Choose how the review is decided.")
    people = list(dict.fromkeys(reviewers))
    if not people:
        raise ValidationError("Name at least one reviewer.")
    if len(people) > MAX_REVIEWERS:
        raise ValidationError(f"Name at most {MAX_REVIEWERS} reviewers.")
    allowed = set(
        policies.users_who_may_review(container)
        .filter(pk__in=[p.pk for p in people])
        .values_list("pk", flat=True)
    )
    refused = [str(p) for p in people if p.pk not in allowed]
    if refused:
        raise ValidationError(
            f"{', '.join(refused)} cannot approve here (observers and people without "
            "access to this document cannot review)."
        )
    orgs = dict(
        Membership.objects.filter(workspace=container.workspace, user__in=people)
        .select_related("organisation")
        .values_list("user_id", "organisation")
    )
    org_names = dict(Organisation.objects.filter(pk__in=orgs.values()).values_list("pk", "name"))
    review = Review.objects.create(
        version=version,
        rule=rule,
        message=message[:500],
        due_date=due_date,
        requested_by=actor,
    )
    Reviewer.objects.bulk_create(
        Reviewer(
            review=review,
            user=person,
            user_name=str(person)[:200],
            organisation_id=orgs.get(person.pk),
            organisation_name=org_names.get(orgs.get(person.pk), "")[:200],
        )
        for person in people
    )
    Version.objects.filter(pk=version.pk).update(state=Version.State.IN_REVIEW)
    version.state = Version.State.IN_REVIEW
    search_changed("document", version.document_id)  # results show the state
    document = version.document
    record_activity(
        actor=actor,
        verb=f"sent version {version.number} for review:",
        target=document,
        container=container,
    )
    notify(
        recipients=people,
        kind=REVIEW_REQUESTED,
        actor=actor,
        text=f"{actor} asks you to review {document} (version {version.number})",
        target=review,
        container=container,
    )
    return review


# Deciding ----------------------------------------------------------------------------


def _locked_open_review(review):
    locked = (
        Review.objects.select_for_update().filter(pk=review.pk, outcome=Review.Outcome.OPEN).first()
    )
    if locked is None:
        raise ValidationError("This review is closed; nothing was recorded.")
    locked.version = review.version
    return locked


def _counting_reviewers(review):
    """The review's reviewers whose votes count now (one query)."""
    may = policies.users_who_may_review(_container(review.version)).values("pk")
    return list(review.reviewers.filter(user__in=may))


def rule_met(review, reviewers):
    approved = [r for r in reviewers if r.decision == Reviewer.Decision.APPROVED]
    if not reviewers:
        return False
    if review.rule == Review.Rule.ALL:
        return len(approved) == len(reviewers)
    organisations = {r.organisation_id for r in reviewers}
    return organisations == {r.organisation_id for r in approved}


def _close(review, outcome, actor):
    review.outcome = outcome
    review.closed_at = timezone.now()
    review.save(update_fields=["outcome", "closed_at"])


def _approve_version(review, actor):
    """Make the review's version the approved one (the caller holds the review lock)."""
    version = review.version
    document = Document.objects.select_for_update().get(pk=version.document_id)
    previous = document.approved_version
    if previous is not None and previous.number > version.number:
        state = Version.State.SUPERSEDED  # a newer version was approved meanwhile
    else:
        state = Version.State.APPROVED
        if previous is not None:
            Version.objects.filter(pk=previous.pk).update(state=Version.State.SUPERSEDED)
        Document.objects.filter(pk=document.pk).update(approved_version=version)
        version.document.approved_version = version
    Version.objects.filter(pk=version.pk).update(state=state)
    version.state = state
    search_changed("document", document.pk)
    _close(review, Review.Outcome.APPROVED, actor)
    container = _container(version)
    record_activity(
        actor=actor,
        verb=f"approved version {version.number} of",
        target=version.document,
        container=container,
    )
    _tell_author(
        review,
        actor,
        f"{version.document} (version {version.number}) is approved",
        kind=VERSION_APPROVED,
    )


def _tell_author(review, actor, text, kind=REVIEW_DECIDED):
    notify(
        recipients={review.requested_by_id, review.version.uploaded_by_id} - {None},
        kind=kind,
        actor=actor,
        text=text,
        target=review,
        container=_container(review.version),
    )


def _evaluate(review, actor):
    if rule_met(review, _counting_reviewers(review)):
        _approve_version(review, actor)


@transaction.atomic
def review_decide(*, actor, review, approve, comment=""):
    """Record ``actor``'s decision on an open review (its reviewers, while they may
    contribute to the container; observers never approve).

    Approving may meet the rule and approve the version; requesting changes (a comment
    is required) closes the review and the version is a draft again. Atomic; locks the
    review. Raises PermissionDenied, ValidationError (closed, not a reviewer, already
    decided, no comment)."""
    container = _container(review.version)
    require_action(actor, container, policies.REVIEW_ACTION)
    review = _locked_open_review(review)
    reviewer = review.reviewers.filter(user=actor).first()
    if reviewer is None:
        raise PermissionDenied("You are not a reviewer of this version.")
    if reviewer.decision != Reviewer.Decision.PENDING:
        raise ValidationError("You have already decided on this version.")
    comment = comment.strip()
    if not approve and not comment:
        raise ValidationError("Say which changes you need: a comment is required.")
    reviewer.decision = (
        Reviewer.Decision.APPROVED if approve else Reviewer.Decision.CHANGES_REQUESTED
    )
    reviewer.comment = comment[:5000]
    reviewer.decided_at = timezone.now()
    reviewer.save(update_fields=["decision", "comment", "decided_at"])
    version, document = review.version, review.version.document
    verb = "approved" if approve else "requested changes to"
    record_activity(
        actor=actor,
        verb=f"{verb} version {version.number} of",
        target=document,
        container=container,
    )
    _tell_author(review, actor, f"{actor} {verb} {document} (version {version.number})")
    if approve:
        _evaluate(review, actor)
    else:
        _close(review, Review.Outcome.CHANGES_REQUESTED, actor)
        Version.objects.filter(pk=version.pk).update(state=Version.State.DRAFT)
        version.state = Version.State.DRAFT
        search_changed("document", document.pk)
    return reviewer


@transaction.atomic
def review_withdraw(*, actor, review):
    """Withdraw an open review (whoever sent it, or a moderator): the version is a draft
    again; recorded decisions stay. Raises PermissionDenied, ValidationError."""
    container = _container(review.version)
    access = require_action(actor, container, Action.CONTRIBUTE)
    if not policies.may_withdraw_review(actor, access, review):
        raise PermissionDenied(
            "Only whoever sent it, a lead or a community manager can withdraw it."
        )
    review = _locked_open_review(review)
    _close(review, Review.Outcome.WITHDRAWN, actor)
    Version.objects.filter(pk=review.version_id).update(state=Version.State.DRAFT)
    search_changed("document", review.version.document_id)
    record_activity(
        actor=actor,
        verb=f"withdrew the review of version {review.version.number} of",
        target=review.version.document,
        container=container,
    )
    return review


def reviews_reevaluate_for(*, user_id, workspace_id):
    """Re-evaluate the open reviews ``user_id`` reviews in a workspace after their access
    changed: their vote no longer counts, so the others' may now meet the rule."""
    open_reviews = Review.objects.filter(
        outcome=Review.Outcome.OPEN,
        reviewers__user_id=user_id,
        version__document__workspace_id=workspace_id,
    ).select_related("version__document__workspace", "version__document__group")
    for review in open_reviews:
        with transaction.atomic():
            try:
                locked = _locked_open_review(review)
            except ValidationError:
                continue
            _evaluate(locked, None)


# Reads -------------------------------------------------------------------------------


def reviews_for_document(*, document):
    """The document's five most recent reviews, each with ``decisions`` (its reviewers),
    in one query; none when the selector found no review (``has_reviews``)."""
    if not getattr(document, "has_reviews", True):
        return []
    recent = Review.objects.filter(version__document=document).order_by("-id")[:5]
    rows = (
        Reviewer.objects.filter(review__in=recent.values("pk"))
        .select_related("review__version", "review__requested_by")
        .order_by("-review_id", "organisation_name", "user_name")
    )
    reviews = {}
    for reviewer in rows:
        review = reviews.setdefault(reviewer.review_id, reviewer.review)
        review.__dict__.setdefault("decisions", []).append(reviewer)
        review.version.document = document
    return list(reviews.values())


def review_get_for(*, document, pk):
    """A review of one of ``document``'s versions (the caller resolved the document
    through the access layer); else Http404."""
    review = (
        Review.objects.filter(version__document=document, pk=pk).select_related("version").first()
    )
    if review is None:
        raise Http404("No such review.")
    review.version.document = document
    return review


def reviews_to_do(*, user, workspace):
    """Open reviews waiting for ``user``'s decision in ``workspace`` that they may still
    see (one query)."""
    return list(
        Reviewer.objects.filter(
            user=user,
            decision=Reviewer.Decision.PENDING,
            review__outcome=Review.Outcome.OPEN,
            review__version__document__deleted_at__isnull=True,
        )
        .filter(visible_in(user, workspace, "review__version__document__"))
        .select_related("review__version__document__workspace", "review__version__document__group")
        .order_by(F("review__due_date").asc(nulls_last=True), "pk")
    )
