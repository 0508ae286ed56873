"""Files in words people use (kinds and sizes), and diffs people can read: word-level,
for text files and, through their extracted text, for Word documents."""

from django.urls import reverse

from documents.samples import docx_bytes, odf_bytes, pdf_bytes, xlsx_bytes
from tests.documents.helpers import add_version, doc_url, make_document
from tests.xss_corpus import PAYLOADS, script_risks

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def test_document_and_folder_pages_name_the_kind_of_file_not_its_mime_type(world, client_for):
    document = make_document(world.workspace, world.lead, "plan.docx", docx_bytes(["Plan"]))
    make_document(world.workspace, world.lead, "budget.xlsx", xlsx_bytes())
    make_document(world.workspace, world.lead, "charter.pdf", pdf_bytes(["x" * 3000]))
    client = client_for(world.observer)
    page = client.get(document.get_absolute_url()).content.decode()
    assert "<dt>Type</dt><dd>Word document</dd>" in page
    assert DOCX_TYPE not in page
    listing = client.get(reverse("documents:folder_list", args=[world.workspace])).content.decode()
    assert "<td>Spreadsheet</td>" in listing and "<td>PDF</td>" in listing
    assert "Word document (.docx)" in listing  # the type filter, too


def test_sizes_are_written_in_kb_and_mb():
    from documents.labels import size_label

    assert size_label(0) == "0 bytes"
    assert size_label(1) == "1 byte"
    assert size_label(2048) == "2.0 KB"
    assert size_label(15 * 1024) == "15 KB"
    assert size_label(int(2.4 * 1024 * 1024)) == "2.4 MB"
    assert size_label("junk") == ""


def test_word_documents_are_compared_word_by_word_on_their_text(
    world, client_for, django_capture_on_commit_callbacks
):
    document = make_document(
        world.workspace, world.lead, "plan.docx", docx_bytes(["Plan", "We meet on Monday."])
    )
    add_version(document, world.lead, docx_bytes(["Plan", "We meet on Friday."]), "plan.docx")
    client = client_for(world.observer)
    assert 'name="old"' in client.get(document.get_absolute_url()).content.decode()
    url = doc_url("version_diff", document)
    with django_capture_on_commit_callbacks(execute=True):
        first = client.get(url, {"old": 1, "new": 2}).content.decode()
    # The first look asks for the text (a background task; immediate in tests).
    assert "still being read" in first
    html = client.get(url, {"old": 1, "new": 2}).content.decode()
    assert "We meet on <del>Monday</del>." in html
    assert "We meet on <ins>Friday</ins>." in html
    assert "@@" not in html


def test_an_unreadable_word_document_says_so_instead_of_a_diff(
    world, client_for, django_capture_on_commit_callbacks
):
    document = make_document(world.workspace, world.lead, "plan.odt", odf_bytes("text", ["A"]))
    add_version(document, world.lead, b"PK\x03\x04 not really a zip", "plan.odt")
    client = client_for(world.observer)
    url = doc_url("version_diff", document)
    with django_capture_on_commit_callbacks(execute=True):
        client.get(url, {"old": 1, "new": 2})
    response = client.get(url, {"old": 1, "new": 2})
    assert response.status_code == 200
    assert "The text of version 2 could not be read." in response.content.decode()


def test_document_diffs_escape_hostile_text(world, client_for):
    hostile = "\n".join(PAYLOADS).encode()
    document = make_document(world.workspace, world.lead, "notes.txt", b"safe\n")
    add_version(document, world.lead, hostile, "notes.txt")
    html = client_for(world.observer).get(doc_url("version_diff", document), {"old": 1, "new": 2})
    assert html.status_code == 200
    assert script_risks(html.content.decode()) == []


def test_a_huge_text_is_compared_only_at_its_beginning_with_a_note(world, client_for):
    document = make_document(world.workspace, world.lead, "log.txt", b"a line\n" * 40_000)
    add_version(document, world.lead, b"a line\n" * 39_999 + b"changed\n", "log.txt")
    response = client_for(world.observer).get(
        doc_url("version_diff", document), {"old": 1, "new": 2}
    )
    assert "only their beginning is compared" in response.content.decode()
