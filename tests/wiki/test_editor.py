"""The editor's live preview: the same sanitised pipeline as the saved page, behind
CSRF and the access layer, wired to the page form (static/js/editor.js)."""

from django.test import Client
from django.urls import reverse

from tests.xss_corpus import script_risks
from wiki.models import Page

BODY = "# Plan\n\n| WP | Lead |\n|---|---|\n| 1 | [[Meeting notes]] |\n\n<script>x()</script>"


def test_the_preview_is_exactly_what_the_saved_page_shows(world, client_for, page):
    client = client_for(world.member)
    preview = client.post(reverse("wiki:page_preview", args=[world.workspace]), {"body": BODY})
    assert preview.status_code == 200
    client.post(
        reverse("wiki:page_create", args=[world.workspace]),
        {"title": "Plan", "slug": "plan", "body": BODY, "template": "blank"},
    )
    saved = Page.objects.get(path="plan").body_html
    assert "<table>" in saved and 'class="wiki-link"' in saved and "<script>" not in saved
    assert saved in preview.content.decode()


def test_the_preview_needs_the_csrf_token(world, page):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.member)
    url = reverse("wiki:page_preview", args=[world.workspace])
    assert client.post(url, {"body": "hello"}).status_code == 403


def test_readers_who_cannot_write_get_no_preview(world, client_for, page):
    url = reverse("wiki:page_preview", args=[world.workspace])
    assert client_for(world.observer).post(url, {"body": "x"}).status_code in (403, 404)
    assert client_for(world.outsider).post(url, {"body": "x"}).status_code == 404


def test_the_form_is_wired_for_the_editor_without_inline_script(world, client_for, page):
    html = (
        client_for(world.member)
        .get(reverse("wiki:page_edit", args=[world.workspace, page.path]))
        .content.decode()
    )
    preview_url = reverse("wiki:page_preview", args=[world.workspace])
    assert f'data-preview-url="{preview_url}"' in html
    assert f'data-link-scope="{world.workspace.slug}"' in html
    assert "js/editor.js" in html
    assert script_risks(html) == []
