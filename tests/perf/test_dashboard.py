"""The dashboard's member summary stays a few lines however big the alliance grows."""

from tests.factories import OrganisationFactory, add_member


def test_dashboard_counts_members_per_organisation_instead_of_listing_them(world, client_for):
    partner = OrganisationFactory(name="Delta Water Board")
    for _ in range(30):
        add_member(world.workspace, organisation=partner)
    client = client_for(world.member)
    client.get(world.workspace.get_absolute_url())  # the first visit notes the visit
    page = client.get(world.workspace.get_absolute_url()).content.decode()
    assert 'Delta Water Board <span class="muted">30 members</span>' in page
    assert page.count("Delta Water Board") == 1


def test_the_counts_are_the_member_list_s_members_per_organisation(world):
    from collections import Counter

    from workspaces import selectors

    partner = OrganisationFactory(name="Delta Water Board")
    for _ in range(3):
        add_member(world.workspace, organisation=partner)
    for container in (world.workspace, world.open_group, world.private_group):
        members = selectors.member_list_for(container=container)
        expected = Counter(membership.organisation.name for membership in members)
        counts = selectors.organisation_counts(container=container)
        assert dict(counts) == expected
        assert [name for name, _ in counts] == sorted(expected)
    assert dict(selectors.organisation_counts(container=world.workspace))[partner.name] == 3
