"""What ``run_periodic`` schedules: digests, expired locks and invitations, the trash
purge and job recovery; each runs once per period and changes nothing if run again."""

import io
from datetime import timedelta

from django.core import mail
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.utils import timezone

from documents import services as documents
from documents.models import Document
from jobs.models import PeriodicRun
from tests.documents.helpers import make_document
from tests.microblog.helpers import post
from workspaces import services, tasks
from workspaces.models import Invitation, Notification
from workspaces.roles import Role


def _tick(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("run_periodic", stdout=io.StringIO())


def test_one_tick_runs_every_periodic_entry_once(
    world, settings, django_capture_on_commit_callbacks
):
    settings.TRASH_RETENTION_DAYS = 30
    old = make_document(world.workspace, world.member, "old.txt", b"old")
    recent = make_document(world.workspace, world.member, "recent.txt", b"recent")
    for document in (old, recent):
        documents.document_trash(actor=world.lead, document=document)
    Document.objects.filter(pk=old.pk).update(deleted_at=timezone.now() - timedelta(days=31))
    old_file = old.latest_version.file.name
    locked = make_document(world.workspace, world.member, "locked.txt", b"x")
    documents.document_lock(actor=world.member, document=locked)
    Document.objects.filter(pk=locked.pk).update(locked_until=timezone.now())
    post(world.lead, world.workspace, "News for the digest")

    _tick(django_capture_on_commit_callbacks)
    _tick(django_capture_on_commit_callbacks)

    assert not Document.objects.filter(pk=old.pk).exists() and not default_storage.exists(old_file)
    assert Document.objects.filter(pk=recent.pk).exists()
    assert Document.objects.get(pk=locked.pk).locked_by is None
    digests = [m for m in mail.outbox if world.member.email in m.to]
    assert len(digests) == 1
    names = set(PeriodicRun.objects.values_list("name", flat=True))
    assert {"workspaces.digests", "documents.trash_purge", "jobs.recover"} <= names
    assert PeriodicRun.objects.count() == len(names)


def test_an_inviter_hears_once_of_an_invitation_that_expired(world):
    services.invitations_send(
        actor=world.community_manager,
        workspace=world.workspace,
        emails=["late@example.net"],
        role=Role.MEMBER,
        organisation=world.workspace.partners.first(),
    )
    period = timezone.now().replace(minute=0, second=0, microsecond=0)
    Invitation.objects.update(expires_at=period - timedelta(minutes=10))

    told = [tasks.tell_inviters_of_expired_invitations.call(period.isoformat()) for _ in "12"]

    assert told == [1, 0]
    (note,) = Notification.objects.filter(recipient=world.community_manager)
    assert "late@example.net" in note.text and "expired" in note.text
