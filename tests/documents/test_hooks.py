import pytest

from alliance_hub.hooks import NAV_LINK, PROFILE_SECTION, SEARCH_SOURCE, get_hooks, get_hooks_by
from documents import services
from documents.hooks import recent_documents_section
from tests.documents.helpers import make_document
from tests.search.helpers import search


def test_documents_registers_its_nav_link_search_and_profile_section():
    assert ("Documents", "documents:folder_list") in [
        (link.label, link.url_name) for link in get_hooks(NAV_LINK)
    ]
    assert get_hooks_by(SEARCH_SOURCE, "kind")["document"].label == "Documents"
    assert recent_documents_section in get_hooks(PROFILE_SECTION)


def test_nav_link_leads_to_the_folder_list(world, client_for):
    from django.urls import reverse

    url = reverse("documents:folder_list", args=[world.private_group])
    page = client_for(world.member).get(url)
    assert f'<a href="{url}">Documents</a>' in page.content.decode()


def test_search_finds_titles_descriptions_and_tags_the_user_may_see(world, client_for):
    make_document(world.workspace, world.lead, "Budget 2026.xlsx", b"x")
    make_document(world.workspace, world.lead, "notes.txt", b"y", description="About the budget")
    make_document(world.workspace, world.lead, "plan.txt", b"z", tags=["budget-review"])
    make_document(world.private_group, world.lead, "secret budget.txt", b"s")
    trashed = make_document(world.workspace, world.lead, "old budget.txt", b"o")
    services.document_trash(actor=world.lead, document=trashed)

    def labels(user, container):
        params = {"kind": "document", "in": container.container_path}
        return sorted(search(client_for(user), "budget", **params).titles)

    assert labels(world.non_group_member, world.workspace) == ["Budget 2026", "notes", "plan"]
    assert labels(world.member, world.workspace) == [
        "Budget 2026",
        "notes",
        "plan",
        "secret budget",
    ]
    assert labels(world.member, world.private_group) == ["secret budget"]
    assert labels(world.outsider, world.workspace) == []
    found = search(client_for(world.member), "notes budget", kind="document")
    assert found[0][0] == "document" and found.snippets[0] == "About the <mark>budget</mark>"


def test_profile_section_lists_recent_documents_the_viewer_may_see(world):
    make_document(world.workspace, world.member, "open.txt")
    make_document(world.private_group, world.member, "secret.txt")
    section = recent_documents_section(world.non_group_member, world.member)
    assert section["title"] == "Recent documents"
    assert [item["label"] for item in section["items"]] == ["open"]
    assert len(recent_documents_section(world.lead, world.member)["items"]) == 2
    assert recent_documents_section(world.outsider, world.member) is None


@pytest.mark.parametrize("count", [5, 200])
def test_the_profile_section_runs_a_fixed_number_of_queries(
    world, django_assert_max_num_queries, count
):
    from tests.documents.helpers import upload_file

    services.documents_upload(
        actor=world.member,
        container=world.workspace,
        uploads=[upload_file(f"budget {i}.txt", b"b%d" % i) for i in range(count)],
    )
    with django_assert_max_num_queries(1):
        assert len(recent_documents_section(world.lead, world.member)["items"]) == 5
