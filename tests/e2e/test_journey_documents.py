"""Journey 3: a member uploads a document, a colleague uploads version 2 with a change
note; the first sees the permanent link serve version 2 and restores version 1 as
version 3."""

from pathlib import Path

import pytest

from tests.e2e.conftest import north_sea_alliance
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)

V1 = "Budget 2027\nTravel: 12000 EUR\n"
V2 = "Budget 2027\nTravel: 9000 EUR\nWorkshops: 3000 EUR\n"


def _file(folder, name, text):
    path = Path(folder) / name
    path.write_text(text)
    return path


def _download_latest(person):
    with person.page.expect_download() as info:
        person.page.get_by_role("link", name="Download latest").click()
    return Path(info.value.path()).read_text()


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_new_version_is_served_by_the_permanent_link_and_version_1_is_restored(
    people, tmp_path, viewport
):
    workspace, _lead, first, second = north_sea_alliance()

    anna = people("anna", viewport)
    anna.sign_in(first.email, PASSWORD)
    page = anna.goto(workspace.get_absolute_url())
    page.get_by_role("navigation", name="Workspace").get_by_role("link", name="Documents").click()
    anna.check("empty documents")
    page.get_by_role("link", name="Upload files").click()
    anna.check("upload form")
    page.locator("input[type=file]").set_input_files(_file(tmp_path, "budget_2027.txt", V1))
    page.get_by_role("button", name="Upload").click()
    page.get_by_text("Uploaded 1: budget 2027.").wait_for()
    anna.check("document uploaded")
    page.get_by_role("link", name="budget 2027").click()
    page.get_by_role("heading", name="Latest: version 1").wait_for()
    document_url = page.url

    piet = people("piet", viewport)
    piet.sign_in(second.email, PASSWORD)
    other = piet.goto(document_url.removeprefix(piet.base))
    new_file = _file(tmp_path, "budget_2027.txt", V2)
    other.get_by_label("New version", exact=True).set_input_files(new_file)
    other.get_by_label("What changed? (optional)").fill("Moved 3000 EUR to workshops")
    other.get_by_role("button", name="Upload new version").click()
    other.get_by_text("Version 2 was added.").wait_for()
    piet.check("version 2 added")

    page.reload()
    page.get_by_role("heading", name="Latest: version 2").wait_for()
    versions = page.locator(".version-table")
    assert versions.get_by_role("row", name="Moved 3000 EUR to workshops").is_visible()
    assert "Piet de Vries" in versions.locator("#v2").inner_text()
    assert "Workshops: 3000 EUR" in page.locator(".text-preview").inner_text()
    anna.check("document with version 2")
    assert _download_latest(anna) == V2

    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Restore version 1").click()
    page.get_by_text("Version 1 is now the latest (version 3).").wait_for()
    page.get_by_role("heading", name="Latest: version 3").wait_for()
    assert versions.locator("tbody tr").count() == 3
    anna.check("version 1 restored as 3")
    assert _download_latest(anna) == V1
