"""Browser journeys: Playwright driving Debian's Chromium against pytest-django's live server.

Every test here is marked ``e2e``. Without Chromium they are skipped with a loud
reason, unless REQUIRE_BROWSER=1 (CI), where a missing browser is an error.
Screenshots go to test-artifacts/screenshots/<journey>/ (ignored by git).
"""

import os
import re
from pathlib import Path

import pytest

from tests.e2e.chromium import CHROMIUM, Chromium

HAVE_BROWSER = os.path.exists(CHROMIUM)
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 375, "height": 800}}

# Playwright's sync API runs an event loop; Django's ORM is only used from the test thread.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)
            if not HAVE_BROWSER:
                if os.environ.get("REQUIRE_BROWSER") == "1":
                    raise pytest.UsageError("REQUIRE_BROWSER=1 but Chromium is not installed.")
                item.add_marker(
                    pytest.mark.skip(
                        reason="BROWSER JOURNEYS NOT RUN: Chromium is not installed "
                        "(apt-get install chromium)"
                    )
                )


@pytest.fixture
def browser():
    """This worker's Chromium (tests/e2e/chromium.py)."""
    return Chromium.browser()


# The innermost elements that stick out to the right, to say what makes a page scroll sideways.
WIDEST_ELEMENTS = """() => {
  const width = document.documentElement.clientWidth;
  const out = [...document.querySelectorAll("body *")].filter(
    (el) => el.getBoundingClientRect().right > width + 1
  );
  return out.filter((el) => !out.some((o) => o !== el && el.contains(o))).slice(0, 8).map(
    (el) => `${el.tagName.toLowerCase()}.${el.className} `
      + `(${Math.round(el.getBoundingClientRect().right)}px)`
  );
}"""


class Person:
    """One person's browser window, with helpers that act as a person would."""

    def __init__(self, browser, live_server, journey, name, viewport="desktop"):
        self.context = browser.new_context(viewport=VIEWPORTS[viewport])
        self.csp_violations = watch_csp(self.context)
        self.page = self.context.new_page()
        self.base = live_server.url
        self.journey, self.name = journey, name
        self.shots = 0

    def assert_no_csp_violations(self):
        assert not self.csp_violations, (
            f"{self.name}: the Content-Security-Policy blocked something:\n"
            + "\n".join(self.csp_violations)
        )

    def goto(self, path):
        self.page.goto(self.base + path)
        return self.page

    def sign_in(self, email, password):
        """E-mail first (Continue), then the password step."""
        self.goto("/accounts/login/")
        self.page.get_by_label("E-mail address").fill(email)
        self.page.get_by_role("button", name="Continue").click()
        self.page.get_by_label("Password").fill(password)
        self.page.get_by_role("button", name="Sign in").click()
        self.page.wait_for_load_state()

    def open_menu(self):
        """On a phone the header folds behind its menu button: open it (nothing on desktop)."""
        toggle = self.page.locator(".menu-toggle")
        if toggle.is_visible() and toggle.get_attribute("aria-expanded") != "true":
            toggle.click()

    def screenshot(self, label):
        folder = ARTIFACTS / self.journey
        folder.mkdir(parents=True, exist_ok=True)
        self.shots += 1
        slug = re.sub(r"[^a-z0-9]+", "-", label.lower()).strip("-")
        path = folder / f"{self.shots:02d}-{self.name}-{slug}.png"
        self.page.screenshot(path=str(path), full_page=True)
        return path

    def check(self, label):
        """Screenshot the page and check it with axe-core: no serious or critical issue,
        and no horizontal scrolling at this width."""
        from axe_playwright_python.sync_playwright import Axe

        self.screenshot(label)
        results = Axe().run(self.page)
        bad = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
        assert not bad, f"{label}: " + "; ".join(
            f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
            for v in bad
        )
        overflow = self.page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 1, f"{label}: the page scrolls sideways by {overflow}px: " + ", ".join(
            self.page.evaluate(WIDEST_ELEMENTS)
        )
        self.assert_no_csp_violations()

    def close(self):
        self.context.close()


@pytest.fixture
def people(browser, live_server, request):
    """``people("anna", viewport="phone")`` opens a new browser window for one person."""
    opened = []
    journey = request.node.name.removeprefix("test_")

    def open_window(name, viewport="desktop"):
        person = Person(browser, live_server, journey, name, viewport)
        opened.append(person)
        return person

    yield open_window
    violations = [v for person in opened for v in person.csp_violations]
    for person in opened:
        person.close()
    close_loop_connections()
    assert not violations, "Content-Security-Policy violations in this journey:\n" + "\n".join(
        violations
    )


def watch_csp(context):
    """A list that fills with every Content-Security-Policy violation in ``context``'s
    pages: Chromium reports each block on the console ("Refused to ... because it
    violates the following Content Security Policy directive ...")."""
    violations = []

    def note(message):
        if "Content Security Policy" in message.text or "Content-Security-Policy" in message.text:
            violations.append(f"{message.page.url if message.page else '?'}: {message.text}")

    context.on("console", note)
    return violations


def close_loop_connections():
    """While Playwright's event loop runs, Django hands this thread separate database
    connections; close them, or they block flushing and dropping the test database."""
    from django.db import connections

    connections.close_all()


def north_sea_alliance(lead_name=None):
    """The journeys' alliance: a lead and two members, Anna Berg and Piet de Vries,
    all past their first-visit start page. Returns (workspace, lead, anna, piet)."""
    from django.utils import timezone

    from tests.factories import UserFactory, add_member, make_workspace
    from workspaces.models import Membership

    workspace, lead = make_workspace("North Sea Alliance")
    if lead_name:
        lead.display_name = lead_name
        lead.save()
    anna = add_member(workspace, user=UserFactory(display_name="Anna Berg"))
    piet = add_member(workspace, user=UserFactory(display_name="Piet de Vries"))
    Membership.objects.update(welcomed_at=timezone.now())
    return workspace, lead, anna, piet


@pytest.fixture(scope="session", autouse=True)
def _stop_chromium_at_the_end():
    yield
    Chromium.stop()
