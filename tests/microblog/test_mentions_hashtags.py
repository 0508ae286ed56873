from django.urls import reverse

from microblog.markup import handle_for
from microblog.models import StatusPost
from tests.factories import UserFactory
from tests.microblog.helpers import links_in, post, text_of, url
from workspaces.models import Notification


def _mention(user):
    return f"@{handle_for(user)}"


def test_a_mentioned_member_is_notified_and_linked(world, client_for):
    created = post(world.member, world.workspace, f"Thanks {_mention(world.lead)}!")
    notification = Notification.objects.get(recipient=world.lead)
    assert notification.kind == "mention"
    assert notification.target_url == created.get_absolute_url()
    links = links_in(created.html)
    assert links[0]["class"] == "mention"
    assert links[0]["href"] == world.lead.get_absolute_url()  # the person's profile
    assert list(created.mentions.all()) == [world.lead]


def test_mention_of_an_outsider_notifies_nobody_and_reveals_nothing(world, client_for):
    outsider_handle = _mention(world.outsider)
    created = post(world.member, world.workspace, f"Hello {outsider_handle} and @nobody.at.all")
    assert not Notification.objects.filter(kind="mention").exists()
    assert "<a" not in created.html  # plain text, exactly like a name that does not exist
    page = text_of(client_for(world.lead).get(url("post_list", world.workspace)))
    assert str(world.outsider) not in page
    assert f"?author={world.outsider.pk}" not in page


def test_mention_of_a_removed_member_notifies_nobody(world):
    created = post(world.member, world.workspace, f"Miss you {_mention(world.removed)}")
    assert not Notification.objects.filter(recipient=world.removed).exists()
    assert "<a" not in created.html


def test_mention_in_a_private_group_skips_members_outside_the_group(world):
    created = post(
        world.member,
        world.private_group,
        f"{_mention(world.non_group_member)} and {_mention(world.lead)}",
    )
    assert not Notification.objects.filter(recipient=world.non_group_member).exists()
    assert Notification.objects.filter(recipient=world.lead).exists()
    assert links_in(created.html) and len(links_in(created.html)) == 1


def test_mentioning_yourself_sends_no_notification(world):
    post(world.member, world.workspace, f"Note to self {_mention(world.member)}")
    assert not Notification.objects.exists()


def test_email_addresses_are_not_mentions(world):
    created = post(world.member, world.workspace, f"write to {world.lead.email}")
    assert 'class="mention"' not in created.html


def test_editing_notifies_only_newly_mentioned_people(world, client_for):
    created = post(world.member, world.workspace, f"Hi {_mention(world.lead)}")
    client_for(world.member).post(
        url("post_edit", world.workspace, created.pk),
        {"text": f"Hi {_mention(world.lead)} and {_mention(world.observer)}"},
    )
    assert Notification.objects.filter(recipient=world.lead).count() == 1
    assert Notification.objects.filter(recipient=world.observer).count() == 1


def test_hashtags_link_to_the_list_of_posts_with_the_tag(world, client_for):
    tagged = post(world.member, world.workspace, "Grid study done #OffshoreWind #grid-2030")
    post(world.member, world.workspace, "Unrelated")
    post(world.member, world.open_group, "Other container #offshorewind")
    tag_url = url("post_tag", world.workspace, "offshorewind")
    assert tag_url in [link["href"] for link in links_in(tagged.html)]
    assert set(tagged.hashtags.values_list("name", flat=True)) == {"offshorewind", "grid-2030"}
    page = text_of(client_for(world.observer).get(tag_url))
    assert "Grid study done" in page
    assert "Unrelated" not in page
    assert "Other container" not in page


def test_numbers_entities_and_url_fragments_are_not_hashtags(world):
    created = post(world.member, world.workspace, "Issue #42 it's https://example.org/a#b")
    assert 'class="hashtag"' not in created.html
    assert not created.hashtags.exists()


def test_links_are_made_clickable_without_the_trailing_full_stop(world):
    created = post(world.member, world.workspace, "See https://example.org/report?a=1&b=2.")
    (link,) = links_in(created.html)
    assert link["href"] == "https://example.org/report?a=1&b=2"
    assert "noopener" in link["rel"]
    assert created.html.rstrip().endswith(".")


def test_a_tag_list_for_a_strange_tag_is_404(world, client_for):
    response = client_for(world.member).get(url("post_tag", world.workspace, "no%20such"))
    assert response.status_code == 404


def test_mention_autocomplete_lists_matching_members_who_may_view_the_container(world, client_for):
    stranger = UserFactory(display_name="Zelda Outside")
    assert stranger
    zed = UserFactory(display_name="Zed Private")
    from tests.factories import add_member

    add_member(world.workspace, user=zed)
    client = client_for(world.member)
    response = client.get(url("post_mentions", world.workspace), {"q": "ze"})
    names = [r["name"] for r in response.json()["results"]]
    assert names == ["Zed Private"]
    assert response.json()["results"][0]["handle"] == "zed.private"
    in_group = client.get(url("post_mentions", world.private_group), {"q": "ze"}).json()
    assert in_group["results"] == []  # Zed is not in the private group


def test_mention_autocomplete_is_404_outside_the_workspace(world, client_for):
    response = client_for(world.outsider).get(url("post_mentions", world.workspace), {"q": "a"})
    assert response.status_code == 404


def test_author_filter_shows_one_persons_posts(world, client_for):
    post(world.member, world.workspace, "By member")
    post(world.lead, world.workspace, "By lead")
    response = client_for(world.observer).get(
        url("post_list", world.workspace), {"author": world.lead.pk}
    )
    page = text_of(response)
    assert "By lead" in page and "By member" not in page
    assert reverse("microblog:post_list", args=[world.workspace]) in page
    assert StatusPost.objects.count() == 2
