"""Microblog in the browser (headless Chromium): posting, liking, replying, loading more and
the @mention autocomplete work without a full page reload."""

import pytest

from microblog.models import PostLike, StatusPost
from tests.e2e.conftest import close_loop_connections, watch_csp
from tests.microblog.helpers import post, url

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def page(world, browser, live_server):
    """A window on the session's Chromium (tests/e2e/conftest.py): a second Playwright
    in the same process would fail inside the first one's event loop."""
    context = browser.new_context(base_url=live_server.url)
    violations = watch_csp(context)
    yield context.new_page()
    context.close()
    close_loop_connections()
    assert not violations, "Content-Security-Policy violations:\n" + "\n".join(violations)


def _sign_in(page, user):
    from tests.factories import PASSWORD

    page.goto("/accounts/login/")
    page.fill("input[name=login]", user.email)
    page.click("button:has-text('Continue')")  # e-mail first, then the password step
    page.fill("input[name=password]", PASSWORD)
    page.click("button:has-text('Sign in')")


def test_posting_liking_and_replying_happen_without_a_page_reload(page, world):
    _sign_in(page, world.member)
    page.goto(url("post_list", world.workspace))
    page.evaluate("window.__marker = 'same page'")
    page.fill("#id_text", "Hello from the browser #e2e")
    page.click("#composer button[type=submit]")
    page.wait_for_selector("article.post:has-text('Hello from the browser')")
    assert page.input_value("#id_text") == ""
    created = StatusPost.objects.get()
    page.click(f"#post-{created.pk} .like-button")
    page.wait_for_selector(f"#post-{created.pk} .like-button[aria-pressed=true]")
    assert PostLike.objects.filter(post=created).count() == 1
    page.click(f"#post-{created.pk} .reply-box summary")
    page.fill(f"#reply-text-{created.pk}", "A reply in place")
    page.click(f"#post-{created.pk} .reply-form button[type=submit]")
    page.wait_for_selector(f"#replies-{created.pk} li:has-text('A reply in place')")
    page.fill("#id_text", "x" * 10)
    page.evaluate("document.querySelector('#id_text').removeAttribute('maxlength')")
    page.fill("#id_text", "x" * 501)
    page.click("#composer button[type=submit]")
    page.wait_for_selector("#composer-errors:has-text('at most 500 characters')")
    assert page.evaluate("window.__marker") == "same page"
    assert StatusPost.objects.count() == 2


def test_load_more_appends_older_posts_in_place(page, world):
    for i in range(25):
        post(world.lead, world.workspace, f"Numbered post {i:02d}")
    _sign_in(page, world.observer)
    page.goto(url("post_list", world.workspace))
    page.evaluate("window.__marker = 'same page'")
    assert page.locator("article.post").count() == 20
    page.click("#stream-more a")
    page.wait_for_selector("article.post:has-text('Numbered post 00')")
    assert page.locator("article.post").count() == 25
    assert page.evaluate("window.__marker") == "same page"


def test_mention_autocomplete_inserts_the_handle(page, world):
    world.lead.display_name = "Quentin Lead"
    world.lead.save()
    _sign_in(page, world.member)
    page.goto(url("post_list", world.workspace))
    page.click("#id_text")
    page.keyboard.type("Thanks @quen")
    page.wait_for_selector(".mention-list [role=option]:has-text('Quentin Lead')")
    page.keyboard.press("Enter")
    assert page.input_value("#id_text") == "Thanks @quentin.lead "
