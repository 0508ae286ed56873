"""``page_get_for`` reads the page in one query written in SQL; it must find what the
ORM's ``_pages(container).alive()`` finds, with the same values, its text read or
left deferred, for pages in a workspace and in a group, moved and deleted ones."""

import pytest
from django.forms.models import model_to_dict
from django.http import Http404

from tests.wiki.conftest import create_page, edit_page
from wiki import selectors, services
from wiki.models import Page

pytestmark = pytest.mark.django_db


def _by_orm(container, path):
    return selectors._pages(container).alive().filter(path=path).first()


def _found(container, path, text):
    try:
        return selectors.page_get_for(container=container, path=path, text=text)
    except Http404:
        return None


def test_the_sql_lookup_finds_the_orm_s_page(world, django_assert_num_queries):
    ws, group = world.workspace, world.open_group
    create_page(group, world.member, "Plans in a group", "plans", "Group text")
    create_page(group, world.member, "Only in the group", "group-only", "")
    page = create_page(ws, world.member, "Plans & <co>", "plans", "One **bold**")
    edit_page(page, world.lead, "Two", summary="More")
    gone = create_page(ws, world.member, "Gone", "gone", "x")
    services.page_delete(actor=world.lead, page=gone)
    create_page(ws, world.member, "Gone", "gone", "a new page at a deleted one's path")
    cases = [
        (c, p)
        for c in (ws, group, world.private_group)
        for p in ("plans", "gone", "group-only", "none")
    ]
    found_some = 0
    for container, path in cases:
        expected = _by_orm(container, path)
        for text in (True, False):
            with django_assert_num_queries(1):
                page = _found(container, path, text)
                if page is not None:
                    assert page.get_absolute_url() == expected.get_absolute_url()
            if expected is None:
                assert page is None
                continue
            found_some += 1
            deferred = page.get_deferred_fields()
            assert deferred == (set() if text else set(selectors.REVISION_TEXT_FIELDS))
            assert model_to_dict(page, exclude=deferred) == model_to_dict(
                expected, exclude=deferred
            )
            assert page.workspace == expected.workspace and page.group == expected.group
    assert found_some == 8
    assert Page.objects.filter(path="gone").count() == 2
