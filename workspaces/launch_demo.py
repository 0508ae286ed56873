"""The launch part of ``manage.py seed_demo``, run after every app's ``demo.seed``:
pins on North Sea's start page, a history of weekly visits so the adoption charts
show a trend, people who never signed in or have not seen the start page yet, and a
pending and an expired invitation."""

from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from documents.models import Document, Version
from microblog.models import StatusPost
from wiki.models import Page

from . import launch, services
from .models import Invitation, Membership, Organisation, WeeklyVisit
from .roles import Role

# Who visited North Sea in each of the last weeks (oldest first): adoption grows.
VISITS = [
    ["anna", "marco"],
    ["anna", "marco", "sofia"],
    ["anna", "marco", "sofia"],
    ["anna", "marco", "sofia", "elif"],
    ["anna", "marco", "sofia", "elif", "jonas"],
    ["anna", "marco", "sofia", "elif"],
    ["anna", "marco", "sofia", "elif", "jonas"],
    ["anna", "marco", "sofia", "elif", "jonas"],
]
NEVER_SIGNED_IN = {"pieter"}
NOT_WELCOMED = {"jonas", "pieter"}  # their first visit opens "Start here"


def seed(demo):
    north = demo.workspaces["north-sea"]
    _pins(demo, north)
    _visits(demo, north)
    _spread_over_weeks(north)
    _invitations(demo, north)


def _pins(demo, north):
    anna = demo.users["anna"]
    pages = Page.objects.in_container(north).filter(path__in=["governance", "scope-of-work"])
    document = Document.objects.in_container(north).alive().order_by("created_at", "pk").first()
    for target in [*pages, *([document] if document else [])]:
        label = ContentType.objects.get_for_model(target).natural_key()
        launch.pin_add(actor=anna, workspace=north, target_ref=f"{'.'.join(label)}:{target.pk}")


def _visits(demo, north):
    weeks = launch.weeks_back(len(VISITS))
    for week, keys in zip(weeks, VISITS, strict=True):
        WeeklyVisit.objects.bulk_create(
            [WeeklyVisit(workspace=north, user=demo.users[k], week=week) for k in keys],
            ignore_conflicts=True,
        )
    now = timezone.now()
    for membership in Membership.objects.filter(workspace=north).select_related("user"):
        key = next(k for k, u in demo.users.items() if u.pk == membership.user_id)
        if key in NEVER_SIGNED_IN:
            continue
        days_ago = 0 if key in VISITS[-1] else 20
        membership.last_seen_at = now - timedelta(days=days_ago, hours=3)
        membership.welcomed_at = None if key in NOT_WELCOMED else now - timedelta(weeks=7)
        membership.save(update_fields=["last_seen_at", "welcomed_at"])
        membership.user.last_login = membership.last_seen_at
        membership.user.save(update_fields=["last_login"])


def _spread_over_weeks(north):
    """The seeded posts and uploads all happened just now; date them back over the
    last weeks (demo only) so the charts show the alliance's history."""
    weeks = len(VISITS)
    # A thread, and a document's versions, move back together so their order holds.
    for post in StatusPost.objects.filter(workspace=north):
        back = timedelta(weeks=(post.reply_to_id or post.pk) % weeks)
        StatusPost.objects.filter(pk=post.pk).update(created_at=post.created_at - back)
    for version in Version.objects.filter(document__workspace=north):
        back = timedelta(weeks=version.document_id % weeks)
        Version.objects.filter(pk=version.pk).update(uploaded_at=version.uploaded_at - back)
    revisions = Page.history.model.objects.filter(workspace_id=north.pk)
    for revision in revisions:
        back = timedelta(weeks=revision.id % weeks)
        revisions.filter(pk=revision.pk).update(history_date=revision.history_date - back)


def _invitations(demo, north):
    organisation = Organisation.objects.get_or_create(name="Baltic Grid Operators")[0]
    services.invitations_send(
        actor=demo.users["marco"],
        workspace=north,
        emails=["lena@balticgrid.example", "tomas@balticgrid.example"],
        role=Role.MEMBER,
        organisation=organisation,
        new_partner=True,
    )
    Invitation.objects.filter(workspace=north, email="tomas@balticgrid.example").update(
        expires_at=timezone.now() - timedelta(days=3)
    )
