from django.urls import reverse

from tests.microblog.helpers import HTMX, post, text_of
from workspaces import services as workspace_services
from workspaces.models import Notification


def _mention_lead(world, container=None):
    from microblog.markup import handle_for

    return post(world.member, container or world.workspace, f"Ping @{handle_for(world.lead)}")


def test_notification_list_shows_ones_own_notifications_with_the_unread_badge(world, client_for):
    _mention_lead(world)
    page = text_of(client_for(world.lead).get(reverse("workspaces:notification_list")))
    assert "mentioned you" in page
    assert 'aria-label="1 unread"' in page
    assert reverse("workspaces:notification_list") in page  # the navigation link
    other = text_of(client_for(world.member).get(reverse("workspaces:notification_list")))
    assert "mentioned you" not in other


def test_opening_a_notification_marks_it_read_and_goes_to_the_post(world, client_for):
    created = _mention_lead(world)
    notification = Notification.objects.get(recipient=world.lead)
    response = client_for(world.lead).post(
        reverse("workspaces:notification_read", args=[notification.pk]), {"open": "1"}
    )
    assert response.status_code == 302
    assert response["Location"] == created.get_absolute_url()
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_mark_one_as_read_with_htmx_returns_the_row(world, client_for):
    _mention_lead(world)
    notification = Notification.objects.get(recipient=world.lead)
    response = client_for(world.lead).post(
        reverse("workspaces:notification_read", args=[notification.pk]), **HTMX
    )
    assert response.status_code == 200
    assert f'id="notification-{notification.pk}"' in text_of(response)
    assert "<html" not in text_of(response)


def test_another_persons_notification_is_404_and_stays_unread(world, client_for):
    _mention_lead(world)
    notification = Notification.objects.get(recipient=world.lead)
    response = client_for(world.member).post(
        reverse("workspaces:notification_read", args=[notification.pk]), {"open": "1"}
    )
    assert response.status_code == 404
    notification.refresh_from_db()
    assert notification.read_at is None


def test_mark_all_as_read_touches_only_ones_own(world, client_for):
    _mention_lead(world)
    from microblog.markup import handle_for

    post(world.lead, world.workspace, f"Back at you @{handle_for(world.member)}")
    response = client_for(world.lead).post(reverse("workspaces:notification_read_all"))
    assert response.status_code == 302
    assert not Notification.objects.filter(recipient=world.lead, read_at__isnull=True).exists()
    assert Notification.objects.filter(recipient=world.member, read_at__isnull=True).exists()


def test_removed_members_stop_receiving_notifications_at_once(world, client_for):
    _mention_lead(world)
    from microblog.markup import handle_for

    post(world.lead, world.workspace, f"Hi @{handle_for(world.non_group_member)}")
    assert Notification.objects.filter(recipient=world.non_group_member).count() == 1
    workspace_services.member_remove(
        actor=world.lead, membership=world.workspace.memberships.get(user=world.non_group_member)
    )
    post(world.lead, world.workspace, f"Again @{handle_for(world.non_group_member)}")
    assert not Notification.objects.filter(recipient=world.non_group_member).exists()
    page = text_of(client_for(world.non_group_member).get(reverse("workspaces:notification_list")))
    assert "mentioned you" not in page


def test_notification_list_loads_more_by_cursor(world, client_for):
    for i in range(35):
        Notification.objects.create(
            recipient=world.lead,
            workspace=world.workspace,
            kind=Notification.Kind.OTHER,
            text=f"Note {i:02d}",
            target_url="/",
        )
    client = client_for(world.lead)
    page = text_of(client.get(reverse("workspaces:notification_list")))
    assert "Note 34" in page and "Note 05" in page and "Note 04" not in page
    oldest_shown = Notification.objects.get(text="Note 05")
    more = client.get(
        reverse("workspaces:notification_list") + f"?before={oldest_shown.pk}", **HTMX
    )
    assert "Note 04" in text_of(more) and "Note 00" in text_of(more)
