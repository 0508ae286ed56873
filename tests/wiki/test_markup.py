"""Markdown is rendered once, when a page is saved; views serve the stored HTML."""

import markdown
import pytest
from django.core.management import call_command
from django.urls import NoReverseMatch, reverse

from alliance_hub import markup as project_markup
from tests.wiki.conftest import create_page, edit_page
from wiki.models import Page

RICH = """\
## Budget

| Partner | Amount |
|---------|--------|
| Nordic Wind | 120 000 |

```python
print("hello")
```

- [x] Kick-off
- [ ] Report

### Details
"""


def test_tables_code_tasks_and_toc_are_stored_at_save_time(world, page):
    edit_page(page, world.member, RICH)
    page.refresh_from_db()
    assert "<table>" in page.body_html
    assert "<code" in page.body_html and "print(" in page.body_html
    assert "\u2611 " in page.body_html and "<input" not in page.body_html  # task boxes
    assert 'href="#uc-budget"' in page.toc_html and 'href="#uc-details"' in page.toc_html
    assert page.markup_version == project_markup.POLICY_VERSION


def test_wiki_links_by_title_and_by_path_point_at_the_pages(world):
    ws = world.workspace
    steering = create_page(ws, world.lead, "Steering committee", "governance/steering-committee")
    page = create_page(
        ws,
        world.member,
        "Links",
        "links",
        "See [[Scope of work]], [[governance/steering-committee|the committee]] "
        "and [[scope of WORK]].",
    )
    html = page.body_html
    scope_url = reverse("wiki:page_detail", args=[ws, "scope-of-work"])
    assert f'href="{scope_url}"' in html
    assert f'href="{steering.get_absolute_url()}"' in html
    assert ">the committee</a>" in html
    assert "wiki-missing" not in html


def test_a_link_to_a_missing_page_offers_to_create_it(world, client_for):
    page = create_page(world.workspace, world.member, "Links", "links", "Next: [[Risk register]].")
    create_url = reverse("wiki:page_create", args=[world.workspace])
    assert "wiki-missing" in page.body_html
    assert f"{create_url}?path=risk-register&amp;title=Risk+register" in page.body_html
    response = client_for(world.member).get(f"{create_url}?path=risk-register&title=Risk+register")
    assert 'value="Risk register"' in response.content.decode()


def test_creating_the_missing_page_turns_the_links_to_it_into_real_links(world):
    linking = create_page(world.workspace, world.member, "Links", "links", "[[Risk register]]")
    target = create_page(world.workspace, world.member, "Risk register", "risk-register")
    linking.refresh_from_db()
    assert "wiki-missing" not in linking.body_html
    assert f'href="{target.get_absolute_url()}"' in linking.body_html
    assert linking.revision == 1, "re-linking adds no revision"


def test_a_document_link_is_plain_text_until_the_documents_app_defines_its_permalink(world):
    page = create_page(world.workspace, world.member, "Docs", "docs", "See [[doc:42|the budget]].")
    try:
        permalink = reverse("documents:document_permalink", args=[42])
    except NoReverseMatch:
        assert "the budget" in page.body_html
        assert "doc:42" not in page.body_html and "<a" not in page.body_html
    else:
        assert f'href="{permalink}"' in page.body_html


def test_a_document_link_points_at_the_documents_permalink(world, settings):
    settings.ROOT_URLCONF = "tests.wiki.urls_with_documents"
    page = create_page(
        world.workspace, world.member, "Docs", "docs", "[[doc:42]] and [[doc:7|plan]]"
    )
    assert 'href="/documents/42/latest/"' in page.body_html
    assert ">Document 42</a>" in page.body_html
    assert 'href="/documents/7/latest/"' in page.body_html and ">plan</a>" in page.body_html


def test_wiki_links_inside_code_stay_code(world):
    page = create_page(world.workspace, world.member, "Code", "code", "`[[Not a link]]`")
    assert "<code>[[Not a link]]</code>" in page.body_html


def test_the_page_view_serves_the_stored_html_verbatim(world, client_for, page):
    Page.objects.filter(pk=page.pk).update(body_html="<p>STORED-HTML-MARKER</p>", body="**x**")
    response = client_for(world.member).get(page.get_absolute_url())
    assert "<p>STORED-HTML-MARKER</p>" in response.content.decode()
    assert "<strong>x</strong>" not in response.content.decode()


@pytest.mark.parametrize("view", ["page_detail", "page_history", "page_revision", "page_diff"])
def test_showing_a_page_does_no_markdown_work(world, client_for, page, monkeypatch, view):
    edit_page(page, world.member, RICH)
    calls = []

    class CountingMarkdown(markdown.Markdown):
        def __init__(self, *args, **kwargs):
            calls.append(1)
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(markdown, "Markdown", CountingMarkdown)
    monkeypatch.setattr(project_markup.markdown, "Markdown", CountingMarkdown)
    args = (
        [world.workspace, 1, page.path] if view == "page_revision" else [world.workspace, page.path]
    )
    response = client_for(world.member).get(reverse(f"wiki:{view}", args=args))
    assert response.status_code == 200
    assert calls == []
    # The counter works: a save does render.
    edit_page(page, world.member, "changed")
    assert calls == [1]


def test_rerender_markup_refreshes_pages_and_revisions_made_with_an_older_policy(world, page):
    edit_page(page, world.member, "**bold** text")
    Page.objects.filter(pk=page.pk).update(body_html="stale", markup_version=0)
    Page.history.filter(id=page.pk).update(body_html="stale", markup_version=0)
    fresh = create_page(world.workspace, world.member, "Fresh", "fresh", "fresh")
    Page.objects.filter(pk=fresh.pk).update(body_html="left alone")

    call_command("rerender_markup", "--batch-size", "2")

    page.refresh_from_db()
    assert page.body_html == "<p><strong>bold</strong> text</p>"
    assert page.markup_version == project_markup.POLICY_VERSION
    assert page.revision == 2, "re-rendering adds no revision"
    old_revisions = Page.history.filter(id=page.pk).order_by("revision")
    assert [row.body_html for row in old_revisions] == [
        '<h1 id="uc-notes">Notes</h1>\n<p>First.</p>',
        "<p><strong>bold</strong> text</p>",
    ]
    assert Page.history.filter(id=page.pk).count() == 2
    fresh.refresh_from_db()
    assert fresh.body_html == "left alone"


def test_rerender_markup_all_rerenders_current_rows_too(world, page):
    Page.objects.filter(pk=page.pk).update(body_html="tampered")
    call_command("rerender_markup", "--all")
    page.refresh_from_db()
    assert page.body_html == '<h1 id="uc-notes">Notes</h1>\n<p>First.</p>'


def test_rerender_markup_finds_every_model_that_stores_markup():
    from wiki.management.commands.rerender_markup import markup_models

    labels = {model._meta.label for model in markup_models()}
    assert {"wiki.Page", "wiki.HistoricalPage"} <= labels


def test_a_labelled_wiki_link_works_inside_a_table_with_an_escaped_bar(world):
    body = "| Body | Page |\n|---|---|\n| Steering | [[scope-of-work\\|Our scope]] |\n"
    page = create_page(world.workspace, world.member, "Table", "table", body)
    scope_url = reverse("wiki:page_detail", args=[world.workspace, "scope-of-work"])
    assert f'href="{scope_url}"' in page.body_html
    assert ">Our scope</a></td>" in page.body_html


def test_a_page_without_headings_has_no_table_of_contents(world, client_for):
    page = create_page(world.workspace, world.member, "Plain", "plain", "Just text.")
    assert page.toc_html == ""
    assert (
        "Contents</h2>"
        not in client_for(world.member).get(page.get_absolute_url()).content.decode()
    )
