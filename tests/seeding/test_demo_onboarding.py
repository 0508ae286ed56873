from django.contrib.auth import get_user_model
from django.urls import reverse

from workspaces import adoption
from workspaces.models import Membership, Pin, Workspace


def test_seed_demo_shows_the_launch_features(seeded_demo, client):
    north = Workspace.objects.get(slug="north-sea")
    users = get_user_model().objects

    assert Pin.objects.filter(workspace=north).count() == 3
    lead = north.memberships.filter(role="lead").first().user
    active = dict(adoption.weekly_series(north, lead))["Weekly active members"]
    assert sum(1 for _, count in active if count) >= 6
    invitations = adoption.invitations_overview(north)
    assert len(invitations["pending"]) == 1 and len(invitations["expired"]) == 1
    assert users.filter(email="pieter@tudelft.example", last_login__isnull=True).exists()
    assert Membership.objects.filter(workspace=north, welcomed_at__isnull=True).count() == 2

    client.force_login(users.get(email="jonas@nordicwind.example"))
    response = client.get(north.get_absolute_url())
    assert response["Location"] == reverse("workspaces:start_here", args=[north])
    start = client.get(response["Location"]).content.decode()
    assert "Consortium agreement" in start and "Governance structure" in start

    # North Sea is a month past its kick-off; Rhine's lead is still offered hers.
    client.force_login(lead)
    assert "Continue the kick-off" not in client.get(north.get_absolute_url()).content.decode()
    assert Workspace.objects.get(slug="rhine-water").kickoff_completed_at is None
