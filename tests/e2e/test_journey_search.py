"""Journey: a member uploads the consortium agreement as a PDF; a colleague searches
for a word that appears only inside it, from the box in the header (whose top results
drop down as she types), narrows the results as she types, and opens the document."""

import pytest

from documents.models import Document
from documents.samples import pdf_bytes
from tests.e2e.conftest import north_sea_alliance
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_a_word_inside_a_pdf_is_found_from_the_header_and_opens_the_document(
    people, tmp_path, viewport
):
    workspace, _lead, first, second = north_sea_alliance()
    agreement = tmp_path / "Consortium agreement.pdf"
    agreement.write_bytes(
        pdf_bytes(["Consortium agreement", "Disputes go to arbitration in Groningen."])
    )

    piet = people("piet", viewport)
    piet.sign_in(second.email, PASSWORD)
    page = piet.goto(workspace.get_absolute_url())
    page.get_by_role("navigation", name="Workspace").get_by_role("link", name="Documents").click()
    page.get_by_role("link", name="Upload files").click()
    page.locator("input[type=file]").set_input_files(agreement)
    page.get_by_role("button", name="Upload").click()
    page.get_by_text("Uploaded 1: Consortium agreement.").wait_for()

    anna = people("anna", viewport)
    anna.sign_in(first.email, PASSWORD)
    page = anna.goto(workspace.get_absolute_url())
    anna.open_menu()
    box = page.get_by_role("search", name="Site").get_by_label("Search everything")
    box.fill("arbitration groningen")
    # The top results drop down under the box as she types; the arrow key reaches them.
    dropdown = page.locator("#topbar-results")
    dropdown.get_by_role("link", name="Consortium agreement").wait_for()
    dropdown.get_by_role("link", name="All results for “arbitration groningen”").wait_for()
    box.press("ArrowDown")
    assert "Consortium agreement" in page.evaluate("document.activeElement.textContent")
    page.keyboard.press("Escape")
    assert dropdown.inner_html().strip() == ""
    box.press("Enter")
    page.get_by_role("heading", name="Search").wait_for()
    result = page.locator(".search-result").first
    result.get_by_role("link", name="Consortium agreement").wait_for()
    assert "Groningen" in result.locator("mark").all_inner_texts()
    anna.check("found inside the pdf")

    # Typing narrows the results without a page load (htmx).
    query = page.get_by_role("searchbox", name="Search for")
    query.fill("groningen -arbitration")
    page.get_by_text("Nothing found for").wait_for()
    query.fill("groningen")
    page.locator(".search-result").first.get_by_role("link", name="Consortium agreement").click()
    page.get_by_role("heading", name="Consortium agreement").wait_for()
    assert page.url.endswith(Document.objects.get().get_absolute_url())
    anna.check("the document found")
