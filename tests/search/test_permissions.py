"""Search goes through the access layer: what cannot be seen cannot be found."""

import pytest
from django.db import transaction
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.factories import UserFactory, add_member, make_group, make_workspace
from tests.microblog.helpers import post
from tests.search.helpers import search
from tests.wiki.conftest import create_page
from workspaces import services
from workspaces.access import container_access
from workspaces.roles import Action, Role

pytestmark = pytest.mark.django_db


def test_private_group_content_is_never_found_by_non_members(world, client_for, upload):
    create_page(world.private_group, world.member, "Heron census", "heron", "Secret herons")
    upload(world.private_group, world.member, "Heron list.txt", b"herons everywhere\n")
    post(world.member, world.private_group, "Herons spotted")
    assert len(search(client_for(world.member), "heron")) == 3
    for persona in ("non_group_member", "outsider", "removed"):
        assert search(client_for(getattr(world, persona)), "heron") == [], persona


def test_a_removed_member_finds_nothing_on_the_next_request(world, client_for):
    create_page(world.workspace, world.member, "Heron census", "heron", "")
    client = client_for(world.non_group_member)
    assert search(client, "heron").titles == ["Heron census"]
    services.member_remove(
        actor=world.lead, membership=world.workspace.memberships.get(user=world.non_group_member)
    )
    assert search(client, "heron") == []


def test_a_group_turned_private_hides_its_content_at_once(world, client_for):
    create_page(world.open_group, world.member, "Heron census", "heron", "")
    client = client_for(world.non_group_member)
    assert search(client, "heron").titles == ["Heron census"]
    services.group_set_private(actor=world.lead, group=world.open_group, is_private=True)
    assert search(client, "heron") == []


ROLE_OR_NONE = st.sampled_from([None, *Role])


def _alliance(memberships, private_members, removed):
    made = [make_workspace(f"W{i}") for i in range(2)]
    workspaces = [workspace for workspace, _ in made]
    leads = {workspace.pk: lead for workspace, lead in made}
    containers = [*workspaces]
    containers += [make_group(w, "Open") for w in workspaces]
    containers += [make_group(w, "Private", is_private=True) for w in workspaces]
    for index, container in enumerate(containers):
        lead = leads[container.workspace.pk]
        create_page(container, lead, f"Heron page {index}", f"heron-{index}", "herons")
        post(lead, container, f"Heron post {index}")
    people = [UserFactory() for _ in range(3)]
    for person, roles, in_private, gone in zip(
        people, memberships, private_members, removed, strict=True
    ):
        for workspace, role, private_group, member_of_private in zip(
            workspaces, roles, containers[4:], in_private, strict=True
        ):
            if role is None:
                continue
            add_member(workspace, role, user=person)
            lead = leads[workspace.pk]
            if member_of_private:
                services.group_member_add(actor=lead, group=private_group, user=person)
            if gone:
                services.member_remove(
                    actor=lead, membership=workspace.memberships.get(user=person)
                )
    return containers, people


@settings(
    max_examples=10,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    memberships=st.lists(st.tuples(ROLE_OR_NONE, ROLE_OR_NONE), min_size=3, max_size=3),
    private_members=st.lists(st.tuples(st.booleans(), st.booleans()), min_size=3, max_size=3),
    removed=st.lists(st.booleans(), min_size=3, max_size=3),
)
def test_search_results_are_exactly_what_the_per_object_check_allows(
    memberships, private_members, removed
):
    with transaction.atomic():
        containers, people = _alliance(memberships, private_members, removed)
        for person in people:
            client = Client()
            client.force_login(person)
            found = search(client, "heron")
            allowed = {
                f"Heron page {index}"
                for index, container in enumerate(containers)
                if container_access(person, container).can(Action.VIEW)
            }
            pages = {title for kind, title, _ in found if kind == "page"}
            assert pages == allowed
            for _, _, url in found:
                assert client.get(url).status_code == 200, url
        transaction.set_rollback(True)
