import json

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import NoReverseMatch, reverse

from profiles.models import User
from tests.factories import PASSWORD
from workspaces.models import Workspace

pytestmark = pytest.mark.django_db


def test_people_sign_in_with_their_email_address(world, client):
    response = client.post(
        reverse("account_login"), {"login": world.member.email.upper(), "password": PASSWORD}
    )
    assert response.status_code == 302
    assert client.get(reverse("workspaces:home")).status_code == 200


def test_wrong_password_is_refused_with_a_message(world, client):
    response = client.post(reverse("account_login"), {"login": world.member.email, "password": "x"})
    assert response.status_code == 200
    assert "The email address and/or password you specified are not correct." in (
        response.content.decode()
    )
    assert client.get(reverse("workspaces:home")).status_code == 302


def test_password_reset_sends_a_link_by_email(world, client):
    response = client.post(reverse("account_reset_password"), {"email": world.member.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1 and world.member.email in mail.outbox[0].to
    assert "/accounts/password/reset/key/" in mail.outbox[0].body


def test_password_change_requires_the_old_password(world, client):
    client.force_login(world.member)
    response = client.post(
        reverse("account_change_password"),
        {"oldpassword": "wrong", "password1": "N3w-pass-word!", "password2": "N3w-pass-word!"},
    )
    assert response.status_code == 200
    world.member.refresh_from_db()
    assert world.member.check_password(PASSWORD)


def test_there_is_no_public_sign_up(client):
    for name in ("signup", "register", "django_registration_register"):
        with pytest.raises(NoReverseMatch):
            reverse(name)
    response = client.post(
        reverse("account_signup"), {"email": "new@example.org", "password1": "N3w-pass-word!"}
    )
    assert "Alliance Hub is invitation-only" in response.content.decode()
    assert not User.objects.filter(email="new@example.org").exists()


def test_healthz_answers_200_when_the_database_answers(client):
    response = client.get(reverse("healthz"))
    assert response.status_code == 200 and response.json()["status"] == "ok"


def test_seed_demo_creates_two_alliances_sharing_a_member_and_is_safe_to_rerun(seeded_demo, capsys):
    rows = seeded_demo.logins()  # what the first run printed
    call_command("seed_demo", "--json")
    assert json.loads(capsys.readouterr().out) == rows
    assert Workspace.objects.count() == 2
    north = Workspace.objects.get(slug="north-sea")
    assert north.partners.count() == 3
    assert north.groups.filter(is_private=True).count() == 1
    assert north.memberships.count() == 12
    assert {m.role for m in north.memberships.all()} == {
        "lead",
        "community_manager",
        "member",
        "observer",
    }
    by_email = {}
    for row in rows:
        by_email.setdefault(row["email"], set()).add(row["workspace"])
    assert any(ws == {"north-sea", "rhine-water"} for ws in by_email.values())
    assert all(
        {"email", "password", "workspace", "role", "organisation", "groups"} <= set(r) for r in rows
    )


def test_demo_logins_work(seeded_demo, client):
    assert client.login(username="anna@nordicwind.example", password="alliance-demo-2026")
    response = client.get("/w/north-sea/", follow=True)
    assert response.status_code == 200 and "North Sea Energy Alliance" in response.content.decode()
    assert client.get("/w/rhine-water/").status_code == 404


def test_dashboard_runs_a_fixed_number_of_queries(world, client, django_assert_max_num_queries):
    from tests.factories import add_member, make_group

    client.force_login(world.member)
    url = world.workspace.get_absolute_url()
    client.get(url)  # the first visit of a session also notes the visit
    for _ in range(5):
        add_member(world.workspace)
        make_group(world.workspace, "Group")
    with django_assert_max_num_queries(10) as small:
        client.get(url)
    for _ in range(60):
        add_member(world.workspace)
        make_group(world.workspace, "Group")
    with django_assert_max_num_queries(10) as big:
        client.get(url)
    assert len(big.captured_queries) == len(small.captured_queries)
