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
