"""The one registry: order, duplicates and registration for the length of a test."""

from django.urls import reverse

from alliance_hub.hooks import NAV_LINK, get_hooks, register, registered


def first():
    return "first"


def second():
    return "second"


def third():
    return "third"


def test_hooks_come_lowest_order_first_then_in_registration_order():
    with (
        registered("test.ordering", third, order=10),
        registered("test.ordering", first, order=-5),
        registered("test.ordering", second),
    ):
        assert get_hooks("test.ordering") == [first, second, third]


def test_registering_the_same_contribution_twice_keeps_one():
    with registered("test.twice", first):
        register("test.twice", first)
        assert get_hooks("test.twice") == [first]


def test_a_temporary_registration_is_gone_after_the_block():
    with registered("test.temporary", first):
        with registered("test.temporary", second):
            assert get_hooks("test.temporary") == [first, second]
        assert get_hooks("test.temporary") == [first]
    assert get_hooks("test.temporary") == []


def test_alone_sets_the_other_contributions_aside_and_brings_them_back():
    links = get_hooks(NAV_LINK)
    with registered(NAV_LINK, first, alone=True):
        assert get_hooks(NAV_LINK) == [first]
    assert get_hooks(NAV_LINK) == links


def test_an_unknown_hook_has_no_contributions():
    assert get_hooks("test.nobody-registered-this") == []


def test_the_container_nav_shows_every_apps_link_in_their_order(world, client_for):
    page = client_for(world.member).get(reverse("workspaces:dashboard", args=[world.workspace]))
    html = page.content.decode()
    labels = ["Documents", "Wiki", "Reports", "People", "Stream", "Blog"]
    positions = [html.index(f">{label}</a>") for label in labels]
    assert positions == sorted(positions)
