"""Faces: a photo, or initials on a colour from the name, wherever people appear,
with no query per row."""

import pytest
from django.urls import reverse

from microblog import services as microblog_services
from profiles import photos
from profiles.models import Profile
from tests.factories import UserFactory, add_member

pytestmark = pytest.mark.django_db


def _initials_avatar(user):
    name = user.display_name
    return (
        f'class="avatar avatar-tiny avatar-initials avatar-c{photos.avatar_colour_index(name)}"'
        f' aria-hidden="true">{photos.initials(name)}</span>'
    )


def test_the_colour_comes_from_the_name_and_every_colour_is_readable():
    assert photos.avatar_colour_index("Anna Berg") == photos.avatar_colour_index("Anna Berg")
    for colour in photos.AVATAR_PALETTE:
        red, green, blue = (int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
        linear = [
            c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in (red, green, blue)
        ]
        luminance = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
        assert 1.05 / (luminance + 0.05) >= 4.5, f"{colour}: white initials unreadable"


def test_stream_and_members_show_initials_and_photos(world, client_for):
    anna = add_member(world.workspace, user=UserFactory(display_name="Anna Berg"))
    Profile.objects.update_or_create(
        user=world.member, defaults={"photo_files": {"small": "x.jpg"}, "photo_version": "v7"}
    )
    client = client_for(world.lead)
    dashboard = client.get(reverse("workspaces:dashboard", args=[world.workspace]))
    assert _initials_avatar(anna) in dashboard.content.decode()
    members = client.get(reverse("workspaces:member_list", args=[world.workspace]))
    html = members.content.decode()
    assert _initials_avatar(anna) in html
    photo = reverse("profiles:photo", args=[world.member.pk, "small"])
    assert f'src="{photo}?v=v7"' in html


def test_posts_and_replies_show_their_authors_face(world, client_for):
    post = microblog_services.post_create(
        actor=world.member, container=world.workspace, text="Kick-off on Monday"
    )
    microblog_services.post_create(
        actor=world.lead, container=world.workspace, text="See you there", reply_to=post
    )
    html = (
        client_for(world.observer)
        .get(reverse("microblog:post_list", args=[world.workspace]))
        .content.decode()
    )
    assert _initials_avatar(world.member) in html and _initials_avatar(world.lead) in html


def test_someone_joining_is_named_once(world, client_for):
    nina = add_member(world.workspace, user=UserFactory(display_name="Nina Newbie"))
    html = (
        client_for(world.lead)
        .get(reverse("workspaces:dashboard", args=[world.workspace]))
        .content.decode()
    )
    assert "Nina Newbie joined Nina Newbie" not in html
    members = reverse("workspaces:member_list", args=[world.workspace])
    assert f'<strong>Nina Newbie</strong> joined <a href="{members}">Green Alliance</a>' in html
    assert nina.display_name in html


def test_the_members_page_reads_faces_without_a_query_per_row(
    world, client_for, django_assert_max_num_queries
):
    client = client_for(world.lead)
    url = reverse("workspaces:member_list", args=[world.workspace])
    client.get(url)
    for _ in range(8):
        add_member(world.workspace)
    with django_assert_max_num_queries(10):
        assert client.get(url).status_code == 200


def test_a_renamed_person_shows_their_new_initials_on_the_next_page(world, client_for):
    anna = add_member(world.workspace, user=UserFactory(display_name="Anna Berg"))
    client = client_for(world.lead)
    dashboard = reverse("workspaces:dashboard", args=[world.workspace])
    assert _initials_avatar(anna) in client.get(dashboard).content.decode()
    anna.display_name = "Zora Quist"
    anna.save()
    html = client.get(dashboard).content.decode()
    assert _initials_avatar(anna) in html
    assert 'aria-hidden="true">AB</span>' not in html
