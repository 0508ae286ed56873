from django.urls import reverse

from documents.models import Document, Version
from documents.samples import pdf_bytes, png_bytes
from tests.documents.helpers import body, make_document, stored_files, upload_file


def _upload_url(container):
    return reverse("documents:document_upload", args=[container])


def test_member_uploads_several_files_at_once_as_new_documents(world, client_for):
    client = client_for(world.member)
    response = client.post(
        _upload_url(world.workspace),
        {
            "files": [
                upload_file("minutes.md", b"# Minutes\n"),
                upload_file("budget.csv", b"a,b\n1,2\n"),
            ],
            "tags": "Finance, 2026",
        },
    )
    assert response.status_code == 302
    documents = Document.objects.order_by("title")
    assert [d.title for d in documents] == ["budget", "minutes"]
    version = documents[0].latest_version
    assert (version.number, version.original_name, version.size) == (1, "budget.csv", 8)
    assert version.content_type == "text/csv"
    assert version.uploaded_by == world.member
    assert len(version.sha256) == 64
    assert sorted(t.name for t in documents[0].tags.all()) == ["2026", "finance"]
    assert len(stored_files()) == 2


def test_stored_file_name_is_generated_never_the_uploaded_name(world, client_for):
    client_for(world.member).post(
        _upload_url(world.workspace), {"files": [upload_file("../../etc/passwd.txt", b"x")]}
    )
    version = Version.objects.get()
    assert "passwd" not in version.file.name
    assert version.file.name.startswith("documents/")
    assert version.original_name == "passwd.txt"


def test_observer_may_not_upload(world, client_for):
    response = client_for(world.observer).post(
        _upload_url(world.workspace), {"files": [upload_file()]}
    )
    assert response.status_code == 403
    assert not Document.objects.exists()
    assert stored_files() == []


def test_upload_over_the_size_limit_is_refused_with_a_clear_message(world, client_for, settings):
    settings.MAX_UPLOAD_SIZE = 1000
    response = client_for(world.member).post(
        _upload_url(world.workspace),
        {"files": [upload_file("small.txt", b"ok"), upload_file("huge.txt", b"x" * 5000)]},
    )
    assert response.status_code == 413
    assert "huge.txt: larger than the limit of 1000" in response.content.decode()
    assert not Document.objects.exists()
    assert stored_files() == []


def test_empty_file_is_refused_and_nothing_is_stored(world, client_for):
    response = client_for(world.member).post(
        _upload_url(world.workspace),
        {"files": [upload_file("a.txt", b"x"), upload_file("b.txt", b"")]},
    )
    assert response.status_code == 400
    assert "b.txt is empty" in response.content.decode()
    assert not Document.objects.exists()
    assert stored_files() == []


def test_upload_without_files_says_so(world, client_for):
    response = client_for(world.member).post(_upload_url(world.workspace), {"tags": "x"})
    assert response.status_code == 400
    assert "Choose at least one file." in response.content.decode()


def test_upload_form_requires_the_csrf_token(world, client):
    from django.test import Client

    csrf_client = Client(enforce_csrf_checks=True)
    csrf_client.force_login(world.member)
    response = csrf_client.post(_upload_url(world.workspace), {"files": [upload_file()]})
    assert response.status_code == 403
    assert not Document.objects.exists()


def test_file_types_are_identified_from_their_bytes(world):
    png = make_document(world.workspace, world.member, "chart.png", png_bytes())
    pdf = make_document(world.workspace, world.member, "plan.pdf", pdf_bytes())
    fake = make_document(world.workspace, world.member, "fake.png", b"<svg onload=alert(1)>")
    svg = make_document(world.workspace, world.member, "logo.svg", b"<svg></svg>")
    assert (png.latest_version.content_type, png.latest_version.preview) == ("image/png", "image")
    assert (pdf.latest_version.content_type, pdf.latest_version.preview) == (
        "application/pdf",
        "pdf",
    )
    assert fake.latest_version.preview == ""
    assert svg.latest_version.preview == ""
    assert svg.file_type == "svg"


def test_uploaded_document_page_shows_the_text(world, client_for):
    document = make_document(world.workspace, world.member, "notes.md", b"# Agenda <b>x</b>\n")
    response = client_for(world.observer).get(document.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert "# Agenda &lt;b&gt;x&lt;/b&gt;" in html
    assert body(client_for(world.observer).get(document.get_permalink())) == b"# Agenda <b>x</b>\n"
