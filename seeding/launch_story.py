"""The launch part of ``manage.py seed_demo``, told with the apps' chapters: pins on
North Sea's start page, a pending and an expired invitation, and (at the end) a
history of weekly visits so the adoption charts show a trend, and people who never
signed in or have not seen the start page yet."""

from datetime import timedelta
from typing import TYPE_CHECKING

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from alliance_hub.hooks import Chapter
from documents.models import Document
from jobs import runner
from jobs.models import Job
from wiki.models import Page
from workspaces import adoption, onboarding, pins, services
from workspaces.models import Membership, Organisation, WeeklyVisit
from workspaces.roles import Role

if TYPE_CHECKING:
    from seeding.alliances import Demo

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


def chapters(demo: "Demo") -> list[Chapter]:
    north = demo.workspaces["north-sea"]
    return [
        Chapter(timedelta(days=30), lambda demo: _pins(demo, north)),
        # A month in, North Sea's kick-off is done (Rhine's is not: its lead still sees it).
        Chapter(timedelta(days=29), lambda demo: _finish_kickoff(demo, north)),
        Chapter(timedelta(days=30), lambda demo: _invite(demo, north, "tomas@balticgrid.example")),
        Chapter(timedelta(days=2), lambda demo: _invite(demo, north, "lena@balticgrid.example")),
        Chapter(timedelta(0), seed),
    ]


def seed(demo):
    """At the end of the story: who visited when, and who has not yet."""
    _visits(demo, demo.workspaces["north-sea"])


def _pins(demo, north):
    anna = demo.users["anna"]
    pages = Page.objects.in_container(north).filter(path__in=["governance", "scope-of-work"])
    document = Document.objects.in_container(north).alive().order_by("created_at", "pk").first()
    for target in [*pages, *([document] if document else [])]:
        label = ContentType.objects.get_for_model(target).natural_key()
        pins.pin_add(actor=anna, workspace=north, target_ref=f"{'.'.join(label)}:{target.pk}")


def _finish_kickoff(demo, north):
    onboarding.kickoff_complete(actor=demo.users["anna"], workspace=north)


def _visits(demo, north):
    weeks = adoption.weeks_back(len(VISITS))
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
        welcomed = membership.joined_at + timedelta(hours=2)
        membership.welcomed_at = None if key in NOT_WELCOMED else welcomed
        membership.save(update_fields=["last_seen_at", "welcomed_at"])
        membership.user.last_login = membership.last_seen_at
        membership.user.save(update_fields=["last_login"])


def _invite(demo, north, email):
    """Marco invites a newcomer from Baltic Grid; Tomas's invitation (a month ago) has
    expired by now, Lena's is pending."""
    services.invitations_send(
        actor=demo.users["marco"],
        workspace=north,
        emails=[email],
        role=Role.MEMBER,
        organisation=Organisation.objects.get_or_create(name="Baltic Grid Operators")[0],
    )
    # The e-mail goes out at once, in the story's time (its link is valid from then).
    job = Job.objects.filter(kind="invitation_mails", workspace=north).latest("pk")
    runner.execute(job.pk)
