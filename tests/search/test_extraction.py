"""Words inside uploaded files are found; files that cannot be read are refused within
limits, logged, and still found by their name."""

import io
import zipfile

import pytest
from django.urls import reverse

from documents import services as documents
from documents.samples import docx_bytes, odf_bytes, pdf_bytes, pptx_bytes, xlsx_bytes
from search.models import Entry, ExtractedText
from tests.documents.helpers import make_document, upload_file
from tests.search.helpers import search

pytestmark = pytest.mark.django_db

EML = (
    b"From: Anna <anna@example.org>\r\nTo: team@example.org\r\nSubject: Site visit\r\n"
    b"Content-Type: text/plain; charset=utf-8\r\n\r\nWe saw a quokka near the harbour.\r\n"
)
FILES = {
    "pdf": pdf_bytes(
        ["Consortium agreement", "Signed in Quokkaville", "by all partners and a quokka"]
    ),
    "docx": docx_bytes(["Minutes", "The quokka budget was approved."], table=[["a", "b"]]),
    "xlsx": xlsx_bytes([("Item", "Cost"), ("quokka food", 12.5)]),
    "pptx": pptx_bytes([("Kick-off", "Our mascot is a quokka")]),
    "odt": odf_bytes("text", ["A quokka in a text document"]),
    "ods": odf_bytes("spreadsheet", ["quokka", "wallaby"]),
    "odp": odf_bytes("presentation", ["Slide about the quokka"]),
    "txt": b"plain words about a quokka\n",
    "md": b"# Notes\n\nThe **quokka** is *happy*.\n",
    "csv": b"animal,count\nquokka,3\n",
    "html": b"<html><head><style>p{}</style></head><body><p>Hello <b>quokka</b></p></body></html>",
    "eml": EML,
}


@pytest.mark.parametrize("extension", sorted(FILES))
def test_a_word_inside_the_file_is_found(world, client_for, upload, extension):
    upload(world.workspace, world.member, f"File {extension}.{extension}", FILES[extension])
    found = search(client_for(world.non_group_member), "quokka")
    assert found.titles == [f"File {extension}"]
    assert "<mark>quokka</mark>" in found.snippets[0].lower()
    assert "**" not in found.snippets[0]


def test_an_encrypted_pdf_is_refused_logged_and_found_by_its_name(
    world, client_for, upload, caplog
):
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for page in PdfReader(io.BytesIO(FILES["pdf"])).pages:
        writer.add_page(page)
    writer.encrypt("secret")
    buffer = io.BytesIO()
    writer.write(buffer)
    document = upload(world.workspace, world.member, "Locked quokka.pdf", buffer.getvalue())
    assert document.latest_version is not None, "the upload itself succeeded"
    record = ExtractedText.objects.get()
    assert not record.ok and "encrypted" in record.error
    assert "encrypted" in caplog.text
    client = client_for(world.member)
    assert search(client, "quokkaville") == []
    assert search(client, "locked").titles == ["Locked quokka"]


def test_a_corrupt_pdf_is_refused_and_found_by_its_name(world, client_for, upload):
    upload(world.workspace, world.member, "Broken.pdf", b"%PDF-1.4\n1 0 obj <<< nonsense")
    assert not ExtractedText.objects.get().ok
    assert search(client_for(world.member), "broken").titles == ["Broken"]


def _zip_bomb():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w") as member:
            zeros = b"\0" * (1024 * 1024)
            for _ in range(120):
                member.write(zeros)
    return buffer.getvalue()


def test_a_zip_bomb_disguised_as_docx_is_refused_without_inflating_it(world, client_for, upload):
    bomb = _zip_bomb()
    assert len(bomb) < 1024 * 1024
    upload(world.workspace, world.member, "Harmless.docx", bomb)
    record = ExtractedText.objects.get()
    assert not record.ok and "inflate" in record.error
    assert search(client_for(world.member), "harmless").titles == ["Harmless"]


def test_a_spreadsheet_over_the_size_limit_is_refused(world, client_for, upload, settings):
    settings.SEARCH_EXTRACT_MAX_BYTES = 50_000
    rows = [(f"quokka row {i}", i, "x" * 40) for i in range(5000)]
    upload(world.workspace, world.member, "Huge.xlsx", xlsx_bytes(rows))
    record = ExtractedText.objects.get()
    assert not record.ok and "larger than" in record.error
    assert search(client_for(world.member), "huge").titles == ["Huge"]


def test_extraction_stops_at_the_time_limit(world, upload, settings):
    settings.SEARCH_EXTRACT_SECONDS = 0.001
    upload(world.workspace, world.member, "Slow.pdf", FILES["pdf"])
    record = ExtractedText.objects.get()
    assert not record.ok and ("longer" in record.error or "limit" in record.error)


def test_extracted_text_is_capped(world, client_for, upload, settings):
    settings.SEARCH_EXTRACT_MAX_CHARS = 40
    upload(world.workspace, world.member, "Long.txt", b"early words " * 10 + b"quokka at the end\n")
    assert len(ExtractedText.objects.get().text) <= 40
    client = client_for(world.member)
    assert search(client, "quokka") == []
    assert search(client, "early").titles == ["Long"]


def test_a_new_version_says_its_text_is_being_indexed_until_it_is(
    world, client_for, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as pending:
        document = make_document(world.workspace, world.member, "Pelican plan.pdf", FILES["pdf"])
    client = client_for(world.member)
    found = search(client, "pelican")
    assert found.titles == ["Pelican plan"]
    assert "The text of version 1 is being indexed" in found.html
    assert search(client, "quokkaville") == []
    for callback in pending:
        callback()
    assert "being indexed" not in search(client, "pelican").html
    assert search(client, "quokkaville").titles == ["Pelican plan"]
    entry = Entry.objects.get(kind="document", object_id=document.pk)
    assert entry.file_state == Entry.FileState.DONE


def test_a_restored_version_reuses_the_text_already_extracted(world, client_for, upload, immediate):
    document = upload(world.workspace, world.member, "Plan.txt", b"first quokka\n")
    immediate(
        documents.version_upload,
        actor=world.member,
        document=document,
        upload=upload_file("Plan.txt", b"second wallaby\n"),
    )
    immediate(documents.version_restore, actor=world.member, document=document, number=1)
    assert ExtractedText.objects.count() == 2
    client = client_for(world.member)
    assert search(client, "quokka").titles == ["Plan"]
    assert search(client, "wallaby") == []


def test_a_result_found_inside_a_file_opens_the_document(world, client_for, upload):
    document = upload(world.workspace, world.member, "Agreement.pdf", FILES["pdf"])
    client = client_for(world.member)
    ((_, _, url),) = search(client, "quokkaville")
    assert url == document.get_absolute_url()
    assert client.get(url).status_code == 200
    assert reverse("search:search")


def _spreadsheet_of(path, size):
    """A real XLSX of about ``size`` bytes at ``path``, written in 1 MB rows of cells
    (stored, not compressed, so it is as big on disk as it says), never in memory."""
    row = b'<row><c t="inlineStr"><is><t>' + b"w" * (1 << 20) + b"</t></is></c></row>"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            sheet.write(b'<?xml version="1.0"?><worksheet><sheetData>')
            for _ in range(size // len(row)):
                sheet.write(row)
            sheet.write(b"</sheetData></worksheet>")


def test_a_200_mb_spreadsheet_is_refused_logged_and_found_by_its_name(
    world, client_for, immediate, tmp_path, caplog
):
    from django.core.files.uploadedfile import UploadedFile

    path = tmp_path / "Inventory.xlsx"
    _spreadsheet_of(path, 200 * 1000 * 1000)
    assert path.stat().st_size >= 199 * 1000 * 1000
    with path.open("rb") as handle, caplog.at_level("WARNING", logger="search.tasks"):
        upload = UploadedFile(handle, name=path.name, size=path.stat().st_size)
        immediate(
            documents.documents_upload,
            actor=world.member,
            container=world.workspace,
            uploads=[upload],
        )
    record = ExtractedText.objects.get()
    assert not record.ok and "larger than" in record.error and record.seconds < 5
    assert "not extracted: file larger than" in caplog.text
    assert search(client_for(world.member), "inventory").titles == ["Inventory"]
