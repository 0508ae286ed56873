"""Wiki diffs people can read: on the page's rendered text, block by block, with the
changed words marked; the Markdown source on request; never a revision with itself."""

from django.urls import reverse

from tests.wiki.conftest import edit_page
from tests.xss_corpus import PAYLOADS, script_risks


def _diff_url(world, page):
    return reverse("wiki:page_diff", args=[world.workspace, page.path])


def test_the_diff_compares_the_rendered_text_word_by_word(world, client_for, page):
    edit_page(
        page, world.lead, "# Notes\n\nFirst **bold** idea.\n\n| a | b |\n|---|---|\n| 1 | 2 |"
    )
    edit_page(
        page, world.lead, "# Notes\n\nFirst **bold** plan.\n\n| a | b |\n|---|---|\n| 1 | 3 |"
    )
    html = client_for(world.observer).get(_diff_url(world, page)).content.decode()
    assert "First bold <del>idea</del>." in html and "First bold <ins>plan</ins>." in html
    assert "1 | <del>2</del>" in html and "1 | <ins>3</ins>" in html
    assert "**" not in html.split('class="text-diff"')[1]  # no Markdown syntax
    assert "@@" not in html and "+++" not in html


def test_the_markdown_source_can_be_compared_too(world, client_for, page):
    edit_page(page, world.lead, "# Notes\n\nSee [the plan](https://example.org/a).")
    edit_page(page, world.lead, "# Notes\n\nSee [the plan](https://example.org/b).")
    client = client_for(world.observer)
    rendered = client.get(_diff_url(world, page)).content.decode()
    assert "These revisions have the same text." not in rendered or "view=source" in rendered
    source = client.get(_diff_url(world, page), {"view": "source"}).content.decode()
    assert "<del>a</del>" in source and "<ins>b</ins>" in source


def test_compare_with_current_is_not_offered_on_the_current_revision(world, client_for, page):
    edit_page(page, world.lead, "Second.")
    client = client_for(world.observer)
    current = client.get(
        reverse("wiki:page_revision", args=[world.workspace, 2, page.path])
    ).content.decode()
    assert "Compare with current" not in current
    assert "from=1&amp;to=2" in current and "Compare with the previous revision" in current
    old = client.get(
        reverse("wiki:page_revision", args=[world.workspace, 1, page.path])
    ).content.decode()
    assert "Compare with current" in old and "from=1&amp;to=2" in old


def test_rendered_diffs_of_hostile_text_stay_inert(world, client_for, page):
    edit_page(page, world.lead, "\n\n".join(PAYLOADS))
    client = client_for(world.observer)
    for view in ("page", "source"):
        response = client.get(_diff_url(world, page), {"view": view, "from": 1, "to": 2})
        assert response.status_code == 200
        assert script_risks(response.content.decode()) == []


def test_an_unknown_view_falls_back_to_the_rendered_text(world, client_for, page):
    edit_page(page, world.lead, "Second.")
    response = client_for(world.observer).get(_diff_url(world, page), {"view": "☃ unknown"})
    assert response.status_code == 200
    assert "<strong>The page as people read it</strong>" in response.content.decode()
