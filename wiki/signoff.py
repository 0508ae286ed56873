"""Sign-off of wiki pages by partner organisations: services and the reads the pages
need. A lead asks for sign-off of the page's current revision by each partner (or a
subset); each organisation's signatory signs exactly that revision. An edit after the
request does not move the request: the page says the current text is not the signed
one and links to the diff.

Races: signing locks the request row; a signatory who signs from a page showing an
older request, or another revision than the request's, is refused with a message that
says which revision is asked for now. Nothing is ever deleted here, so no signature is
lost when the signatory or their organisation leaves.
"""

import csv
import hashlib

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, Subquery
from django.utils import timezone

from alliance_hub.csvfiles import new_buffer, spreadsheet_safe
from workspaces.access import require_action, visible_in
from workspaces.activity import notify, record_activity
from workspaces.models import Membership, Workspace

from . import policies
from .models import Page, SignatoryRoles, Signoff, SignoffRequest

# The notifications sign-off sends, and what the notification list calls them
# (registered in apps.py).
SIGNOFF_REQUESTED = "signoff_requested"
SIGNED = "signoff_signed"
NOTIFICATION_KINDS = {
    SIGNOFF_REQUESTED: "Sign-off requested",
    SIGNED: "Signed for a partner",
}


def content_hash(body):
    return hashlib.sha256(body.encode()).hexdigest()


@transaction.atomic
def signoff_request(*, actor, page, organisations=None, due_date=None, revision=None):
    """Ask ``organisations`` (default: every partner of the workspace) to sign the page's
    current revision (leads); with ``revision`` (the one the lead saw), only if it is
    still the current one. Replaces any earlier request as the current one; earlier
    signatures stay on record. Raises PermissionDenied, ValidationError."""
    container = page.container
    require_action(actor, container, policies.REQUEST_ACTION)
    page = Page.objects.select_for_update().get(pk=page.pk)
    if page.is_trashed:
        raise ValidationError("This page is in the trash.")
    if revision is not None and revision != page.revision:
        raise ValidationError(
            f"The page was edited since you read it (now revision {page.revision}); "
            "read it again and ask for sign-off. Nothing was asked."
        )
    partners = container.workspace.partners.all()
    chosen = list(partners if organisations is None else partners.filter(pk__in=organisations))
    if not chosen or (organisations is not None and len(chosen) != len(set(organisations))):
        raise ValidationError("Choose partner organisations of this workspace.")
    digest = content_hash(page.body)
    request = SignoffRequest.objects.create(
        page=page,
        revision=page.revision,
        content_hash=digest,
        requested_by=actor,
        due_date=due_date,
    )
    Signoff.objects.bulk_create(
        Signoff(
            request=request,
            organisation=org,
            organisation_name=org.name[:200],
            revision=page.revision,
            content_hash=digest,
        )
        for org in chosen
    )
    page.set_container(container)
    request.page = page
    record_activity(
        actor=actor,
        verb=f"asked partners to sign revision {page.revision} of",
        target=page,
        container=container,
    )
    notify(
        recipients=policies.signatories(container, chosen),
        kind=SIGNOFF_REQUESTED,
        actor=actor,
        text=f"{actor} asks your organisation to sign {page} (revision {page.revision})",
        target=request,
        container=container,
    )
    return request


def _locked_current_request(page, request_id):
    current = SignoffRequest.objects.select_for_update().filter(page=page).order_by("-id").first()
    if current is None:
        raise ValidationError("Nobody has asked for sign-off of this page.")
    if current.pk != request_id:
        raise ValidationError(
            f"Sign-off is now asked for revision {current.revision}; "
            "read that revision and sign again. Nothing was signed."
        )
    return current


@transaction.atomic
def page_sign(*, actor, page, request_id, revision):
    """Sign, for ``actor``'s organisation, the revision asked for by request
    ``request_id``; ``revision`` is the one the signatory was shown, and must be it.

    Atomic; locks the request. Raises PermissionDenied (not a signatory), ValidationError
    (another request or revision is current, nothing owed, already signed)."""
    container = page.container
    require_action(actor, container, policies.Action.VIEW)
    membership = policies.signing_membership(actor, container)
    if membership is None:
        raise PermissionDenied("Your role may not sign for your organisation here.")
    request = _locked_current_request(page, request_id)
    if revision != request.revision:
        raise ValidationError(
            f"You were shown revision {revision}, but sign-off is asked for revision "
            f"{request.revision}; read that revision and sign again. Nothing was signed."
        )
    signoff = request.signoffs.filter(organisation=membership.organisation).first()
    if signoff is None:
        raise ValidationError(f"{membership.organisation} is not asked to sign this page.")
    if signoff.is_signed:
        raise ValidationError(
            f"{signoff.signer_name} already signed for {signoff.organisation_name}."
        )
    signoff.signed_by = actor
    signoff.signer_name = str(actor)[:200]
    signoff.signed_at = timezone.now()
    signoff.save(update_fields=["signed_by", "signer_name", "signed_at"])
    page.set_container(container)
    request.page = page
    record_activity(
        actor=actor,
        verb=f"signed revision {request.revision} for {signoff.organisation_name}:",
        target=page,
        container=container,
    )
    notify(
        recipients=[request.requested_by_id],
        kind=SIGNED,
        actor=actor,
        text=f"{actor} signed {page} for {signoff.organisation_name}",
        target=request,
        container=container,
    )
    return signoff


@transaction.atomic
def signatory_roles_set(*, actor, workspace, roles):
    """Set which roles may sign for their organisation (leads). Raises ValidationError."""
    require_action(actor, workspace, policies.REQUEST_ACTION)
    allowed = {value for value, _ in policies.SIGNING_ROLE_CHOICES}
    if not roles or not set(roles) <= allowed:
        raise ValidationError("Choose at least one of lead, community manager, member.")
    SignatoryRoles.objects.update_or_create(
        workspace=workspace, defaults={"roles": ",".join(sorted(set(roles)))}
    )


# Reads -------------------------------------------------------------------------------


class Status:
    """What a page shows: the current request, its rows, and how many partners signed."""

    def __init__(self, signoffs, page):
        self.request = signoffs[0].request
        self.signoffs = signoffs
        # An organisation that left no longer owes a signature; what it signed stays.
        counted = [s for s in signoffs if s.is_signed or s.still_partner]
        self.owed = len(counted)
        self.signed = sum(1 for s in counted if s.is_signed)
        self.revision = self.request.revision
        self.outdated = page.revision != self.request.revision


def status_for(*, page):
    """The page's current sign-off status, or None. One query; none when the page came
    from a selector that found no request (``signoff_request_id`` None)."""
    request_id = getattr(page, "signoff_request_id", False)
    if request_id is None:
        return None
    partners = Workspace.partners.through.objects.filter(
        workspace_id=page.workspace_id, organisation_id=OuterRef("organisation_id")
    )
    rows = Signoff.objects.select_related("request__requested_by").annotate(
        still_partner=Exists(partners)
    )
    if request_id:
        rows = rows.filter(request_id=request_id)
    else:
        latest = page.signoff_requests.order_by("-id").values("pk")[:1]
        rows = rows.filter(request_id=Subquery(latest))
    signoffs = list(rows.order_by("organisation_name"))
    return Status(signoffs, page) if signoffs else None


def signoff_csv(*, page=None, container=None):
    """Every sign-off record (of one page, or of a container's pages) as CSV bytes with a
    UTF-8 BOM, so spreadsheet programs read the names right. One query."""
    rows = Signoff.objects.select_related("request__page").order_by(
        "request__page__path", "request_id", "organisation_name"
    )
    if page is not None:
        rows = rows.filter(request__page=page)
    else:
        rows = rows.filter(request__page__in=Page.objects.in_container(container))
    out = new_buffer()
    writer = csv.writer(out)
    writer.writerow(
        ["page", "organisation", "status", "signed by", "revision", "signed at", "sha256"]
    )
    for s in rows:
        writer.writerow(
            [
                spreadsheet_safe(s.request.page.path),
                spreadsheet_safe(s.organisation_name),
                "signed" if s.is_signed else "owed",
                spreadsheet_safe(s.signer_name),
                s.revision,
                s.signed_at.isoformat() if s.signed_at else "",
                s.content_hash,
            ]
        )
    return out.getvalue().encode()


def signoffs_owed_by(*, user, workspace):
    """Sign-offs ``user`` may give for their organisation in ``workspace``, on current
    requests of pages they may see (two queries)."""
    membership = Membership.objects.filter(
        workspace=workspace, user=user, role__in=policies.signatory_roles(workspace)
    ).first()
    if membership is None:
        return []
    newer = SignoffRequest.objects.filter(
        page=OuterRef("request__page"), id__gt=OuterRef("request_id")
    )
    rows = (
        Signoff.objects.filter(
            organisation_id=membership.organisation_id,
            signed_at__isnull=True,
            request__page__deleted_at__isnull=True,
        )
        .filter(visible_in(user, workspace, "request__page__"))
        .exclude(Exists(newer))
        .select_related("request__page__workspace", "request__page__group")
    )
    return list(rows)
