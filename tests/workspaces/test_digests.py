from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from tests.microblog.helpers import blog, post
from workspaces import services as workspace_services
from workspaces.models import Activity


@pytest.fixture
def digests(world):
    """Everyone's last digest was 8 days ago; then things happened."""
    from django.contrib.auth import get_user_model

    get_user_model().objects.update(digest_sent_at=timezone.now() - timedelta(days=8))
    post(world.lead, world.workspace, "Workspace news")
    post(world.lead, world.private_group, "Steering secret")
    blog(world.lead, world.workspace, title="Quarterly report")
    return world


def _mail_to(user):
    return [m for m in mail.outbox if m.to == [user.email]]


def test_a_weekly_digest_lists_what_happened_with_absolute_links(digests, settings):
    settings.SITE_URL = "https://hub.example"
    call_command("send_digests")
    (message,) = _mail_to(digests.member)
    assert "Workspace news" in message.body
    assert "Quarterly report" in message.body
    assert "https://hub.example/w/" in message.body
    assert message.attachments == []
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert 'href="https://hub.example/w/' in html


def test_private_group_activity_reaches_only_the_group_members(digests):
    call_command("send_digests")
    assert "Steering secret" in _mail_to(digests.member)[0].body
    assert "Steering secret" not in _mail_to(digests.non_group_member)[0].body


def test_running_twice_sends_nothing_the_second_time(digests):
    call_command("send_digests")
    first = len(mail.outbox)
    assert first > 0
    call_command("send_digests")
    assert len(mail.outbox) == first


def test_digest_sent_at_moves_forward_even_when_nothing_happened(world):
    from django.contrib.auth import get_user_model

    world.observer.digest_sent_at = timezone.now() - timedelta(days=8)
    world.observer.save()
    Activity.objects.all().delete()
    call_command("send_digests")
    assert not _mail_to(world.observer)
    assert get_user_model().objects.get(pk=world.observer.pk).digest_sent_at > (
        timezone.now() - timedelta(minutes=1)
    )


def test_a_digest_is_not_due_before_its_period(digests):
    from django.contrib.auth import get_user_model

    recently = timezone.now() - timedelta(days=3)
    get_user_model().objects.filter(pk=digests.member.pk).update(digest_sent_at=recently)
    call_command("send_digests")
    assert not _mail_to(digests.member)
    get_user_model().objects.filter(pk=digests.member.pk).update(digest_frequency="daily")
    call_command("send_digests")
    assert len(_mail_to(digests.member)) == 1


def test_people_who_chose_no_digest_get_none(digests):
    digests.member.digest_frequency = "none"
    digests.member.save()
    call_command("send_digests")
    assert not _mail_to(digests.member)


def test_own_actions_are_left_out(digests):
    call_command("send_digests")
    (message,) = _mail_to(digests.lead)  # others joined the workspace meanwhile
    assert "joined" in message.body
    assert "Workspace news" not in message.body


def test_removed_members_get_nothing_about_the_workspace_they_left(digests):
    workspace_services.member_remove(
        actor=digests.lead, membership=digests.workspace.memberships.get(user=digests.member)
    )
    call_command("send_digests")
    assert not any("Workspace news" in m.body for m in _mail_to(digests.member))
    assert not any("Workspace news" in m.body for m in _mail_to(digests.removed))


def test_dry_run_sends_nothing_and_changes_nothing(digests):
    from django.contrib.auth import get_user_model

    before = get_user_model().objects.get(pk=digests.member.pk).digest_sent_at
    call_command("send_digests", "--dry-run")
    assert mail.outbox == []
    assert get_user_model().objects.get(pk=digests.member.pk).digest_sent_at == before


def test_frequency_option_limits_the_run(digests):
    from django.contrib.auth import get_user_model

    get_user_model().objects.filter(pk=digests.member.pk).update(digest_frequency="daily")
    call_command("send_digests", "--frequency", "daily")
    assert [m.to for m in mail.outbox] == [[digests.member.email]]


def test_inactive_people_get_no_digest(digests):
    digests.member.is_active = False
    digests.member.save()
    call_command("send_digests")
    assert not _mail_to(digests.member)
