"""The header on a phone: one short row with a menu button; the menus unfold in place,
inside the screen, without covering each other. Tables become stacked cards."""

import pytest

from tests.e2e.conftest import north_sea_alliance
from tests.factories import PASSWORD, UserFactory, add_member

pytestmark = pytest.mark.django_db(transaction=True)


def _box(locator):
    return locator.bounding_box()


def test_phone_header_is_short_and_its_menus_unfold_without_overlapping(people):
    workspace, lead, _anna, _piet = north_sea_alliance(lead_name="Lena Lead")
    add_member(
        workspace,
        user=UserFactory(
            display_name="Wolfgang Überlanger-Nachname",
            email="wolfgang.uberlanger-nachname.partner@example-organisation.eu",
        ),
    )
    lena = people("lena", "phone")
    lena.sign_in(lead.email, PASSWORD)
    page = lena.goto(workspace.get_absolute_url())
    header = page.locator("header.topbar")
    assert _box(header)["height"] <= 64
    toggle = page.get_by_role("button", name="Menu")
    assert toggle.get_attribute("aria-expanded") == "false"
    assert not page.get_by_role("search", name="Site").is_visible()

    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "true"
    page.locator("summary", has_text="My workspaces").click()
    workspaces = _box(page.locator("details.menu").first.locator("ul"))
    user_menu = _box(page.locator("summary", has_text="Lena Lead"))
    assert workspaces["x"] >= 0 and workspaces["x"] + workspaces["width"] <= 375  # not clipped
    assert workspaces["y"] + workspaces["height"] <= user_menu["y"]  # pushes it down, not over it
    page.locator("summary", has_text="Lena Lead").click()
    assert page.get_by_role("link", name="My profile").is_visible()
    page.keyboard.press("Escape")
    assert toggle.get_attribute("aria-expanded") == "false"

    page = lena.goto(f"{workspace.get_absolute_url()}members/")
    row = page.get_by_role("row", name="Wolfgang")
    assert row.evaluate("row => getComputedStyle(row).display") == "block"  # a card
    assert "Role" in row.inner_text()  # each cell says what it is
    assert row.get_by_role("button", name="Remove").is_visible()
    lena.check("members as cards")


def test_wide_screens_show_the_whole_header_without_a_menu_button(people):
    workspace, lead, _anna, _piet = north_sea_alliance(lead_name="Lena Lead")
    lena = people("lena", "desktop")
    lena.sign_in(lead.email, PASSWORD)
    page = lena.goto(workspace.get_absolute_url())
    assert not page.get_by_role("button", name="Menu").is_visible()
    assert page.get_by_role("search", name="Site").is_visible()
    assert page.locator("summary", has_text="Lena Lead").is_visible()
