"""seed_demo tells one story: every time in the demo agrees with every other (the
stream in time order, versions after their document, notifications as old as what
caused them, all before "now"), and its output is a short list of personas, with
``--json`` one JSON document even when e-mails are printed to standard output."""

import json
import re
from datetime import datetime, timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from documents.models import Document, Reviewer, Version
from microblog.models import BlogComment, StatusPost
from profiles.models import User
from tests.factories import UserFactory, add_member
from wiki.models import Page, Signoff
from workspaces.models import Activity, Notification, Workspace

pytestmark = pytest.mark.django_db

SECOND = timedelta(seconds=1)
TIME = re.compile(r'<time[^>]*datetime="([^"]+)"')


@pytest.fixture
def seeded(seeded_demo):
    """The demo, seeded with e-mails printed to standard output as in development."""
    return seeded_demo


def test_json_output_is_one_document_with_the_two_factor_secret(seeded):
    out = seeded.out
    rows = json.loads(out)  # the whole of standard output: no e-mail printed before it
    assert "Subject:" not in out
    sofia = [row for row in rows if row["email"] == "sofia@tudelft.example"]
    assert {row["totp_secret"] for row in sofia} == {"AHUBDEMOSOFIA2FA"}
    assert sum(1 for row in rows if row["persona"]) == 5


def test_the_story_runs_forward_in_time_and_ends_now(seeded):
    started = seeded.started
    stream = list(Activity.objects.order_by("id").values_list("created_at", flat=True))
    assert stream == sorted(stream)  # id order is time order: the stream never jumps back
    assert stream[0] < started - timedelta(weeks=5)  # six weeks of alliance life
    assert stream[-1] <= timezone.now()
    for document in Document.objects.all():
        times = list(document.versions.order_by("number").values_list("uploaded_at", flat=True))
        assert times == sorted(times) and times[0] >= document.created_at - SECOND
    for page in Page.objects.all():
        revisions = Page.history.filter(id=page.pk).order_by("history_id")
        dates = list(revisions.values_list("history_date", flat=True))
        assert dates == sorted(dates) and dates[0] >= page.created_at - SECOND
    for reply in StatusPost.objects.filter(reply_to__isnull=False).select_related("reply_to"):
        assert reply.created_at > reply.reply_to.created_at
    for comment in BlogComment.objects.select_related("post"):
        assert comment.created_at > comment.post.published_at
    for reviewer in Reviewer.objects.filter(decided_at__isnull=False).select_related("review"):
        assert reviewer.decided_at > reviewer.review.requested_at
    for signoff in Signoff.objects.filter(signed_at__isnull=False).select_related("request"):
        assert signoff.signed_at > signoff.request.requested_at


def test_notifications_are_as_old_as_their_cause(seeded):
    checked = 0
    for notification in Notification.objects.all():
        cause = _cause_time(notification)
        if cause is not None:
            assert abs(notification.created_at - cause) < SECOND, notification.text
            checked += 1
    assert checked >= 20
    # A week-old mention does not read "minutes ago".
    mention = Notification.objects.filter(kind="mention", text__contains="D2.1").first()
    assert timezone.now() - mention.created_at > timedelta(days=2)


def _cause_time(notification):
    """The time of what the notification is about: a post, a reply, a blog comment or
    a new version (None for other kinds)."""
    url = notification.target_url
    if match := re.search(r"#comment-(\d+)$", url):
        return BlogComment.objects.get(pk=match[1]).created_at
    if match := re.search(r"/stream/(\d+)/(?:#post-(\d+))?$", url):
        return StatusPost.objects.get(pk=match[2] or match[1]).created_at
    if notification.kind == "new_version":
        document = re.search(r"/docs/(\d+)/$", url)[1]
        number = re.search(r"\(version (\d+)\)", notification.text)[1]
        return Version.objects.get(document_id=document, number=number).uploaded_at
    return None


def test_pages_show_the_stream_and_notifications_newest_first(seeded, client):
    client.force_login(User.objects.get(email="anna@nordicwind.example"))
    url = reverse("workspaces:dashboard", args=[Workspace.objects.get(slug="north-sea")])
    first = client.get(url).content.decode()
    older = re.search(r'href="\?before=(\d+)"', first)[1]
    shown = _stream_times(first) + _stream_times(client.get(url, {"before": older}).content)
    assert len(shown) >= 20 and shown == sorted(shown, reverse=True)

    page = client.get(reverse("workspaces:notification_list")).content.decode()
    times = [datetime.fromisoformat(t) for t in TIME.findall(page)]
    assert len(times) >= 5 and times == sorted(times, reverse=True)
    assert times[-1] < timezone.now() - timedelta(days=1)  # old causes, old notifications


def _stream_times(html):
    html = html.decode() if isinstance(html, bytes) else html
    items = html.split('id="stream-items"', 1)[-1].split("</ul>", 1)[0]
    return [datetime.fromisoformat(t) for t in TIME.findall(items)]


def test_document_versions_on_the_page_come_after_its_creation(seeded, client):
    client.force_login(User.objects.get(email="anna@nordicwind.example"))
    agreement = Document.objects.get(title="Consortium agreement")
    page = client.get(agreement.get_absolute_url()).content.decode()
    created = datetime.strptime(re.search(r"on (\d+ \w+ \d{4})\.", page)[1], "%d %b %Y").date()
    versions = [timezone.localdate(datetime.fromisoformat(t)) for t in TIME.findall(page)]
    assert len(versions) >= 3 and all(day >= created for day in versions)


def test_the_output_names_five_personas_and_not_the_accounts_made_later(seeded, capsys):
    call_command("seed_demo")
    out = capsys.readouterr().out
    assert "Start here: the alliance lead" in out and "anna@nordicwind.example" in out
    persona_lines = [line for line in out.splitlines() if re.match(r"  \S+@\S+\.example ", line)]
    assert len(persona_lines) == 5
    assert "Subject:" not in out

    north = Workspace.objects.get(slug="north-sea")
    add_member(north, user=UserFactory(email="newcomer@example.org"))  # joined in the UI
    call_command("seed_demo", "--all")
    listed = capsys.readouterr().out
    assert "marco@tudelft.example" in listed and "newcomer@example.org" not in listed
    call_command("seed_demo", "--json")
    rows = json.loads(capsys.readouterr().out)
    assert "newcomer@example.org" not in {row["email"] for row in rows}
