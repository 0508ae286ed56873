"""Numbers in query strings, hand-read form fields and headers go through one strict
reader (alliance_hub.params): crafted values answer 400, never 500."""

import pytest
from django.core.exceptions import BadRequest
from django.urls import reverse

from alliance_hub.params import optional_int, strict_int
from documents.models import Document
from tests.documents.helpers import make_document
from tests.wiki.conftest import create_page

HOSTILE = ["²", "٣", "1²", "-1", "0", "1e3", " 12 x", "9" * 30, "9" * 5000]


@pytest.mark.parametrize("value", HOSTILE)
def test_the_reader_refuses_anything_but_a_bounded_ascii_number(value):
    with pytest.raises(BadRequest):
        strict_int(value, name="before", minimum=1)


def test_the_reader_reads_plain_numbers_and_absence():
    assert strict_int("42", name="n") == 42
    assert strict_int(" 7 ", name="n") == 7
    assert optional_int("", name="n") is None
    assert optional_int(None, name="n") is None


def _list_urls(world):
    ws = world.workspace
    document = make_document(ws, world.lead, "plan.txt", b"x")
    page = create_page(ws, world.lead, "Plan", "plan", "Hello")
    return [
        (reverse("workspaces:dashboard", args=[ws]), "before"),
        (reverse("workspaces:notification_list"), "before"),
        (reverse("microblog:post_list", args=[ws]), "before"),
        (reverse("microblog:post_list", args=[ws]), "author"),
        (reverse("microblog:blogpost_list", args=[ws]), "before"),
        (reverse("documents:version_list", args=[ws, document.pk]), "before"),
        (reverse("documents:document_downloads", args=[ws, document.pk]), "before"),
        (reverse("documents:document_upload", args=[ws]), "folder"),
        (reverse("wiki:page_history", args=[ws, page.path]), "before"),
        (reverse("wiki:page_diff", args=[ws, page.path]), "to"),
    ]


@pytest.mark.parametrize("value", ["²", "9" * 5000, "-3"])
def test_list_pages_answer_400_to_a_number_that_is_not_one(world, client_for, value):
    client = client_for(world.lead)
    for url, name in _list_urls(world):
        response = client.get(url, {name: value})
        assert response.status_code == 400, (url, name, response.status_code)
        assert b"must be a whole number" in response.content


def test_list_pages_still_read_a_real_cursor(world, client_for):
    client = client_for(world.lead)
    for url, name in _list_urls(world):
        expected = 404 if name == "folder" else 200  # no folder 1: the number was read
        assert client.get(url, {name: "1"}).status_code == expected, (url, name)


@pytest.mark.parametrize("value", ["²", "9" * 5000])
def test_folder_form_parent_that_is_not_a_number_is_400(world, client_for, value):
    response = client_for(world.lead).post(
        reverse("documents:folder_create", args=[world.workspace]),
        {"name": "Reports", "parent": value},
    )
    assert response.status_code == 400


def test_range_with_a_five_thousand_digit_end_is_400_not_500(world, client_for):
    document = make_document(world.workspace, world.lead, "plan.txt", b"0123456789")
    client = client_for(world.member)
    response = client.get(document.get_permalink(), HTTP_RANGE="bytes=1-" + "9" * 5000)
    assert response.status_code == 400
    unicode_digits = client.get(document.get_permalink(), HTTP_RANGE="bytes=²-")
    assert unicode_digits.status_code == 200  # a malformed Range is ignored (RFC 9110)


@pytest.mark.parametrize("name", ["search:container_search", "microblog:post_mentions"])
def test_nul_in_a_search_is_400_on_every_database(world, client_for, name):
    response = client_for(world.member).get(
        reverse(name, args=[world.workspace]), {"q": "\x00\x00"}
    )
    assert response.status_code == 400


def test_a_wiki_link_to_a_document_in_unicode_digits_is_plain_text(world, client_for):
    page = create_page(world.workspace, world.lead, "Links", "links", "See [[doc:²]].")
    assert client_for(world.member).get(page.get_absolute_url()).status_code == 200


def test_upload_form_with_only_the_file_field_is_a_form_error(world, client_for):
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client_for(world.member).post(
        reverse("documents:document_upload", args=[world.workspace]),
        {"files": SimpleUploadedFile("a.txt", b"hello")},
    )
    assert response.status_code == 302
    assert Document.objects.count() == 1


def test_upload_form_with_no_file_at_all_is_a_form_error(world, client_for):
    response = client_for(world.member).post(
        reverse("documents:document_upload", args=[world.workspace]), {"folder": "²"}
    )
    assert response.status_code == 400
    assert not Document.objects.exists()
