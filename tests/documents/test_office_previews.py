"""Word, spreadsheet and presentation files (OOXML and ODF) are previewed on the
document page: made once per file by a background task, shown as escaped text and
tables; hostile or broken files get a "no preview" note, never an error."""

import io
import zipfile

import pytest

from documents import office_previews
from documents.models import OfficePreview
from documents.samples import docx_bytes, odf_bytes, pptx_bytes, xlsx_bytes
from tests.documents.helpers import make_document


@pytest.fixture
def upload(world, django_capture_on_commit_callbacks):
    """Upload a file and let the background tasks (immediate in tests) run."""

    def _upload(name, content):
        with django_capture_on_commit_callbacks(execute=True):
            return make_document(world.workspace, world.lead, name, content)

    return _upload


def _page(client_for, world, document):
    response = client_for(world.observer).get(document.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def test_a_word_document_is_previewed_as_escaped_headings_text_and_tables(
    world, client_for, upload
):
    content = docx_bytes(["Work plan", "Kick-off <script>x</script> in May."], [["WP", "Lead"]])
    page = _page(client_for, world, upload("plan.docx", content))
    assert '<div class="office-preview" data-kind="document">' in page
    assert "<h3>Work plan</h3>" in page
    assert "<p>Kick-off &lt;script&gt;x&lt;/script&gt; in May.</p>" in page
    assert "<td>WP</td><td>Lead</td>" in page


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("budget.xlsx", xlsx_bytes([("Partner", "Amount"), ("Nordic", 1200)]), "<td>Nordic</td>"),
        ("budget.ods", odf_bytes("spreadsheet", ["Partner", "Nordic"]), "<td>Nordic</td>"),
        ("deck.pptx", pptx_bytes([("Goals", "Clean rivers")]), "<h3>Goals</h3><ul><li>Clean"),
        ("deck.odp", odf_bytes("presentation", ["Goals", "Clean rivers"]), "<h3>Goals</h3>"),
        ("notes.odt", odf_bytes("text", ["Minutes of the call"]), "<p>Minutes of the call</p>"),
    ],
    # Named by file: the bytes hold the zip's timestamps, and xdist needs the same ids
    # in every worker.
    ids=["xlsx", "ods", "pptx", "odp", "odt"],
)
def test_spreadsheets_presentations_and_odf_are_previewed(
    world, client_for, upload, name, content, expected
):
    assert expected in _page(client_for, world, upload(name, content))


def _zip_bomb():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"\0" * (4 * 1024 * 1024))
    return buffer.getvalue()


@pytest.mark.parametrize(
    "content",
    [_zip_bomb(), b"PK\x03\x04 this is no zip", b"\0" * 1000, xlsx_bytes()],
    ids=["zip-bomb", "broken-zip", "nul-bytes", "a-spreadsheet-named-docx"],
)
def test_hostile_or_broken_files_get_a_no_preview_note(world, client_for, upload, content):
    document = upload("trap.docx", content)
    page = _page(client_for, world, document)
    assert "No preview: this file could not be read safely." in page
    assert OfficePreview.objects.get(file_name=document.latest_version.file.name).ok is False


def test_the_page_says_the_preview_is_coming_until_the_task_ran(
    world, client_for, django_capture_on_commit_callbacks
):
    document = make_document(world.workspace, world.lead, "plan.docx", docx_bytes(["Old"]))
    # As for a file uploaded before previews existed: the page asks for the task.
    with django_capture_on_commit_callbacks(execute=True):
        assert "The preview is being prepared" in _page(client_for, world, document)
    assert "<h3>Old</h3>" in _page(client_for, world, document)


def test_the_preview_is_made_once_per_stored_file(world, upload):
    document = upload("plan.docx", docx_bytes(["Plan"]))
    name = document.latest_version.file.name
    first = office_previews.make_now(name, "docx")
    again = office_previews.make_now(name, "docx")
    assert first.pk == again.pk and OfficePreview.objects.filter(file_name=name).count() == 1
