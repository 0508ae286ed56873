"""The sanitiser (alliance_hub.markup, policy 3): no inputs, no user classes outside our
own vocabulary, ids and in-page links prefixed, images from other hosts never fetched.
Every payload of the one corpus goes through it, as every field's Markdown does."""

import pytest
from django.core.management import call_command

from alliance_hub.markup import POLICY_VERSION, render_markdown, render_markdown_with_toc
from tests.wiki.conftest import create_page
from tests.xss_corpus import PAYLOADS, assert_no_active_content
from wiki.models import Page


@pytest.mark.parametrize("payload", PAYLOADS)
def test_every_payload_of_the_corpus_renders_inert(payload):
    html, _ = render_markdown(f"## Heading\n\n{payload}\n")
    assert_no_active_content(html)


def test_inputs_are_gone_but_task_lists_keep_their_boxes():
    html, _ = render_markdown('- [x] done\n- [ ] open\n\n<input type="text" name="password">')
    assert "<input" not in html
    assert "\u2611 done" in html and "\u2610 open" in html


def test_user_ids_are_prefixed_and_so_are_in_page_links():
    html, toc, _ = render_markdown_with_toc('## Budget\n\n<p id="main">x</p>\n\n[up](#budget)')
    assert 'id="uc-budget"' in html and 'id="uc-main"' in html and 'id="main"' not in html
    assert 'href="#uc-budget"' in html and 'href="#uc-budget"' in toc


def test_classes_outside_our_vocabulary_are_removed():
    html, _ = render_markdown('<div class="messages error">locked</div> [[Plan]]')
    assert "messages" not in html and "error" not in html


@pytest.mark.parametrize(
    "source",
    [
        "![pixel](https://tracker.example/p.gif)",
        '<img src="https://tracker.example/p.gif">',
        '<img src="//tracker.example/p.gif">',
        '<img src="/\\tracker.example/p.gif">',
    ],
)
def test_images_from_other_hosts_are_links_or_nothing(source):
    html, _ = render_markdown(source)
    assert "<img" not in html or 'src="' not in html
    if source.startswith("!"):
        assert '<a href="https://tracker.example/p.gif"' in html


def test_images_from_this_site_stay_images():
    html, _ = render_markdown("![chart](/d/12/)")
    assert '<img alt="chart" src="/d/12/">' in html


def test_stored_pages_are_rerendered_under_the_new_policy(world):
    page = create_page(world.workspace, world.lead, "Tasks", "tasks", "- [x] done\n\n## Plan")
    Page.objects.filter(pk=page.pk).update(
        body_html='<ul><li><input type="checkbox" checked> done</li></ul><h2 id="plan">Plan</h2>',
        markup_version=2,
    )
    call_command("rerender_markup")
    page.refresh_from_db()
    assert page.markup_version == POLICY_VERSION == 3
    assert "<input" not in page.body_html and 'id="uc-plan"' in page.body_html
