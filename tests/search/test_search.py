"""The site search: full text, ranked, in any word order, with phrases, or and -word."""

from datetime import timedelta

import pytest
from django.utils import timezone

from documents import services as documents
from documents.samples import pdf_bytes
from tests.microblog.helpers import blog, post
from tests.search.helpers import search
from tests.wiki.conftest import create_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def wind(world, upload):
    create_page(
        world.workspace, world.member, "Offshore wind farms", "offshore", "Turbines at sea."
    )
    create_page(
        world.workspace, world.member, "Site survey", "survey", "We measured offshore wind speed."
    )
    upload(
        world.workspace,
        world.member,
        "Measurements.pdf",
        pdf_bytes(["Anemometer log", "Offshore wind at 9.8 m/s on average"]),
    )
    post(world.member, world.workspace, "Nothing about the sea today, only **bold** news.")


def test_word_order_does_not_matter(world, client_for, wind):
    client = client_for(world.member)
    forwards = search(client, "offshore wind")
    backwards = search(client, "wind offshore")
    assert len(forwards) == 3
    assert sorted(forwards) == sorted(backwards)


def test_a_title_match_ranks_above_text_and_text_above_file_text(world, client_for, wind):
    titles = search(client_for(world.member), "offshore wind").titles
    assert titles == ["Offshore wind farms", "Site survey", "Measurements"]


def test_a_phrase_in_quotes_matches_only_those_words_together(world, client_for, wind):
    client = client_for(world.member)
    assert search(client, '"wind speed"').titles == ["Site survey"]
    assert search(client, '"speed wind"').titles == []


def test_or_finds_either_and_minus_leaves_a_word_out(world, client_for, wind):
    client = client_for(world.member)
    assert sorted(search(client, "turbines or anemometer").titles) == [
        "Measurements",
        "Offshore wind farms",
    ]
    assert sorted(search(client, "offshore -turbines").titles) == ["Measurements", "Site survey"]


def test_words_are_stemmed(world, client_for, wind):
    assert "Site survey" in search(client_for(world.member), "measure").titles


def test_snippets_are_plain_text_with_the_matches_marked_and_escaped(world, client_for):
    create_page(
        world.workspace,
        world.member,
        "Results",
        "results",
        "## What went well\n\nGusts reached **9.8 m/s** <script>alert(1)</script> offshore.",
    )
    found = search(client_for(world.member), "gusts")
    snippet = found.snippets[0]
    assert "<mark>Gusts</mark>" in snippet
    assert "**" not in snippet and "##" not in snippet
    assert "<script>" not in found.html.split('id="search-results"')[1]


def test_results_come_from_every_workspace_the_person_belongs_to(world, client_for):
    from tests.factories import add_member

    add_member(world.other_workspace, user=world.member)
    create_page(world.workspace, world.member, "Tidal kelp", "tidal", "")
    create_page(world.other_workspace, world.outsider, "Solar kelp", "solar", "")
    assert sorted(search(client_for(world.member), "kelp").titles) == ["Solar kelp", "Tidal kelp"]
    assert search(client_for(world.non_group_member), "kelp").titles == ["Tidal kelp"]


def test_filters_narrow_by_kind_container_author_organisation_and_date(world, client_for):
    create_page(world.workspace, world.member, "Grid zebra page", "grid", "")
    create_page(world.private_group, world.member, "Group zebra page", "grid2", "")
    post(world.lead, world.workspace, "The zebra is approved")
    blog(world.lead, world.workspace, title="Zebra news", body="All good.")
    client = client_for(world.member)
    assert search(client, "zebra", kind="blog").titles == ["Zebra news"]
    assert search(client, "zebra", **{"in": world.private_group.container_path}).titles == [
        "Group zebra page"
    ]
    world.lead.display_name = "Zora Quist"
    world.lead.save()
    by_lead = search(client, "zebra", author="zora")
    assert {kind for kind, _, _ in by_lead} == {"post", "blog"}
    lead_org = world.workspace.memberships.get(user=world.lead).organisation
    member_org = world.workspace.memberships.get(user=world.member).organisation
    if lead_org != member_org:
        assert {k for k, _, _ in search(client, "zebra", organisation=lead_org.pk)} == {
            "post",
            "blog",
        }
    assert search(client, "zebra", since="2000-01-01", until="2000-12-31").titles == []
    assert len(search(client, "zebra", since="2000-01-01")) == 4
    today, tomorrow = timezone.localdate(), timezone.localdate() + timedelta(days=1)
    assert len(search(client, "zebra", since=today.isoformat(), until=today.isoformat())) == 4
    assert search(client, "zebra", since=tomorrow.isoformat()).titles == []
    assert search(client, "zebra", author="nobody of that name").titles == []
    assert search(client, "zebra", author="100%_").titles == []  # LIKE's wildcards, literal


def test_older_versions_are_searched_only_when_asked(world, client_for, upload, immediate):
    document = upload(world.workspace, world.member, "Plan.txt", b"Draft about herons.\n")
    immediate(
        documents.version_upload,
        actor=world.member,
        document=document,
        upload=__import__("tests.documents.helpers", fromlist=["x"]).upload_file(
            "Plan.txt", b"Final about cormorants.\n"
        ),
    )
    client = client_for(world.member)
    assert search(client, "herons").titles == []
    older = search(client, "herons", versions="on")
    assert older.titles == ["Plan"] and older[0][2].endswith("#v1")
    assert "an older version" in older.html
    assert search(client, "cormorants").titles == ["Plan"]


def test_typing_gets_the_results_fragment_only(world, client_for, wind):
    from django.urls import reverse

    response = client_for(world.member).get(
        reverse("search:search"), {"q": "offshore"}, HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert "search-result" in html and "<html" not in html


def test_the_header_has_a_search_box_on_every_page(world, client_for):
    html = client_for(world.member).get(world.workspace.get_absolute_url(), follow=True)
    assert 'id="topbar-q"' in html.content.decode()


def test_the_old_container_search_redirects_to_the_site_search(world, client_for):
    from django.urls import reverse

    response = client_for(world.member).get(
        reverse("search:container_search", args=[world.private_group]), {"q": "zebra"}
    )
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("search:search"))
    assert "q=zebra" in response["Location"] and "in=" in response["Location"]
