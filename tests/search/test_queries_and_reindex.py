"""The search page costs a fixed number of queries; `manage.py reindex` rebuilds the
index in batches and resumes where it stopped."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from documents import services as documents
from search.models import Entry, ReindexProgress
from tests.documents.helpers import upload_file
from tests.microblog.helpers import post
from tests.search.helpers import search
from tests.wiki.conftest import create_page

pytestmark = pytest.mark.django_db

# The page frame's three (session, user, the workspaces menu), the filter choices' one
# (workspaces, groups and organisations) and the search's one (selectors.search_for).
SEARCH_PAGE_QUERIES = 5


def _grow(world, start, count):
    documents.documents_upload(
        actor=world.member,
        container=world.private_group,
        uploads=[upload_file(f"Heron {i}.txt", b"heron %d" % i) for i in range(start, count)],
    )
    for i in range(start, count):
        post(world.member, world.workspace, f"heron sighting {i}")
        create_page(world.open_group, world.member, f"Heron page {i}", f"heron-{i}", "herons")


def _queries(client, params):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("search:search"), params)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize("params", [{"q": "heron"}, {"q": "heron", "kind": "page", "page": 2}])
def test_the_search_page_runs_a_fixed_number_of_queries(world, client_for, params):
    # 21 of each kind, so that page 2 is not empty at either size.
    client = client_for(world.member)
    _grow(world, 0, 21)
    small = _queries(client, params)
    _grow(world, 21, 45)
    assert _queries(client, params) == small == SEARCH_PAGE_QUERIES


def test_more_results_than_a_page_are_paged(world, client_for):
    _grow(world, 0, 25)
    client = client_for(world.member)
    first = search(client, "heron", kind="post")
    assert len(first) == 20 and "More results" in first.html
    second = search(client, "heron", kind="post", page=2)
    assert len(second) == 5 and not set(first) & set(second)


def test_reindex_rebuilds_a_lost_index(world, client_for):
    _grow(world, 0, 3)
    expected = set(Entry.objects.values_list("key", "title"))
    Entry.objects.all().delete()
    assert search(client_for(world.member), "heron") == []
    out = StringIO()
    call_command("reindex", "--batch-size", "2", stdout=out)
    assert "Search index rebuilt." in out.getvalue()
    assert set(Entry.objects.values_list("key", "title")) == expected
    assert len(search(client_for(world.member), "heron")) == 9
    assert not ReindexProgress.objects.exists()


def test_a_stopped_reindex_resumes_where_it_stopped(world):
    _grow(world, 0, 5)
    expected = set(Entry.objects.values_list("key", flat=True))
    Entry.objects.all().delete()
    out = StringIO()
    call_command("reindex", "--batch-size", "2", "--max-batches", "2", stdout=out)
    assert "Stopped" in out.getvalue()
    partial = set(Entry.objects.values_list("key", flat=True))
    assert partial and partial < expected
    out = StringIO()
    call_command("reindex", "--batch-size", "2", stdout=out)
    assert "resuming after id" in out.getvalue()
    assert set(Entry.objects.values_list("key", flat=True)) == expected


def test_reindex_drops_rows_of_things_that_are_gone(world):
    _grow(world, 0, 2)
    Entry.objects.create(
        key="page:999999",
        kind="page",
        object_id=999_999,
        workspace=world.workspace,
        title="Ghost heron",
        url="/nowhere/",
    )
    Entry.objects.create(
        key="retired:1", kind="retired", object_id=1, workspace=world.workspace, title="x", url="/"
    )
    call_command("reindex", stdout=StringIO())
    assert not Entry.objects.filter(title="Ghost heron").exists()
    assert not Entry.objects.filter(kind="retired").exists()
