"""The profile sections and the search sources the microblog registers."""

from alliance_hub.hooks import PROFILE_SECTION, SEARCH_SOURCE, get_hooks, get_hooks_by
from microblog import hooks, services
from tests.microblog.helpers import blog, post
from tests.search.helpers import search


def test_the_microblog_registers_its_profile_sections_and_search():
    assert hooks.blog_posts_section in get_hooks(PROFILE_SECTION)
    assert hooks.status_posts_section in get_hooks(PROFILE_SECTION)
    assert {"post", "blog"} <= set(get_hooks_by(SEARCH_SOURCE, "kind"))


def test_profile_lists_published_blog_posts_the_viewer_may_see(world):
    blog(world.member, world.workspace, title="Open report")
    blog(world.member, world.private_group, title="Steering report")
    blog(world.member, world.workspace, title="My draft", publish=False)
    labels = [i["label"] for i in hooks.blog_posts_section(world.lead, world.member)["items"]]
    assert labels == ["Steering report", "Open report"]
    outside = hooks.blog_posts_section(world.non_group_member, world.member)
    assert [i["label"] for i in outside["items"]] == ["Open report"]
    assert outside["items"][0]["url"].startswith(f"/w/{world.workspace.slug}/blog/")
    assert hooks.blog_posts_section(world.outsider, world.member) is None


def test_profile_lists_recent_status_posts_but_not_hidden_ones(world):
    post(world.member, world.workspace, "Public words")
    hidden = post(world.member, world.workspace, "Hidden words")
    post(world.member, world.private_group, "Group words")
    services.post_hide(actor=world.lead, post=hidden, reason="x")
    section = hooks.status_posts_section(world.non_group_member, world.member)
    assert [i["label"] for i in section["items"]] == ["Public words"]


def test_profile_sections_run_a_fixed_number_of_queries(world, django_assert_max_num_queries):
    for i in range(30):
        blog(world.member, world.private_group, title=f"Report {i}")
        post(world.member, world.open_group, f"Words {i}")
    with django_assert_max_num_queries(2):
        hooks.blog_posts_section(world.lead, world.member)
    with django_assert_max_num_queries(2):
        hooks.status_posts_section(world.lead, world.member)


def test_search_finds_posts_and_blog_posts_the_user_may_see(world, client_for):
    post(world.member, world.workspace, "Turbine foundations are ready")
    blog(world.member, world.private_group, title="Turbine budget", body="Secret")
    blog(world.member, world.workspace, title="Turbine draft", publish=False)
    lead_results = search(client_for(world.lead), "turbine")
    assert {kind for kind, _, _ in lead_results} == {"post", "blog"}
    assert "Turbine budget" in lead_results.titles
    assert all("draft" not in title for title in lead_results.titles)
    other = search(client_for(world.non_group_member), "turbine")
    assert [kind for kind, _, _ in other] == ["post"]
    in_group = search(
        client_for(world.lead), "turbine", **{"in": world.private_group.container_path}
    )
    assert in_group.titles == ["Turbine budget"]
    assert search(client_for(world.outsider), "turbine") == []
