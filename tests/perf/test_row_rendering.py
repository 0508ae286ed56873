"""The list pages' rows are built in Python (documents/rows.py, wiki/rows.py), not by
the template engine per row: the number of template nodes a page renders is the same
with 5 rows as with 50. Counts nodes through Django's own ``Node.render_annotated``
(a spy: every node still renders); nothing is timed."""

from unittest import mock

import pytest
from django.template.base import Node
from django.urls import reverse

from documents import services
from tests.documents.helpers import upload_file
from tests.wiki.conftest import create_page, edit_page


def nodes_rendered(client, url):
    """Status and the number of template nodes rendered for one GET of ``url``."""
    with mock.patch.object(Node, "render_annotated", autospec=True, side_effect=_render) as spy:
        response = client.get(url)
    return response.status_code, spy.call_count


def _render(node, context):
    return ORIGINAL(node, context)


ORIGINAL = Node.render_annotated


def _folder_url(world, count):
    folder = services.folder_create(
        actor=world.lead, container=world.workspace, name=f"Rows {count}"
    )
    services.documents_upload(
        actor=world.lead,
        container=world.workspace,
        folder=folder,
        uploads=[upload_file(f"row {i}.txt", b"row %d" % i) for i in range(count)],
        tags=["budget"],
    )
    return reverse("documents:folder_detail", args=[world.workspace, folder.pk])


def _history_url(world, count):
    page = create_page(world.workspace, world.lead, f"Rows {count}", f"rows-{count}", body="Text")
    for number in range(count - 1):
        edit_page(page, world.member if number % 2 else world.lead, f"Text {number}")
    return reverse("wiki:page_history", args=[world.workspace, page.path])


@pytest.mark.parametrize("make_url", [_folder_url, _history_url], ids=["folder", "history"])
def test_template_nodes_do_not_grow_with_the_rows(world, client_for, make_url):
    client = client_for(world.member)
    small = nodes_rendered(client, make_url(world, 5))
    world.workspace.refresh_from_db()
    large = nodes_rendered(client, make_url(world, 50))
    assert small[0] == large[0] == 200
    assert small[1] == large[1]
