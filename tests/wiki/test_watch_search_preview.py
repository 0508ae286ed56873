"""Watching and notifications, activity, search and the editing preview."""

from django.urls import reverse

from alliance_hub.hooks import SEARCH_SOURCE, get_hooks_by
from tests.search.helpers import search
from tests.wiki.conftest import edit_page
from wiki.models import Page
from workspaces.activity import is_watching
from workspaces.models import Activity, Notification


def test_editors_watch_the_page_and_watchers_are_notified_of_each_save(world, page):
    assert is_watching(user=world.member, target=page), "the author watches"
    edit_page(page, world.lead, "Lead's change")
    assert is_watching(user=world.lead, target=page), "an editor watches"
    note = Notification.objects.get(recipient=world.member)
    assert note.kind == "page_edit"
    assert note.target_url == page.get_absolute_url()
    assert "Meeting notes" in note.text
    assert not Notification.objects.filter(recipient=world.lead).exists(), "not the actor"
    edit_page(page, world.member, "Member's reply")
    assert Notification.objects.filter(recipient=world.lead, kind="page_edit").count() == 1


def test_watch_and_unwatch_through_the_page(world, client_for, page):
    client = client_for(world.observer)
    watch_url = reverse("wiki:page_watch", args=[world.workspace, page.path])
    assert client.post(watch_url).status_code == 302
    assert is_watching(user=world.observer, target=page)
    assert "Stop watching" in client.get(page.get_absolute_url()).content.decode()
    edit_page(page, world.member, "News")
    assert Notification.objects.filter(recipient=world.observer).count() == 1
    client.post(reverse("wiki:page_unwatch", args=[world.workspace, page.path]))
    assert not is_watching(user=world.observer, target=page)
    edit_page(page, world.member, "More news")
    assert Notification.objects.filter(recipient=world.observer).count() == 1


def test_watchers_who_lost_access_are_not_notified(world, private_page):
    from workspaces import services as workspace_services

    edit_page(private_page, world.community_manager, "CM edit")
    workspace_services.group_member_remove(
        actor=world.lead, group=world.private_group, user=world.community_manager
    )
    edit_page(private_page, world.member, "After the removal")
    assert not Notification.objects.filter(recipient=world.community_manager).exists()


def test_saves_are_recorded_in_the_activity_stream(world, page):
    edit_page(page, world.lead, "Changed")
    verbs = list(
        Activity.objects.filter(target_url=page.get_absolute_url(), workspace=world.workspace)
        .order_by("id")
        .values_list("actor", "verb")
    )
    assert verbs == [(world.member.pk, "created the page"), (world.lead.pk, "edited")]


def test_the_wiki_registers_a_search_source(world):
    assert get_hooks_by(SEARCH_SOURCE, "kind")["page"].label == "Wiki pages"


def pages(client, query, **params):
    return search(client, query, kind="page", **params)


def test_search_finds_titles_and_text_the_user_may_see(world, client_for, page, private_page):
    edit_page(page, world.member, "We agreed on the turbine budget.")
    found = pages(client_for(world.member), "budget")
    assert "Meeting notes" in found.titles
    hit = found.titles.index("Meeting notes")
    assert "turbine <mark>budget</mark>" in found.snippets[hit]
    assert found[hit][2] == page.get_absolute_url()
    assert "Budget" in found.titles, "the search covers the groups the member sees"
    private_hits = pages(client_for(world.non_group_member), "budget").titles
    assert "Budget" not in private_hits and "Meeting notes" in private_hits
    outsider_hits = pages(client_for(world.outsider), "budget")
    assert {"Budget", "Meeting notes"}.isdisjoint(outsider_hits.titles)
    assert all(url.startswith(f"/w/{world.other_workspace.slug}/") for _, _, url in outsider_hits)


def test_search_skips_deleted_pages_and_blank_queries(world, client_for, page):
    from wiki import services

    services.page_delete(actor=world.member, page=page)
    client = client_for(world.member)
    assert "Meeting notes" not in pages(client, "meeting notes").titles
    assert pages(client, "  ") == []
    assert pages(client, "governance")


def test_preview_renders_without_saving(world, client_for, page):
    client = client_for(world.member)
    before = (Page.objects.count(), Page.history.count())
    response = client.post(
        reverse("wiki:page_preview", args=[world.workspace]),
        {"body": "## Plan\n\n[[Scope of work]] and [[Nothing yet]]"},
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h2" in html and "Preview only: nothing has been saved." in html
    assert reverse("wiki:page_detail", args=[world.workspace, "scope-of-work"]) in html
    assert "wiki-missing" in html
    assert "<html" not in html, "htmx gets the fragment only"
    assert (Page.objects.count(), Page.history.count()) == before


def test_preview_button_without_javascript_keeps_the_form_and_saves_nothing(
    world, client_for, page
):
    response = client_for(world.member).post(
        reverse("wiki:page_edit", args=[world.workspace, page.path]),
        {"title": "Meeting notes", "body": "**draft**", "base_revision": 1, "preview": ""},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "<strong>draft</strong>" in html and "**draft**</textarea>" in html
    page.refresh_from_db()
    assert page.revision == 1


def test_a_too_long_preview_is_refused(world, client_for):
    response = client_for(world.member).post(
        reverse("wiki:page_preview", args=[world.workspace]), {"body": "x" * 200_001}
    )
    assert response.status_code == 400
