from django.urls import reverse

from wiki.models import Page
from workspaces.models import Workspace


def test_the_demo_fills_the_wiki(seeded_demo, client):
    north = Workspace.objects.get(slug="north-sea")
    pages = {p.path: p for p in Page.objects.in_container(north).alive()}
    assert {
        "governance",
        "governance/steering-committee",
        "governance/steering-committee/meetings",
        "scope-of-work",
        "reporting/2026-p1",
    } <= set(pages)
    governance = pages["governance"]
    assert governance.is_protected and governance.revision == 3
    authors = set(governance.history.values_list("history_user__display_name", flat=True))
    assert {"Anna Lindqvist", "Marco Rossi"} <= authors
    assert "wiki-missing" in pages["scope-of-work"].body_html, "a page still to be written"
    assert Page.objects.filter(group__slug="wp1").exists()
    assert Page.objects.filter(group__slug="steering").exists()
    assert Page.objects.in_container(north).trashed().exists()

    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(email="sofia@tudelft.example"))
    old = client.get(reverse("wiki:page_detail", args=[north, "meetings"]))
    assert old["Location"] == pages["governance/steering-committee/meetings"].get_absolute_url()
    assert client.get(governance.get_absolute_url()).status_code == 200
