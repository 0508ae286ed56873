import pytest
from django.contrib.auth.models import Group as AuthGroup
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.factories import UserFactory, add_member, make_group, make_workspace, superuser
from workspaces import services
from workspaces.access import (
    container_access,
    groups_visible_to,
    workspaces_visible_to,
)
from workspaces.models import MembershipEvent, Workspace
from workspaces.roles import Action, Role

pytestmark = pytest.mark.django_db


def test_removed_member_gets_404_on_next_request(world, client):
    client.force_login(world.member)
    url = world.private_group.get_absolute_url()
    assert client.get(url).status_code == 200
    services.member_remove(
        actor=world.lead, membership=world.workspace.memberships.get(user=world.member)
    )
    assert client.get(url).status_code == 404
    assert client.get(world.workspace.get_absolute_url()).status_code == 404


def test_deactivated_account_sees_nothing_anywhere(world, client):
    client.force_login(world.lead)
    world.lead.is_active = False
    world.lead.save()
    response = client.get(world.workspace.get_absolute_url())
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not workspaces_visible_to(world.lead).exists()
    assert not container_access(world.lead, world.workspace).can(Action.VIEW)


def test_recreated_workspace_inherits_no_old_members_access(world, client):
    slug, name = world.workspace.slug, world.workspace.name
    world.workspace.delete()
    assert not AuthGroup.objects.filter(name__startswith=f"ws:{world.workspace.pk}:").exists()
    new_workspace = services.workspace_create(
        actor=superuser(), name=name, slug=slug, organisation=world.other_workspace.partners.first()
    )
    client.force_login(world.member)
    assert client.get(new_workspace.get_absolute_url()).status_code == 404
    assert not container_access(world.lead, new_workspace).can(Action.VIEW)


def test_recreated_private_group_inherits_no_old_members_access(world, client):
    group = world.private_group
    name, slug = group.name, group.slug
    group.delete()
    new_group = services.group_create(
        actor=world.lead, workspace=world.workspace, name=name, slug=slug, is_private=True
    )
    client.force_login(world.member)
    assert client.get(new_group.get_absolute_url()).status_code == 404


def test_role_change_takes_effect_on_the_next_request(world, client):
    client.force_login(world.observer)
    invite_url = reverse("workspaces:member_invite", args=[world.workspace])
    assert client.get(invite_url).status_code == 403
    membership = world.workspace.memberships.get(user=world.observer)
    services.member_change_role(
        actor=world.lead, membership=membership, role=Role.COMMUNITY_MANAGER
    )
    assert client.get(invite_url).status_code == 200
    # and in the private group the observer belongs to
    assert container_access(world.observer, world.private_group).can(Action.MODERATE)
    world.observer.refresh_from_db()
    assert world.observer.is_staff


def test_only_a_lead_may_grant_or_take_the_lead_role(world):
    membership = world.workspace.memberships.get(user=world.member)
    with pytest.raises(PermissionDenied):
        services.member_change_role(
            actor=world.community_manager, membership=membership, role=Role.LEAD
        )
    services.member_change_role(actor=world.lead, membership=membership, role=Role.LEAD)
    assert container_access(world.member, world.workspace).can(Action.LEAD)


def test_the_last_lead_cannot_be_removed(world):
    with pytest.raises(ValidationError):
        services.member_remove(
            actor=world.lead, membership=world.workspace.memberships.get(user=world.lead)
        )


def test_removing_a_partner_organisation_removes_its_members(world, client):
    organisation = world.workspace.memberships.get(user=world.member).organisation
    colleague = add_member(world.workspace, Role.MEMBER, organisation=organisation)
    client.force_login(world.lead)
    response = client.post(
        reverse("workspaces:organisation_remove", args=[world.workspace, organisation.pk])
    )
    assert response.status_code == 302
    for person in (world.member, colleague):
        client.force_login(person)
        assert client.get(world.workspace.get_absolute_url()).status_code == 404
    assert organisation not in world.workspace.partners.all()
    assert MembershipEvent.objects.filter(kind="organisation_removed").exists()


def test_every_membership_change_is_recorded_and_readable_by_managers(world, client):
    membership = world.workspace.memberships.get(user=world.member)
    services.member_change_role(actor=world.lead, membership=membership, role=Role.OBSERVER)
    kinds = set(
        MembershipEvent.objects.filter(workspace=world.workspace).values_list("kind", flat=True)
    )
    assert {"joined", "role_changed", "removed", "group_added"} <= kinds
    client.force_login(world.community_manager)
    page = client.get(reverse("workspaces:membership_audit", args=[world.workspace]))
    assert "Role changed" in page.content.decode()
    assert "Member → Observer" in page.content.decode()


def test_outsider_and_non_group_member_do_not_see_private_group_on_dashboard(world, client):
    client.force_login(world.non_group_member)
    page = client.get(world.workspace.get_absolute_url()).content.decode()
    assert world.open_group.name in page and world.private_group.name not in page
    client.force_login(world.member)
    assert (
        world.private_group.name in client.get(world.workspace.get_absolute_url()).content.decode()
    )


def test_my_workspaces_lists_only_my_own(world, client):
    client.force_login(world.outsider)
    page = client.get(reverse("workspaces:home")).content.decode()
    assert world.other_workspace.name in page and world.workspace.name not in page


def test_anonymous_visitors_are_sent_to_login(world, client):
    response = client.get(world.workspace.get_absolute_url())
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_superuser_creates_a_workspace_and_becomes_its_lead(client):
    root = superuser()
    client.force_login(root)
    response = client.post(
        reverse("workspaces:workspace_create"),
        {
            "name": "Blue Alliance",
            "description": "Oceans",
            "new_organisation": "Ocean Lab",
        },
    )
    assert response.status_code == 302
    workspace = Workspace.objects.get(slug="blue-alliance")  # the address comes from the name
    assert workspace.memberships.get(user=root).role == Role.LEAD
    again = client.post(
        reverse("workspaces:workspace_create"),
        {"name": "blue alliance", "new_organisation": "Ocean Lab"},
    )
    assert again.status_code == 400 and "exists: choose another name" in again.content.decode()


def test_workspace_lists_run_a_fixed_number_of_queries(django_assert_max_num_queries):
    user = UserFactory()
    for n in (5, 40):
        for _ in range(n - Workspace.objects.filter(memberships__user=user).count()):
            workspace, _lead = make_workspace("W")
            add_member(workspace, user=user)
            make_group(workspace, "G", is_private=True, members=[user])
        with django_assert_max_num_queries(1):
            assert len(list(workspaces_visible_to(user))) == n
        with django_assert_max_num_queries(1):
            assert len(list(groups_visible_to(user))) == n


# The per-object check and the list filter must agree for every container and user.
ROLE_OR_NONE = st.sampled_from([None, *Role])


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    memberships=st.lists(st.tuples(ROLE_OR_NONE, ROLE_OR_NONE), min_size=3, max_size=3),
    private_members=st.lists(st.tuples(st.booleans(), st.booleans()), min_size=3, max_size=3),
    removed=st.lists(st.booleans(), min_size=3, max_size=3),
    open_to_private=st.booleans(),
)
def test_per_object_check_and_list_filter_agree(
    memberships, private_members, removed, open_to_private
):
    from django.db import transaction

    with transaction.atomic():
        founded = [make_workspace(f"W{i}") for i in range(2)]
        workspaces = [workspace for workspace, _ in founded]
        # The founding lead, who made (and so is in) the private group: memberships are
        # ordered by organisation name, so ".first()" may pick a lead added below.
        founder = {workspace.pk: lead for workspace, lead in founded}
        groups = [make_group(w, "Open") for w in workspaces]
        groups += [make_group(w, "Private", is_private=True) for w in workspaces]
        people = [UserFactory() for _ in range(3)]
        for person, roles, in_private, gone in zip(
            people, memberships, private_members, removed, strict=True
        ):
            for workspace, role, private_group, member_of_private in zip(
                workspaces, roles, groups[2:], in_private, strict=True
            ):
                if role is None:
                    continue
                add_member(workspace, role, user=person)
                lead = founder[workspace.pk]
                if member_of_private:
                    services.group_member_add(actor=lead, group=private_group, user=person)
                if gone:
                    services.member_remove(
                        actor=lead, membership=workspace.memberships.get(user=person)
                    )
        if open_to_private:
            lead = founder[workspaces[0].pk]
            services.group_set_private(actor=lead, group=groups[0], is_private=True)
        for person in people:
            listed_ws = set(workspaces_visible_to(person))
            listed_groups = set(groups_visible_to(person))
            for workspace in workspaces:
                assert container_access(person, workspace).can(Action.VIEW) == (
                    workspace in listed_ws
                )
            for group in groups:
                group.refresh_from_db()
                assert container_access(person, group).can(Action.VIEW) == (group in listed_groups)
        transaction.set_rollback(True)


def test_visits_are_noted_for_adoption_at_most_every_quarter_hour(world, client):
    client.force_login(world.member)
    membership = world.workspace.memberships.get(user=world.member)
    assert membership.last_seen_at is None
    client.get(world.workspace.get_absolute_url())
    membership.refresh_from_db()
    first = membership.last_seen_at
    assert first is not None
    client.get(world.workspace.get_absolute_url())
    membership.refresh_from_db()
    assert membership.last_seen_at == first
