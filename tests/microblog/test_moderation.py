from microblog.models import PostModeration
from tests.microblog.helpers import HTMX, post, text_of, url
from workspaces.models import Activity


def test_community_manager_hides_a_post_with_a_reason_that_is_recorded(world, client_for):
    created = post(world.member, world.workspace, "Rude words")
    response = client_for(world.community_manager).post(
        url("post_hide", world.workspace, created.pk), {"reason": "Off-topic and rude"}
    )
    assert response.status_code == 302
    created.refresh_from_db()
    assert created.hidden_at and created.hidden_by == world.community_manager
    assert created.hidden_reason == "Off-topic and rude"
    record = PostModeration.objects.get()
    assert (record.action, record.actor, record.reason) == (
        "hide",
        world.community_manager,
        "Off-topic and rude",
    )
    assert not Activity.objects.filter(verb="posted").exists()


def test_hidden_text_is_shown_to_moderators_only(world, client_for):
    created = post(world.member, world.workspace, "Rude words")
    client_for(world.lead).post(
        url("post_hide", world.workspace, created.pk), {"reason": "Rude"}, **HTMX
    )
    member_page = text_of(client_for(world.observer).get(url("post_list", world.workspace)))
    assert "Rude words" not in member_page
    assert "Hidden by a moderator: Rude" in member_page
    cm_page = text_of(client_for(world.community_manager).get(url("post_list", world.workspace)))
    assert "Rude words" in cm_page and "Show again" in cm_page


def test_hiding_needs_a_reason(world, client_for):
    created = post(world.member, world.workspace, "Words")
    client = client_for(world.community_manager)
    response = client.post(url("post_hide", world.workspace, created.pk), {"reason": ""})
    assert response.status_code == 400
    assert "Give a reason" in text_of(response)
    response = client.post(url("post_hide", world.workspace, created.pk), {"reason": ""}, **HTMX)
    assert response.status_code == 422
    created.refresh_from_db()
    assert created.hidden_at is None
    assert not PostModeration.objects.exists()


def test_members_cannot_hide_posts(world, client_for):
    created = post(world.lead, world.workspace, "Words")
    response = client_for(world.member).post(
        url("post_hide", world.workspace, created.pk), {"reason": "I dislike it"}
    )
    assert response.status_code == 403
    created.refresh_from_db()
    assert created.hidden_at is None


def test_unhiding_is_recorded_too(world, client_for):
    created = post(world.member, world.workspace, "Words")
    client = client_for(world.community_manager)
    client.post(url("post_hide", world.workspace, created.pk), {"reason": "Check"})
    client.post(url("post_unhide", world.workspace, created.pk))
    created.refresh_from_db()
    assert created.hidden_at is None and created.hidden_reason == ""
    assert list(PostModeration.objects.values_list("action", flat=True)) == ["unhide", "hide"]


def test_hidden_posts_cannot_be_liked_replied_to_or_edited(world, client_for):
    created = post(world.member, world.workspace, "Words")
    client_for(world.community_manager).post(
        url("post_hide", world.workspace, created.pk), {"reason": "Check"}
    )
    author = client_for(world.member)
    assert (
        author.post(url("post_edit", world.workspace, created.pk), {"text": "x"}).status_code == 400
    )
    lead = client_for(world.lead)
    assert lead.post(url("post_like", world.workspace, created.pk)).status_code == 400
    assert (
        lead.post(url("post_reply", world.workspace, created.pk), {"text": "x"}).status_code == 400
    )
    created.refresh_from_db()
    assert (created.text, created.like_count, created.reply_count) == ("Words", 0, 0)
