"""A wiki page offers "Edit", "Protect" and "Pin to start page" exactly to those whom
wiki/policies.py and workspaces/policies.py let do it; the views then agree."""

import pytest
from django.urls import reverse

from tests.wiki.conftest import create_page

PERSONAS = ["lead", "community_manager", "member", "observer", "non_group_member"]


def _page_html(client, page):
    return client.get(page.get_absolute_url()).content.decode()


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("protected", [False, True])
def test_edit_is_offered_exactly_to_those_who_may_edit(world, client_for, persona, protected):
    page = create_page(
        world.workspace, world.lead, "Rules", "rules", "Text", is_protected=protected
    )
    client = client_for(getattr(world, persona))
    edit_url = reverse("wiki:page_edit", args=[world.workspace, page.path])
    offered = f'href="{edit_url}"' in _page_html(client, page)
    assert offered == (client.get(edit_url).status_code == 200)


@pytest.mark.parametrize("persona", PERSONAS)
def test_protect_and_pin_are_offered_exactly_to_leads(world, client_for, persona, page):
    client = client_for(getattr(world, persona))
    html = _page_html(client, page)
    protect_url = reverse("wiki:page_protect", args=[world.workspace, page.path])
    pin_url = reverse("workspaces:pin_add", args=[world.workspace])
    offered = (f'action="{protect_url}"' in html, f'action="{pin_url}"' in html)
    protected = client.post(protect_url, {"protect": "1"}).status_code == 302
    pinned = client.post(pin_url, {"target": f"wiki.page:{page.pk}"}).status_code == 302
    assert offered == (protected, pinned) == ((persona == "lead",) * 2)


def test_a_group_page_offers_no_pin_even_to_a_lead(world, client_for):
    page = create_page(world.open_group, world.lead, "Plan", "plan", "Text")
    html = _page_html(client_for(world.lead), page)
    assert reverse("workspaces:pin_add", args=[world.workspace]) not in html
    assert "Pin to start page" not in html
