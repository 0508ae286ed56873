from django.urls import reverse


def test_member_sees_workspace_dashboard(world, client_for):
    response = client_for(world.member).get(reverse("workspaces:dashboard", args=[world.workspace]))
    assert response.status_code == 200
    assert world.workspace.name in response.content.decode()


def test_outsider_gets_404_on_workspace_dashboard(world, client_for):
    response = client_for(world.outsider).get(
        reverse("workspaces:dashboard", args=[world.workspace])
    )
    assert response.status_code == 404
