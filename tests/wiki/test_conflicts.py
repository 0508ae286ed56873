"""No lost updates: an edit applies only on top of the revision it started from."""

import threading
import time

import pytest
from django.db import OperationalError, connection
from django.urls import reverse

from tests.wiki.conftest import create_page, edit_page
from wiki import services
from wiki.models import Page
from wiki.services import EditConflict, PageContent


def _edit_url(world, page):
    return reverse("wiki:page_edit", args=[world.workspace, page.path])


def test_the_edit_form_carries_the_revision_it_started_from(world, client_for, page):
    edit_page(page, world.lead, "Second.")
    html = client_for(world.member).get(_edit_url(world, page)).content.decode()
    assert 'name="base_revision" value="2"' in html
    assert "Base revision" not in html, "the hidden field has no visible label"


def test_a_save_from_an_old_revision_is_refused_and_shows_the_other_change(world, client_for, page):
    client = client_for(world.member)
    # The lead saves while the member is still typing on revision 1.
    edit_page(page, world.lead, "# Notes\n\nFirst.\nDecided by the lead.", summary="Add decision")
    response = client.post(
        _edit_url(world, page),
        {"title": "Meeting notes", "body": "My long careful text.", "base_revision": 1},
    )
    html = response.content.decode()
    assert response.status_code == 409
    assert "Someone else saved this page meanwhile" in html
    assert "Decided by the lead." in html and 'class="diff-added"' in html
    assert "My long careful text.</textarea>" in html, "the editor's own text is kept"
    assert 'name="base_revision" value="2"' in html
    page.refresh_from_db()
    assert (page.revision, page.body) == (2, "# Notes\n\nFirst.\nDecided by the lead.")

    merged = "# Notes\n\nFirst.\nDecided by the lead.\nMy long careful text."
    response = client.post(
        _edit_url(world, page), {"title": "Meeting notes", "body": merged, "base_revision": 2}
    )
    assert response.status_code == 302
    page.refresh_from_db()
    assert (page.revision, page.body) == (3, merged)


def test_an_edit_of_a_page_deleted_meanwhile_is_404_and_changes_nothing(world, client_for, page):
    client = client_for(world.member)
    services.page_delete(actor=world.lead, page=page)
    response = client.post(
        _edit_url(world, page), {"title": "Meeting notes", "body": "x", "base_revision": 1}
    )
    assert response.status_code == 404
    assert Page.history.filter(id=page.pk).count() == 1


def test_a_save_without_changes_adds_no_revision(world, page):
    services.page_save(
        actor=world.member,
        page=page,
        base_revision=1,
        content=PageContent(page.title, page.body, "nothing"),
    )
    page.refresh_from_db()
    assert page.revision == 1
    assert Page.history.filter(id=page.pk).count() == 1


def test_an_empty_title_is_refused_with_a_message(world, client_for, page):
    response = client_for(world.member).post(
        _edit_url(world, page), {"title": "  ", "body": "New text", "base_revision": 1}
    )
    assert response.status_code == 400
    assert "This field is required." in response.content.decode()
    page.refresh_from_db()
    assert (page.revision, page.body) == (1, "# Notes\n\nFirst.")


@pytest.mark.django_db(transaction=True)
def test_two_saves_from_the_same_revision_at_the_same_instant_cannot_both_apply(world, monkeypatch):
    page = create_page(world.workspace, world.member, "Race", "race", "Original.")
    original_render = services.render_page_markdown

    def slow_render(*args, **kwargs):
        # Widen the window between deciding to save and writing, so that a
        # check-then-write implementation would let both saves through.
        time.sleep(0.3)
        return original_render(*args, **kwargs)

    monkeypatch.setattr(services, "render_page_markdown", slow_render)
    barrier = threading.Barrier(2)
    outcomes = []

    def save(actor, text):
        try:
            mine = Page.objects.select_related("workspace", "group").filter(pk=page.pk).first()
            barrier.wait(timeout=10)
            outcomes.append(_save_retrying_while_locked(actor, mine, text))
        finally:
            connection.close()

    threads = [
        threading.Thread(target=save, args=(world.member, "Member's version.")),
        threading.Thread(target=save, args=(world.lead, "Lead's version.")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert sorted(outcomes) == ["conflict", "saved"]
    page.refresh_from_db()
    assert page.revision == 2
    assert page.body in ("Member's version.", "Lead's version.")
    assert Page.history.filter(id=page.pk).count() == 2


def _save_retrying_while_locked(actor, page, text):
    """SQLite answers "database is locked" to the second writer instead of waiting as
    PostgreSQL does; retrying keeps the same base revision, so the rule is the same."""
    for _attempt in range(100):
        try:
            services.page_save(
                actor=actor, page=page, base_revision=1, content=PageContent("Race", text)
            )
        except EditConflict:
            return "conflict"
        except OperationalError:
            time.sleep(0.05)
        else:
            return "saved"
    return "gave up"
