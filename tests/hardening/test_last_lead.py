"""The only lead removing their own organisation is told why not (it would leave the
workspace without a lead); nothing is removed and nothing answers 500."""

from django.urls import reverse

from workspaces.models import Membership


def test_the_only_lead_cannot_remove_their_own_organisation(world, client_for):
    organisation = Membership.objects.get(workspace=world.workspace, user=world.lead).organisation
    client = client_for(world.lead)
    response = client.post(
        reverse("workspaces:organisation_remove", args=[world.workspace, organisation.pk])
    )
    assert response.status_code == 302
    assert Membership.objects.filter(workspace=world.workspace, user=world.lead).exists()
    page = client.get(response["Location"]).content.decode()
    assert "lead" in page.lower()
    assert organisation in world.workspace.partners.all()
