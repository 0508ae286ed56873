"""The history table's rows are built with f-strings (wiki/rows.py); their HTML is the
``format_html`` builder's they replaced, byte for byte: for a page in a workspace and in
a group, the current and older revisions, an editor whose account is gone, and names,
summaries and paths that need escaping."""

import pytest
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from alliance_hub import fragments
from profiles.avatars import avatar
from tests.factories import add_member
from tests.wiki.conftest import create_page, edit_page
from wiki import selectors
from wiki.rows import history_rows

pytestmark = pytest.mark.django_db

_ROW = (
    '<tr><td><label class="visually-hidden" for="from-{0}">Compare from revision {0}</label>'
    '<input type="radio" name="from" value="{0}" id="from-{0}"{1}></td>'
    '<td><label class="visually-hidden" for="to-{0}">Compare to revision {0}</label>'
    '<input type="radio" name="to" value="{0}" id="to-{0}"{2}></td>'
    '<td><a href="{3}">{0}</a>{4}</td>'
    '<td><time datetime="{5}">{6}</time></td>'
    '<td><span class="person">{7}<span>{8}</span></span></td>'
    "<td>{9}</td><td>{10}</td></tr>"
)


def _reference_rows(rows, *, container, page, diff_url):
    """The builder these rows replaced (format_html per row and per diff link)."""

    def cells(index, row):
        when = fragments.local(row.history_date)
        diff = ""
        if row.revision > 1:
            diff = format_html(
                '<a href="{}?from={}&amp;to={}">diff</a>', diff_url, row.revision - 1, row.revision
            )
        return (
            row.revision,
            mark_safe(" checked") if index == 1 else "",
            mark_safe(" checked") if index == 0 else "",
            reverse("wiki:page_revision", args=[container, row.revision, page.path]),
            mark_safe(' <span class="tag">current</span>') if row.revision == page.revision else "",
            fragments.iso(when),
            fragments.day_and_time(when, ", "),
            avatar(row.history_user, "tiny"),
            row.history_user if row.history_user else "Someone",
            row.change_summary,
            diff,
        )

    return format_html_join("\n", _ROW, (cells(i, row) for i, row in enumerate(rows)))


@pytest.mark.parametrize("in_group", [False, True])
def test_the_rows_are_the_format_html_builder_s(world, in_group):
    container = world.open_group if in_group else world.workspace
    editor = add_member(world.workspace)
    editor.display_name = 'Ann <b>"Quote"</b> & co'
    editor.save()
    create_page(container, world.member, "Plans", "plans", "")
    page = create_page(container, world.member, "Plans & <co>", "plans/a-b_c", "One")
    for i in range(3):
        page = edit_page(page, world.lead, f"Text {i}", summary=f"Step <{i}> & 'more'")
    page = edit_page(page, editor, "Ann's text", summary="")
    editor.delete()  # the last revision's editor is gone
    rows, _ = selectors.history_for(page=page)
    diff_url = reverse("wiki:page_diff", args=[container, page.path])
    expected = _reference_rows(rows, container=container, page=page, diff_url=diff_url)
    built = history_rows(rows, container=container, page=page, diff_url=diff_url)
    assert "Someone" in built and "Step &lt;0&gt; &amp; &#x27;more&#x27;" in built
    assert built == expected


def test_history_rows_read_as_values_are_the_orm_s_revisions_and_need_no_query(
    world, django_assert_num_queries
):
    """history_for builds its rows from values; they must be the historical records the
    ORM loads, with each editor's name and face, and rendering them asks nothing more."""
    from profiles.models import Profile

    photographer = add_member(world.workspace)
    Profile.objects.update_or_create(
        user=photographer, defaults={"photo_files": {"small": "x.jpg"}, "photo_version": "v3"}
    )
    Profile.objects.filter(user=world.lead).delete()  # an editor without a profile
    page = create_page(world.workspace, world.member, "Plans", "plans", "One")
    page = edit_page(page, world.lead, "Two", summary="By the lead")
    page = edit_page(page, photographer, "Three", summary="With a face")
    rows, has_more = selectors.history_for(page=page)
    orm = page.history.select_related("history_user__profile").order_by("-revision")
    assert not has_more
    assert [(r.revision, r.history_date, r.change_summary) for r in rows] == [
        (r.revision, r.history_date, r.change_summary) for r in orm
    ]
    diff_url = reverse("wiki:page_diff", args=[world.workspace, page.path])
    with django_assert_num_queries(0):
        built = history_rows(rows, container=world.workspace, page=page, diff_url=diff_url)
        faces = [avatar(row.history_user, "tiny") for row in rows]
    assert faces == [avatar(r.history_user, "tiny") for r in orm]
    assert "?v=v3" in faces[0] and "avatar-initials" in faces[1]
    assert str(photographer) in built and str(world.lead) in built
