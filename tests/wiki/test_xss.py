"""Nothing a user writes in the wiki can run script in another user's browser: every
payload of the corpus goes through the real save and view path."""

import re

from django.urls import reverse

from tests.wiki.conftest import create_page, edit_page
from tests.xss_corpus import PAYLOADS, active_content, assert_no_active_content

ARTICLE_RE = re.compile(r'<article class="card prose wiki-body">(.*?)</article>', re.S)
TOC_RE = re.compile(r'<nav class="card wiki-toc"[^>]*><h2 [^>]*>Contents</h2>(.*?)</nav>', re.S)
PREVIEW_RE = re.compile(r'<div class="card prose wiki-body">(.*?)</div>\s*<p class="muted">', re.S)


def _user_content(response):
    html = response.content.decode()
    parts = ARTICLE_RE.findall(html) + TOC_RE.findall(html)
    assert parts, "the page shows no rendered content"
    return "\n".join(parts)


def _failures(check, payloads):
    failures = []
    for payload in payloads:
        try:
            check(payload)
        except AssertionError as error:
            failures.append(f"{payload!r}: {error}")
    return failures


def test_every_payload_saved_through_the_edit_form_is_served_inert(world, client_for, page):
    editor = client_for(world.member)
    edit_url = reverse("wiki:page_edit", args=[world.workspace, page.path])

    def check(payload):
        page.refresh_from_db()
        response = editor.post(
            edit_url,
            {
                "title": "Notes",
                "body": f"## Heading\n\n{payload}\n",
                "base_revision": page.revision,
            },
        )
        assert response.status_code == 302, response.status_code
        assert_no_active_content(_user_content(editor.get(page.get_absolute_url())))
        revision = reverse(
            "wiki:page_revision", args=[world.workspace, page.revision + 1, page.path]
        )
        assert_no_active_content(_user_content(editor.get(revision)))

    failures = _failures(check, PAYLOADS)
    assert not failures, "\n".join(failures)
    page.refresh_from_db()
    assert page.revision == len(PAYLOADS) + 1, "every payload was saved"


def test_every_payload_in_the_preview_is_inert(world, client_for):
    client = client_for(world.member)
    url = reverse("wiki:page_preview", args=[world.workspace])

    def check(payload):
        response = client.post(url, {"body": payload})
        assert response.status_code == 200
        (content,) = PREVIEW_RE.findall(response.content.decode())
        assert_no_active_content(content)

    failures = _failures(check, PAYLOADS)
    assert not failures, "\n".join(failures)


def test_payloads_in_titles_and_summaries_are_escaped_everywhere(world, client_for):
    payload = '<script>alert(1)</script><img src=x onerror="alert(1)">'
    page = create_page(world.workspace, world.member, payload, "evil", "text")
    edit_page(page, world.member, "more text", summary=payload)
    client = client_for(world.observer)
    urls = [
        page.get_absolute_url(),
        reverse("wiki:page_list", args=[world.workspace]),
        reverse("wiki:page_history", args=[world.workspace, page.path]),
        reverse("wiki:page_diff", args=[world.workspace, page.path]),
        reverse("wiki:page_recent_changes", args=[world.workspace]),
    ]
    for url in urls:
        html = client.get(url).content.decode()
        assert "<script>alert(1)" not in html, url
        assert "onerror=" not in html.replace("onerror=&quot;", ""), url


def test_diffs_escape_the_text_they_show(world, client_for, page):
    edit_page(page, world.member, "<script>alert(1)</script>\n<img src=x onerror=alert(1)>")
    url = reverse("wiki:page_diff", args=[world.workspace, page.path])
    client = client_for(world.observer)
    source = client.get(url, {"view": "source"}).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in source
    assert "<script>alert(1)" not in source
    rendered = client.get(url).content.decode()  # the sanitised page: nothing to show
    assert "<script>alert(1)" not in rendered and "onerror=alert" not in rendered


def test_the_checker_itself_catches_active_content():
    assert active_content('<a href="javascript:alert(1)">x</a>')
    assert active_content('<a href="jav&#x09;ascript:alert(1)">x</a>')
    assert active_content("<img src=x onerror=alert(1)>")
    assert active_content("<svg onload=alert(1)>")
    assert active_content('<img src="data:image/svg+xml;base64,xx">')
    assert not active_content('<a href="https://example.org/">ok</a> <a href="/w/x/">ok</a>')
