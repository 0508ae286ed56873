"""A folder's rows are built with f-strings (documents/rows.py) over a query that loads
only the columns a row shows; the page must hold exactly the rows the earlier
``format_html`` builder made from fully loaded documents, in a workspace and a group."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join

from alliance_hub import fragments
from documents import labels
from documents.models import Document
from tests.documents.helpers import add_version, doc_url, make_document
from tests.factories import UserFactory, add_member
from workspaces.roles import Role

pytestmark = pytest.mark.django_db


def reference_row(document):
    version = document.latest_version
    when = fragments.local(document.updated_at)
    state = lock = ""
    if version:
        state = format_html(
            ' <span class="tag state-{}">{}</span>', version.state, version.get_state_display()
        )
    if document.lock_is_active:
        lock = format_html(
            ' <span class="lock-badge">Being edited by {}</span>', document.locked_by
        )
    return format_html(
        '<tr><td><a href="{}">{}</a>{}{}{}</td><td>{}</td><td>{}</td>'
        '<td><time datetime="{}">{}</time><br><span class="muted">{}</span></td>'
        "<td>{}</td></tr>",
        document.get_absolute_url(),
        document.title,
        state,
        format_html_join(
            "", '<span class="tag">{}</span>', ((t.name,) for t in document.tags.all())
        ),
        lock,
        labels.kind_label(document.file_type),
        labels.size_label(document.size),
        fragments.iso(when),
        fragments.day_and_time(when),
        (version.uploaded_by or "") if version else "",
        document.version_count,
    )


def _documents(world, container):
    leaver = UserFactory(display_name="Leaving <Person>")
    add_member(world.workspace, Role.MEMBER, user=leaver)
    plain = make_document(container, world.member, "A plain report.pdf", b"%PDF-1.4\n")
    tagged = make_document(container, world.lead, "B <notes> & more.txt", tags=["x&y", "<b>"])
    add_version(tagged, leaver, b"two\n", "B.txt")
    locked = make_document(container, world.member, "C locked.csv", b"a,b\n")
    expired = make_document(container, world.member, "D lock expired.docx", b"PK")
    for document in (locked, expired):
        Document.objects.filter(pk=document.pk).update(
            locked_by=world.community_manager, locked_until=timezone.now() + timedelta(minutes=30)
        )
    Document.objects.filter(pk=expired.pk).update(locked_until=timezone.now() - timedelta(1))
    leaver.delete()
    return [plain, tagged, locked, expired]


@pytest.mark.parametrize("where", ["workspace", "open_group"])
def test_folder_rows_are_those_of_the_format_html_builder(where, world, client_for):
    container = getattr(world, where)
    documents = _documents(world, container)
    page = client_for(world.member).get(reverse("documents:folder_list", args=[container]))
    html = page.content.decode()
    fresh = Document.objects.filter(pk__in=[d.pk for d in documents]).order_by("name_key", "id")
    expected = "\n".join(reference_row(document) for document in fresh)
    assert expected in html
    assert "Being edited by" in html and "&lt;b&gt;" in html
    assert doc_url("document_detail", documents[0]) in html
