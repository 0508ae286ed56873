from documents.samples import pdf_bytes, png_bytes
from tests.documents.helpers import add_version, body, doc_url, make_document


def test_image_is_previewed_inline_with_a_safe_image_type(world, client_for):
    document = make_document(world.workspace, world.lead, "chart.png", png_bytes())
    client = client_for(world.observer)
    page = client.get(document.get_absolute_url()).content.decode()
    preview_url = doc_url("version_preview", document, 1)
    assert f'<img src="{preview_url}" alt="Preview of chart.png">' in page
    response = client.get(preview_url)
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"].startswith("inline;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert body(response) == png_bytes()


def test_pdf_is_previewed_in_a_sandbox(world, client_for):
    document = make_document(world.workspace, world.lead, "plan.pdf", pdf_bytes(["Plan"]))
    client = client_for(world.observer)
    assert "<iframe" in client.get(document.get_absolute_url()).content.decode()
    response = client.get(doc_url("version_preview", document, 1))
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Security-Policy"] == "sandbox"
    assert response["X-Frame-Options"] == "SAMEORIGIN"  # the document page frames it
    assert response["Content-Disposition"].startswith("inline;")


def test_a_file_claiming_to_be_an_image_gets_no_preview(world, client_for):
    document = make_document(world.workspace, world.lead, "x.png", b"<html><script>x</script>")
    client = client_for(world.observer)
    assert client.get(doc_url("version_preview", document, 1)).status_code == 404
    assert (
        "No preview for this type of file"
        in client.get(document.get_absolute_url()).content.decode()
    )


def test_csv_is_shown_as_an_escaped_table(world, client_for):
    document = make_document(
        world.workspace, world.lead, "budget.csv", b"Partner,Amount\n<b>Nordic</b>,1200\n"
    )
    page = client_for(world.observer).get(document.get_absolute_url()).content.decode()
    assert '<th scope="col">Partner</th>' in page
    assert "<td>&lt;b&gt;Nordic&lt;/b&gt;</td>" in page


def test_long_text_preview_says_it_is_the_beginning(world, client_for):
    document = make_document(world.workspace, world.lead, "log.txt", b"line\n" * 60000)
    page = client_for(world.observer).get(document.get_absolute_url()).content.decode()
    assert "The preview shows the beginning of the file." in page


def test_diff_between_any_two_text_versions(world, client_for):
    document = make_document(world.workspace, world.lead, "notes.md", b"# Plan\nkeep\nold line\n")
    add_version(document, world.lead, b"# Plan\nkeep\nnew <line>\n", "notes.md")
    add_version(document, world.lead, b"# Plan\nkeep\nthird\n", "notes.md")
    client = client_for(world.observer)
    page = client.get(document.get_absolute_url()).content.decode()
    assert 'name="old"' in page
    response = client.get(doc_url("version_diff", document), {"old": 1, "new": 2})
    html = response.content.decode()
    assert response.status_code == 200
    # Word-level: only the changed words are marked, and no unified-diff markers.
    assert '<tr class="diff-removed">' in html and "<del>old</del> line" in html
    assert '<tr class="diff-added">' in html and "<ins>new</ins> <ins>&lt;</ins>line" in html
    assert "@@" not in html and "+++" not in html
    reverse_diff = client.get(doc_url("version_diff", document), {"old": 3, "new": 1})
    assert "<ins>old line</ins>" in reverse_diff.content.decode()


def test_diff_needs_two_existing_text_versions(world, client_for):
    document = make_document(world.workspace, world.lead, "chart.png", png_bytes())
    add_version(document, world.lead, png_bytes(title="Other"), "chart.png")
    client = client_for(world.observer)
    assert client.get(doc_url("version_diff", document), {"old": "x"}).status_code == 400
    assert client.get(doc_url("version_diff", document), {"old": 1, "new": 7}).status_code == 404
    response = client.get(doc_url("version_diff", document), {"old": 1, "new": 2})
    assert response.status_code == 400
    assert "Only text files and Word documents can be compared." in response.content.decode()
