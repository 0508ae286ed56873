"""A Content-Security-Policy on every response (django-csp), with nothing inline in
our templates that it would block. The browser journeys (tests/e2e) fail on any
violation Chromium reports."""

import re
from pathlib import Path

from django.conf import settings
from django.urls import reverse

from tests.factories import superuser

TEMPLATES = Path(settings.BASE_DIR) / "templates"
INLINE = [
    (re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I), "inline <script>"),
    (re.compile(r"<style\b", re.I), "<style> element"),
    (re.compile(r"\sstyle=", re.I), "style attribute"),
    (re.compile(r"\son[a-z]+=", re.I), "event handler attribute"),
    (re.compile(r"\shx-on", re.I), "hx-on attribute (eval)"),
    (re.compile(r"javascript:", re.I), "javascript: URL"),
]


def _policy(response):
    return response["Content-Security-Policy"]


def _directives(policy):
    return dict((part.split()[0], part.split()[1:]) for part in policy.split(";") if part.strip())


def test_no_template_has_what_the_policy_would_block():
    problems = []
    for template in TEMPLATES.rglob("*.html"):
        if "email" in template.parts:
            continue  # e-mail clients need inline styles; no browser policy applies
        text = template.read_text()
        problems += [
            f"{template.relative_to(TEMPLATES)}: {why}" for rx, why in INLINE if rx.search(text)
        ]
    assert not problems, problems


def test_the_template_check_finds_inline_script_but_not_script_files():
    rx = INLINE[0][0]
    assert rx.search("<script>alert(1)</script>")
    assert not rx.search('<script src="/static/js/app.js" defer></script>')


def test_pages_send_a_strict_policy(world, client_for):
    client = client_for(world.member)
    for url in [
        reverse("workspaces:home"),
        reverse("workspaces:dashboard", args=[world.workspace]),
        reverse("workspaces:dashboard", args=[world.other_workspace]),  # 404 page
        reverse("workspaces:dashboard", args=[world.workspace]) + "?before=x",  # 400 page
    ]:
        directives = _directives(_policy(client.get(url)))
        assert directives["default-src"] == ["'none'"]
        assert directives["script-src"] == ["'self'"]
        assert directives["style-src"] == ["'self'"]
        assert directives["frame-ancestors"] == ["'none'"]
        assert "'unsafe-inline'" not in _policy(client.get(url))
        assert "'unsafe-eval'" not in _policy(client.get(url))


def test_anonymous_pages_and_the_admin_send_it_too(db, client):
    assert "script-src 'self'" in _policy(client.get(reverse("account_login")))
    client.force_login(superuser())
    assert "script-src 'self'" in _policy(client.get("/admin/"))


def test_htmx_is_configured_for_the_policy(world, client_for):
    html = client_for(world.member).get(reverse("workspaces:home")).content.decode()
    assert '"includeIndicatorStyles": false' in html and '"allowEval": false' in html


def test_downloads_keep_their_own_stricter_policy(world, client_for):
    from tests.documents.helpers import make_document

    document = make_document(world.workspace, world.lead, "plan.txt", b"x")
    response = client_for(world.member).get(document.get_permalink())
    assert _policy(response) == "default-src 'none'; sandbox"
