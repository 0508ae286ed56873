from django.urls import reverse

from microblog.models import BlogComment, BlogPost, Hashtag, PostLike, StatusPost
from workspaces.models import Notification, Workspace


def test_the_demo_shows_every_feature_of_the_stream_and_blogs(seeded_demo, client):
    from django.contrib.auth import get_user_model

    anna = get_user_model().objects.get(email="anna@nordicwind.example")
    assert StatusPost.objects.filter(reply_to__isnull=False).exists()
    assert StatusPost.objects.filter(hidden_at__isnull=False).exists()
    assert StatusPost.objects.filter(mentions__isnull=False).exists()
    assert PostLike.objects.count() >= 10
    assert Hashtag.objects.filter(name="grid").exists()
    assert BlogPost.objects.filter(status="draft").count() == 1
    assert BlogPost.objects.filter(status="published").count() >= 4
    assert BlogComment.objects.exists()
    unread = Notification.objects.filter(recipient=anna, read_at__isnull=True)
    assert unread.filter(kind="mention").exists() and unread.filter(kind="reply").exists()
    client.force_login(anna)
    north = Workspace.objects.get(slug="north-sea")
    stream = client.get(reverse("microblog:post_list", args=[north]))
    assert stream.status_code == 200
    page = stream.content.decode()
    assert 'class="mention"' in page and 'class="hashtag"' in page
    assert "Off-topic: please use the social channel." in page
    assert client.get(reverse("workspaces:notification_list")).status_code == 200
    assert client.get(reverse("microblog:blogpost_list", args=[north])).status_code == 200
    start = client.get(reverse("workspaces:start_here", args=[north]))  # Anna's first visit
    assert start.status_code == 200
    dashboard = client.get(reverse("workspaces:dashboard", args=[north])).content.decode()
    assert "Six months of the North Sea Energy Alliance" in dashboard
