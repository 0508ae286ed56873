"""Every page a lead and an observer may open (all GET pages of the permission matrix)
at 375 px and 1280 px: no sideways scrolling, and at 375 px no serious or critical
axe issue. One browser window per persona and width, reused for every page."""

import pytest

from tests.conftest import build_world
from tests.e2e.conftest import WIDEST_ELEMENTS
from tests.e2e.pages import html_pages_for
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)

OVERFLOW = "document.documentElement.scrollWidth - window.innerWidth"


def _axe_problems(page):
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [
        f"{v['id']} ({v['impact']}) at {[n['target'] for n in v['nodes']][:2]}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def _walk(person, pages, *, axe):
    problems = []
    for name, url in pages:
        person.goto(url)
        overflow = person.page.evaluate(OVERFLOW)
        if overflow > 0:
            widest = ", ".join(person.page.evaluate(WIDEST_ELEMENTS))
            problems.append(f"{name} {url}: scrolls sideways by {overflow}px: {widest}")
        if axe:
            problems += [f"{name} {url}: {issue}" for issue in _axe_problems(person.page)]
    return problems


# One test per persona and width, so that parallel workers share the walk.
@pytest.mark.parametrize("viewport", ["phone", "desktop"])
@pytest.mark.parametrize("persona", ["lead", "observer"])
def test_every_page_fits_a_phone_and_passes_axe(people, persona, viewport):
    world = build_world()
    pages = html_pages_for(world, persona)
    assert len(pages) > 30, pages  # the walk really covers the site
    person = people(f"{persona}-{viewport}", viewport)
    person.sign_in(world.user(persona).email, PASSWORD)
    problems = _walk(person, pages, axe=viewport == "phone")
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems)
