"""Journey 5: a member posts a status mentioning a colleague; the colleague sees the
notification and replies without a page reload."""

import pytest

from tests.e2e.conftest import north_sea_alliance
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_mentioned_colleague_is_notified_and_replies_in_place(people, viewport):
    workspace, _lead, author, colleague = north_sea_alliance()

    anna = people("anna", viewport)
    anna.sign_in(author.email, PASSWORD)
    anna.goto(workspace.get_absolute_url())
    page = anna.page
    page.get_by_role("navigation", name="Workspace").get_by_role("link", name="Stream").click()
    anna.check("stream")
    page.get_by_label("Your post").click()
    page.keyboard.type("Draft report is ready, @pie")
    page.get_by_role("option", name="Piet de Vries").wait_for()
    page.keyboard.press("Enter")
    page.keyboard.type("can you check the maps?")
    page.get_by_role("button", name="Post", exact=True).click()
    post = page.locator("article.post").filter(has_text="can you check the maps?")
    post.wait_for()
    assert post.get_by_role("link", name="@piet.de.vries").is_visible()
    anna.check("status posted")

    piet = people("piet", viewport)
    piet.sign_in(colleague.email, PASSWORD)
    piet.goto(workspace.get_absolute_url())
    page = piet.page
    assert page.get_by_label("1 unread").is_visible()
    page.get_by_role("link", name="Notifications").click()
    notification = page.get_by_role("button", name="Anna Berg mentioned you")
    assert "Draft report is ready" in notification.inner_text()
    piet.check("notifications")
    notification.click()
    page.get_by_text("can you check the maps?").wait_for()
    piet.check("mentioning post")

    page.evaluate("window.__sameDocument = true")
    page.get_by_label("Reply to Anna Berg").fill("Yes, I will look at them today.")
    page.get_by_role("button", name="Reply", exact=True).click()
    page.locator(".replies li").filter(has_text="Yes, I will look at them today.").wait_for()
    assert page.evaluate("window.__sameDocument") is True
    assert page.get_by_label("Reply to Anna Berg").input_value() == ""
    piet.check("replied in place")

    anna.page.reload()
    assert anna.page.get_by_label("1 unread").is_visible()
    assert anna.page.get_by_text("Yes, I will look at them today.").is_visible()
