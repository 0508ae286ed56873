"""Journey: a member writes a wiki page with the editor's toolbar and watches the live
preview (rendered by the server's sanitised pipeline), links a document through the
picker, then drops a file onto a folder page to upload it."""

import pytest
from django.urls import reverse

from tests.documents.helpers import make_document
from tests.e2e.conftest import north_sea_alliance
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)

DROP_A_FILE = """() => {
  const data = new DataTransfer();
  const file = new File(["Minutes of the call\\n"], "dropped_minutes.txt", {type: "text/plain"});
  data.items.add(file);
  const zone = document.querySelector("form[data-dropzone]");
  const init = {dataTransfer: data, bubbles: true, cancelable: true};
  zone.dispatchEvent(new DragEvent("dragover", init));
  zone.dispatchEvent(new DragEvent("drop", init));
}"""


def test_the_editor_previews_live_and_links_a_document_and_files_can_be_dropped(people):
    workspace, _lead, anna_user, _piet = north_sea_alliance()
    make_document(workspace, anna_user, "Budget_2027.txt", b"Travel: 12000 EUR\n")

    anna = people("anna")
    anna.sign_in(anna_user.email, PASSWORD)
    page = anna.goto(reverse("wiki:page_create", args=[workspace]))
    page.get_by_label("Title").fill("Work plan")
    body = page.get_by_label("Text (Markdown)")
    toolbar = page.get_by_role("toolbar", name="Formatting")
    toolbar.get_by_role("button", name="Heading").click()
    body.press_sequentially("Goals")
    page.locator("#preview h2", has_text="Goals").wait_for()
    body.press("End")
    body.press("Enter")
    toolbar.get_by_role("button", name="Bold").click()
    page.locator("#preview strong", has_text="bold text").wait_for()
    body.press("End")
    body.press("Enter")
    body.press_sequentially("<script>window.hacked = 1</script>")
    page.wait_for_timeout(1200)
    assert page.evaluate("window.hacked") is None  # the preview is sanitised

    toolbar.get_by_role("button", name="Link to a document or page").click()
    page.get_by_label("Find a document or page").fill("budget")
    page.get_by_role("button", name="Document: budget 2027").click()
    assert "[Budget 2027](/w/" in body.input_value()
    page.locator("#preview a", has_text="Budget 2027").wait_for()
    anna.check("editor with live preview")
    page.get_by_role("button", name="Create page").click()
    page.get_by_role("heading", name="Goals").wait_for()

    page = anna.goto(reverse("documents:folder_list", args=[workspace]))
    page.evaluate(DROP_A_FILE)
    page.get_by_text("Uploaded 1: dropped minutes.").wait_for()
    page.get_by_role("link", name="dropped minutes").wait_for()
    anna.check("folder after a drop")
