"""Every save is a revision: history, old revisions, diffs and revert."""

import pytest
from django.urls import reverse
from simple_history.utils import bulk_create_with_history

from tests.wiki.conftest import create_page, edit_page
from wiki.models import Page


def _history_url(world, page):
    return reverse("wiki:page_history", args=[world.workspace, page.path])


def test_every_save_is_a_revision_with_author_time_and_summary(world, client_for, page):
    client = client_for(world.lead)
    response = client.post(
        reverse("wiki:page_edit", args=[world.workspace, page.path]),
        {
            "title": "Meeting notes",
            "body": "Second.",
            "summary": "Fix the date",
            "base_revision": 1,
        },
    )
    assert response.status_code == 302
    revisions = list(Page.history.filter(id=page.pk).order_by("revision"))
    assert [r.revision for r in revisions] == [1, 2]
    assert [r.history_user for r in revisions] == [world.member, world.lead]
    assert revisions[1].change_summary == "Fix the date"
    assert revisions[1].body == "Second."
    html = client.get(_history_url(world, page)).content.decode()
    assert "Fix the date" in html and str(world.lead) in html and str(world.member) in html


def test_an_old_revision_can_be_viewed(world, client_for, page):
    edit_page(page, world.lead, "Second text.")
    response = client_for(world.observer).get(
        reverse("wiki:page_revision", args=[world.workspace, 1, page.path])
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "First." in html and "Second text." not in html
    assert "This is an old revision" in html


def test_a_missing_revision_is_404(world, client_for, page):
    response = client_for(world.member).get(
        reverse("wiki:page_revision", args=[world.workspace, 9, page.path])
    )
    assert response.status_code == 404


def test_the_diff_between_two_revisions_shows_removed_and_added_words(world, client_for, page):
    edit_page(page, world.lead, "# Notes\n\nSecond draft.\nA new line.", title="Minutes")
    response = client_for(world.observer).get(
        reverse("wiki:page_diff", args=[world.workspace, page.path]) + "?from=1&to=2"
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "<del>First</del>." in html
    assert "<ins>Second draft</ins>." in html
    assert 'class="diff-added"' in html and "A new line." in html
    assert "<del>Meeting notes</del> → <ins>Minutes</ins>" in html


def test_the_diff_defaults_to_the_latest_change(world, client_for, page):
    edit_page(page, world.lead, "Second.")
    edit_page(page, world.lead, "Third.")
    html = (
        client_for(world.member)
        .get(reverse("wiki:page_diff", args=[world.workspace, page.path]))
        .content.decode()
    )
    assert "<del>Second</del>" in html and "<ins>Third</ins>" in html and "First" not in html


@pytest.mark.parametrize("query", ["?from=abc&to=2", "?from=0&to=1", "?to=-1"])
def test_a_diff_with_bad_revision_numbers_is_a_clear_400(world, client_for, page, query):
    response = client_for(world.member).get(
        reverse("wiki:page_diff", args=[world.workspace, page.path]) + query
    )
    assert response.status_code == 400
    assert b"must be a whole number" in response.content


def test_a_diff_with_a_missing_revision_is_404(world, client_for, page):
    response = client_for(world.member).get(
        reverse("wiki:page_diff", args=[world.workspace, page.path]) + "?from=1&to=5"
    )
    assert response.status_code == 404


def test_revert_adds_a_new_revision_with_the_old_text(world, client_for, page):
    edit_page(page, world.lead, "Vandalised.", title="Spam")
    response = client_for(world.member).post(
        reverse("wiki:page_revert", args=[world.workspace, 1, page.path]), {"base_revision": 2}
    )
    assert response.status_code == 302
    page.refresh_from_db()
    assert (page.revision, page.title, page.body) == (3, "Meeting notes", "# Notes\n\nFirst.")
    assert page.change_summary == "Reverted to revision 1"
    assert page.body_html == '<h1 id="uc-notes">Notes</h1>\n<p>First.</p>'
    assert Page.history.filter(id=page.pk).count() == 3


def test_revert_from_a_stale_view_changes_nothing(world, client_for, page):
    edit_page(page, world.lead, "Second.")
    edit_page(page, world.lead, "Third, saved after the reverter looked.")
    response = client_for(world.member).post(
        reverse("wiki:page_revert", args=[world.workspace, 1, page.path]), {"base_revision": 2}
    )
    assert response.status_code == 302
    assert response["Location"] == _history_url(world, page)
    page.refresh_from_db()
    assert (page.revision, page.body) == (3, "Third, saved after the reverter looked.")


def test_observers_cannot_revert(world, client_for, page):
    response = client_for(world.observer).post(
        reverse("wiki:page_revert", args=[world.workspace, 1, page.path]), {"base_revision": 1}
    )
    assert response.status_code == 403


def test_history_pages_through_long_histories(world, client_for, page):
    for number in range(2, 56):
        edit_page(page, world.member, f"Text {number}")
    client = client_for(world.member)
    first = client.get(_history_url(world, page)).content.decode()
    assert "?before=6" in first
    older = client.get(_history_url(world, page) + "?before=6").content.decode()
    assert ">5</a>" in older and ">1</a>" in older and ">6</a>" not in older


# Query counts -------------------------------------------------------------------------


def _grow(world, page, size):
    """``size`` revisions of the page and ``size`` sub-pages below it."""
    for number in range(size - 1):
        edit_page(page, world.member if number % 2 else world.lead, f"Text {number}\n\nmore")
    children = [
        Page(
            workspace=world.workspace,
            title=f"Child {n}",
            path=f"{page.path}/child-{n}",
            body="child",
            body_html="<p>child</p>",
            markup_version=1,
        )
        for n in range(size)
    ]
    bulk_create_with_history(children, Page, default_user=world.member)
    page.refresh_from_db()
    return page


# 5 queries every container page runs (session, user, container, the viewer's
# permissions, the "my workspaces" menu with the unread badge) plus at most 2 of the
# wiki's own.
QUERY_BOUND = 7


@pytest.mark.parametrize("size", [5, 200])
def test_page_view_runs_a_fixed_number_of_queries(
    world, client_for, page, size, django_assert_max_num_queries
):
    page = _grow(world, page, size)
    client = client_for(world.member)
    url = page.get_absolute_url()
    client.get(url)
    with django_assert_max_num_queries(QUERY_BOUND):
        response = client.get(url)
    assert response.content.decode().count('href="/w/') > size


@pytest.mark.parametrize("size", [5, 200])
def test_history_runs_a_fixed_number_of_queries(
    world, client_for, page, size, django_assert_max_num_queries
):
    page = _grow(world, page, size)
    client = client_for(world.member)
    url = _history_url(world, page)
    client.get(url)
    with django_assert_max_num_queries(QUERY_BOUND):
        response = client.get(url)
    assert f">{page.revision}</a>" in response.content.decode()


@pytest.mark.parametrize("size", [5, 200])
def test_diff_runs_a_fixed_number_of_queries(
    world, client_for, page, size, django_assert_max_num_queries
):
    page = _grow(world, page, size)
    client = client_for(world.member)
    url = reverse("wiki:page_diff", args=[world.workspace, page.path]) + "?from=1"
    client.get(url)
    with django_assert_max_num_queries(QUERY_BOUND):
        response = client.get(url)
    assert "First." in response.content.decode()


@pytest.mark.parametrize("size", [5, 200])
def test_revision_view_and_page_list_run_a_fixed_number_of_queries(
    world, client_for, page, size, django_assert_max_num_queries
):
    page = _grow(world, page, size)
    client = client_for(world.member)
    for url in (
        reverse("wiki:page_revision", args=[world.workspace, 2, page.path]),
        reverse("wiki:page_list", args=[world.workspace]),
        reverse("wiki:page_recent_changes", args=[world.workspace]),
    ):
        client.get(url)
        with django_assert_max_num_queries(QUERY_BOUND):
            assert client.get(url).status_code == 200


def test_history_links_each_revision_whatever_digits_the_path_holds(world, client_for):
    """Revision links are reversed once per page and filled in per row: a path with any
    run of digits in it (here one the rows' code once used as a placeholder) still links
    every revision."""
    page = create_page(world.workspace, world.member, "Figures", "987654321-figures", "One.")
    edit_page(page, world.member, "Two.")
    response = client_for(world.member).get(_history_url(world, page))
    assert response.status_code == 200
    for revision in (1, 2):
        url = reverse("wiki:page_revision", args=[world.workspace, revision, page.path])
        assert f'href="{url}"' in response.content.decode()
