"""The header's search box: on every page a plain GET form to the search page; with
htmx, the top results drop down as you type, through the same access filter."""

import re
from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.microblog.helpers import post
from tests.wiki.conftest import create_page

pytestmark = pytest.mark.django_db

_LINK = re.compile(r'<a href="([^"]*)"><span class="tag">([^<]*)</span> <span[^>]*>([^<]*)</span>')


def typed(client, q):
    """What the header box's drop-down shows after typing ``q``: (titles, html)."""
    response = client.get(
        reverse("search:search"),
        {"q": q},
        HTTP_HX_REQUEST="true",
        HTTP_HX_TARGET="topbar-results",
        HTTP_HX_CURRENT_URL="http://testserver/",
    )
    assert response.status_code == 200
    html = response.content.decode()
    return [unescape(title) for _, _, title in _LINK.findall(html)], html


@pytest.fixture
def herons(world):
    for i in range(8):
        create_page(world.workspace, world.member, f"Heron walk {i}", f"heron-{i}", "grey herons")
    create_page(world.private_group, world.member, "Heron census", "census", "secret herons")


def test_every_page_has_the_box_as_a_plain_form_that_drops_down_results(world, client_for):
    html = client_for(world.member).get(world.workspace.get_absolute_url(), follow=True)
    html = html.content.decode()
    form = re.search(r'<form class="topbar-search"[^>]*>', html).group(0)
    assert 'method="get"' in form and f'action="{reverse("search:search")}"' in form
    box = re.search(r'<input type="search" id="topbar-q"[^>]*>', html, re.S).group(0)
    assert 'name="q"' in box and 'hx-target="#topbar-results"' in box
    assert 'id="topbar-results"' in html and "js/search.js" in html and "css/search.css" in html
    assert "<style" not in html and "style=" not in html  # the CSP allows no inline style


def test_typing_drops_down_the_top_results_and_a_link_to_all(world, client_for, herons):
    titles, html = typed(client_for(world.member), "grey heron")
    assert len(titles) == 6 and all(t.startswith("Heron walk") for t in titles)
    assert "<html" not in html and "search-result" not in html
    assert f'href="{reverse("search:search")}?q=grey%20heron"' in html
    assert "All results for “grey heron”" in html


def test_the_drop_down_shows_only_what_the_person_may_see(world, client_for, herons):
    assert typed(client_for(world.member), "secret herons")[0] == ["Heron census"]
    for person in (world.non_group_member, world.outsider, world.removed):
        titles, html = typed(client_for(person), "secret herons")
        assert titles == [] and "Nothing found for “secret herons”" in html


@pytest.mark.parametrize(
    ("q", "shown"),
    [
        ("h", "at least 2 characters"),
        ("!!!", "punctuation alone"),
        ("h" * 10_000, "at most 200 characters"),
        ('"unbalanced heron', "Nothing found"),
        ("heron') OR 1=1 --", "Heron walk"),
        ("heron & !walk | (x:* <-> y)", "Nothing found"),
    ],
)
def test_odd_input_in_the_box_gets_a_message_never_an_error(world, client_for, herons, q, shown):
    assert shown in typed(client_for(world.member), q)[1]


def test_an_emptied_box_drops_down_nothing(world, client_for, herons):
    _, html = typed(client_for(world.member), "")
    assert html.strip() == ""


def test_the_drop_down_costs_a_fixed_number_of_queries(world, client_for):
    client = client_for(world.member)
    post(world.member, world.workspace, "egret sighting")
    with CaptureQueriesContext(connection) as small:
        typed(client, "egret")
    for i in range(30):
        post(world.member, world.workspace, f"egret sighting {i}")
        create_page(world.open_group, world.member, f"Egret {i}", f"egret-{i}", "egret")
    with CaptureQueriesContext(connection) as big:
        assert len(typed(client, "egret")[0]) == 6
    assert len(big) == len(small) <= 6
