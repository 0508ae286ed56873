from django.urls import reverse

from documents.models import Download
from documents.serving import UNSATISFIABLE, parse_range
from tests.documents.helpers import add_version, body, doc_url, make_document

CONTENT = b"0123456789abcdefghij"  # 20 bytes


def _doc(world, name="data.txt", content=CONTENT):
    return make_document(world.workspace, world.lead, name, content)


def test_download_is_an_attachment_with_nosniff_and_the_name_safely_encoded(world, client_for):
    document = _doc(world, 'Budget "final" – 2026 €.txt')
    response = client_for(world.observer).get(document.get_permalink())
    assert response.status_code == 200
    assert response["X-Content-Type-Options"] == "nosniff"
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment; ")
    assert 'filename="Budget _final_  2026 .txt"' in disposition
    assert "filename*=UTF-8''Budget%20%22final%22%20%E2%80%93%202026%20%E2%82%AC.txt" in disposition
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response["Content-Length"] == "20"
    assert response["Accept-Ranges"] == "bytes"
    assert body(response) == CONTENT


def test_html_and_svg_are_never_served_as_active_content(world, client_for):
    client = client_for(world.member)
    for name, content in [("page.html", b"<script>alert(1)</script>"), ("logo.svg", b"<svg/>")]:
        document = _doc(world, name, content)
        response = client.get(document.get_permalink())
        assert response["Content-Type"] == "application/octet-stream"
        assert response["Content-Disposition"].startswith("attachment;")
        assert "sandbox" in response["Content-Security-Policy"]
        preview = client.get(doc_url("version_preview", document, 1))
        assert preview.status_code == 404


def test_range_request_gets_206_with_the_requested_bytes(world, client_for):
    response = client_for(world.member).get(_doc(world).get_permalink(), HTTP_RANGE="bytes=5-9")
    assert response.status_code == 206
    assert response["Content-Range"] == "bytes 5-9/20"
    assert response["Content-Length"] == "5"
    assert body(response) == b"56789"


def test_open_and_suffix_ranges(world, client_for):
    client = client_for(world.member)
    url = _doc(world).get_permalink()
    assert body(client.get(url, HTTP_RANGE="bytes=15-")) == b"fghij"
    assert body(client.get(url, HTTP_RANGE="bytes=-3")) == b"hij"
    assert body(client.get(url, HTTP_RANGE="bytes=18-500")) == b"ij"


def test_unsatisfiable_range_gets_416(world, client_for):
    response = client_for(world.member).get(_doc(world).get_permalink(), HTTP_RANGE="bytes=20-")
    assert response.status_code == 416
    assert response["Content-Range"] == "bytes */20"


def test_several_ranges_or_a_stale_if_range_get_the_whole_file(world, client_for):
    client = client_for(world.member)
    url = _doc(world).get_permalink()
    several = client.get(url, HTTP_RANGE="bytes=0-1,5-6")
    assert (several.status_code, body(several)) == (200, CONTENT)
    stale = client.get(url, HTTP_RANGE="bytes=0-1", HTTP_IF_RANGE='"not-this-file"')
    assert (stale.status_code, body(stale)) == (200, CONTENT)
    fresh = client.get(url, HTTP_RANGE="bytes=0-1", HTTP_IF_RANGE=stale["ETag"])
    assert (fresh.status_code, body(fresh)) == (206, b"01")


def test_range_parser_edge_cases():
    assert parse_range("", 10) is None
    assert parse_range("bytes=0-0", 10) == (0, 0)
    assert parse_range("bytes=9-", 10) == (9, 9)
    assert parse_range("bytes=-20", 10) == (0, 9)
    assert parse_range("bytes=5-2", 10) is None
    assert parse_range("items=0-1", 10) is None
    assert parse_range("bytes=-0", 10) == UNSATISFIABLE
    assert parse_range("bytes=0-", 0) == UNSATISFIABLE
    assert parse_range("bytes=10-", 10) == UNSATISFIABLE


def test_head_request_sends_headers_only(world, client_for):
    response = client_for(world.member).head(_doc(world).get_permalink())
    assert response.status_code == 200
    assert response["Content-Length"] == "20"
    assert response.content == b""
    assert not Download.objects.exists()


def test_x_accel_redirect_hands_the_file_to_nginx(world, client_for, settings):
    settings.SENDFILE_MODE = "x-accel-redirect"
    settings.SENDFILE_URL_PREFIX = "/protected/"
    document = _doc(world)
    response = client_for(world.member).get(document.get_permalink())
    assert response["X-Accel-Redirect"] == "/protected/" + document.latest_version.file.name
    assert response.content == b""
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert Download.objects.count() == 1


def test_x_sendfile_hands_the_file_to_apache(world, client_for, settings):
    settings.SENDFILE_MODE = "x-sendfile"
    document = _doc(world)
    response = client_for(world.member).get(document.get_permalink())
    assert response["X-Sendfile"] == str(settings.MEDIA_ROOT / document.latest_version.file.name)
    assert response.content == b""


def test_every_download_is_recorded_once_and_moderators_read_the_record(world, client_for):
    document = _doc(world)
    add_version(document, world.lead, b"second")
    observer = client_for(world.observer)
    body(observer.get(reverse("documents:version_download", args=[document.pk, 1])))
    body(observer.get(document.get_permalink(), HTTP_RANGE="bytes=3-"))  # a resumed download
    rows = list(Download.objects.values_list("user", "version__number"))
    assert rows == [(world.observer.pk, 1)]
    assert observer.get(doc_url("document_downloads", document)).status_code == 403
    assert client_for(world.member).get(doc_url("document_downloads", document)).status_code == 403
    record = client_for(world.community_manager).get(doc_url("document_downloads", document))
    assert record.status_code == 200
    assert str(world.observer) in record.content.decode()


def test_page_tells_who_downloaded_an_older_version_that_a_newer_one_exists(world, client_for):
    document = _doc(world)
    client = client_for(world.member)
    body(client.get(document.get_permalink()))
    assert "is newer" not in client.get(document.get_absolute_url()).content.decode()
    add_version(document, world.lead, b"better")
    page = client.get(document.get_absolute_url()).content.decode()
    assert "You downloaded version 1" in page and "version 2 is newer" in page
    body(client.get(document.get_permalink()))
    assert "is newer" not in client.get(document.get_absolute_url()).content.decode()


def test_private_group_documents_are_404_to_everyone_outside_the_group(world, client_for):
    document = make_document(world.private_group, world.lead, "secret.txt", b"secret")
    for user in (world.non_group_member, world.outsider, world.removed):
        client = client_for(user)
        assert client.get(document.get_permalink()).status_code == 404
        assert (
            client.get(reverse("documents:version_download", args=[document.pk, 1])).status_code
            == 404
        )
        assert client.get(document.get_absolute_url()).status_code == 404
    assert body(client_for(world.observer).get(document.get_permalink())) == b"secret"


def test_anonymous_visitors_are_sent_to_sign_in(world, client):
    response = client.get(_doc(world).get_permalink())
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_trashed_document_links_stop_working(world, client_for):
    from documents import services

    document = _doc(world)
    services.document_trash(actor=world.member, document=document)
    client = client_for(world.lead)
    assert client.get(document.get_permalink()).status_code == 404
    assert (
        client.get(reverse("documents:version_download", args=[document.pk, 1])).status_code == 404
    )
