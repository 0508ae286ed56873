"""Single sign-on through a partner organisation's SAML 2.0 IdP: our service provider
sends its request, and the test IdP's responses, signed with the test IdP's own key,
come back to the assertion consumer service through the test client."""

import pytest
from allauth.socialaccount.models import SocialAccount
from django.urls import reverse

from profiles.models import User
from tests.accounts import saml_idp
from tests.accounts.conftest import PORTS
from tests.accounts.helpers import is_signed_in
from tests.ports import free_port
from workspaces import saml
from workspaces.models import Invitation, Membership

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def idp_keys():
    return saml_idp.key_and_certificate()


@pytest.fixture(scope="module")
def idp_url():
    server = saml_idp.serve(free_port(PORTS))
    yield f"http://127.0.0.1:{server.server_address[1]}/sso"
    server.shutdown()


@pytest.fixture
def organisation(world, idp_keys, idp_url):
    """The member's organisation, linked to the test IdP for its domains."""
    organisation = Membership.objects.get(user=world.member, workspace=world.workspace).organisation
    organisation.email_domains = "example.org, nordicwind.example"
    organisation.save()
    saml.saml_link(
        organisation=organisation,
        entity_id=saml_idp.ENTITY_ID,
        sso_url=idp_url,
        x509cert=saml.clean_certificate(idp_keys[1]),
    )
    organisation.refresh_from_db()
    return organisation


def start(client, organisation, email):
    """E-mail first, on to the organisation's IdP; returns our request's ID."""
    page = client.post(reverse("account_login"), {"login": email})
    assert page.status_code == 200 and "Continue to" in page.content.decode()
    response = client.post(reverse("saml_login", args=[saml.app_slug(organisation)]))
    assert response.status_code == 302 and "SAMLRequest=" in response["Location"]
    return saml_idp.request_id(response["Location"])


def answer(client, organisation, xml):
    """The IdP's answer posted to our ACS; returns the response after it is processed."""
    slug = saml.app_slug(organisation)
    response = client.post(reverse("saml_acs", args=[slug]), {"SAMLResponse": saml_idp.encode(xml)})
    assert response.status_code == 302
    return client.get(response["Location"])


def signed_response(organisation, keys, email, request_id, tamper=None, signed=True, **claims):
    slug = saml.app_slug(organisation)
    acs_url = f"http://testserver{reverse('saml_acs', args=[slug])}"
    claims = {"audience": f"http://testserver{saml.metadata_path(organisation)}"} | claims
    assertion = saml_idp.assertion_xml(
        email=email, acs_url=acs_url, in_response_to=request_id, **claims
    )
    if signed:
        assertion = saml_idp.sign(assertion, *keys)
    if tamper:
        assertion = assertion.replace(*tamper)
    return saml_idp.response_xml(assertion=assertion, acs_url=acs_url, in_response_to=request_id)


def round_trip(client, organisation, keys, email, idp_email=None, **options):
    request_id = start(client, organisation, email)
    xml = signed_response(organisation, keys, idp_email or email, request_id, **options)
    return answer(client, organisation, xml)


def test_a_member_signs_in_with_a_signed_response(world, client, organisation, idp_keys):
    response = round_trip(client, organisation, idp_keys, world.member.email)
    assert response.status_code == 302, response.content.decode()[:800]
    assert is_signed_in(client)
    assert client.get(world.workspace.get_absolute_url()).status_code == 200
    assert SocialAccount.objects.filter(
        user=world.member, provider=saml.app_slug(organisation), uid=world.member.email
    ).exists()


def test_an_invited_persons_first_sign_in_accepts_the_invitation(
    world, client, organisation, idp_keys, invite
):
    invite("newcomer@nordicwind.example")
    response = round_trip(client, organisation, idp_keys, "newcomer@nordicwind.example")
    assert response.status_code == 302 and is_signed_in(client)
    user = User.objects.get(email="newcomer@nordicwind.example")
    assert not user.has_usable_password()
    assert Membership.objects.filter(user=user, workspace=world.workspace).exists()
    assert Invitation.objects.get(email="newcomer@nordicwind.example").accepted_by == user


def refused(response, status, words):
    body = response.content.decode()
    return response.status_code == status and words in body


def test_an_address_changed_after_signing_is_refused(world, client, organisation, idp_keys):
    response = round_trip(
        client,
        organisation,
        idp_keys,
        world.member.email,
        tamper=(world.member.email, world.lead.email),
    )
    assert refused(response, 400, "not validly signed")
    assert not is_signed_in(client)


def test_an_unsigned_response_is_refused(world, client, organisation, idp_keys):
    response = round_trip(client, organisation, idp_keys, world.member.email, signed=False)
    assert refused(response, 400, "not validly signed") and not is_signed_in(client)


def test_a_response_signed_by_another_key_is_refused(world, client, organisation):
    other_keys = saml_idp.key_and_certificate("Impostor")
    response = round_trip(client, organisation, other_keys, world.member.email)
    assert refused(response, 400, "not validly signed") and not is_signed_in(client)


def test_a_response_for_another_service_is_refused(world, client, organisation, idp_keys):
    response = round_trip(
        client, organisation, idp_keys, world.member.email, audience="https://other.example/sp"
    )
    assert refused(response, 400, "did not complete") and not is_signed_in(client)


def test_an_expired_response_is_refused(world, client, organisation, idp_keys):
    response = round_trip(client, organisation, idp_keys, world.member.email, valid_for=-60)
    assert refused(response, 400, "did not complete") and not is_signed_in(client)


def test_a_response_no_request_of_ours_asked_for_is_refused(world, client, organisation, idp_keys):
    xml = signed_response(organisation, idp_keys, world.member.email, "_not-our-request")
    assert refused(answer(client, organisation, xml), 400, "did not complete")
    assert not is_signed_in(client)


def test_a_replayed_response_is_refused(world, client, organisation, idp_keys):
    request_id = start(client, organisation, world.member.email)
    xml = signed_response(organisation, idp_keys, world.member.email, request_id)
    assert answer(client, organisation, xml).status_code == 302
    client.logout()
    assert answer(client, organisation, xml).status_code == 400
    assert not is_signed_in(client)


def test_an_address_of_another_organisations_domain_is_refused(
    world, client, organisation, idp_keys
):
    response = round_trip(
        client, organisation, idp_keys, world.member.email, idp_email="someone@elsewhere.example"
    )
    assert refused(response, 403, "is not an address of") and not is_signed_in(client)


def test_removal_from_the_alliance_wins_over_the_idp(world, client, organisation, idp_keys):
    response = round_trip(client, organisation, idp_keys, world.removed.email)
    assert refused(response, 403, "not a member") and not is_signed_in(client)


def test_a_linked_member_removed_later_is_refused(world, client, organisation, idp_keys):
    from workspaces import services

    round_trip(client, organisation, idp_keys, world.member.email)
    client.logout()
    services.member_remove(
        actor=world.lead, membership=world.workspace.memberships.get(user=world.member)
    )
    response = round_trip(client, organisation, idp_keys, world.member.email)
    assert refused(response, 403, "not a member") and not is_signed_in(client)


def test_a_malformed_response_is_refused_without_an_error(world, client, organisation):
    start(client, organisation, world.member.email)
    slug = saml.app_slug(organisation)
    for junk in ["%%%not base64", saml_idp.encode("<not-saml/>"), saml_idp.encode("\x00")]:
        response = client.post(reverse("saml_acs", args=[slug]), {"SAMLResponse": junk})
        assert client.get(response["Location"]).status_code == 400
    assert not is_signed_in(client)


def test_the_idp_down_says_so_and_passwords_still_work(world, client, organisation):
    from tests.accounts.helpers import sign_in

    organisation.sso_app.settings["idp"]["sso_url"] = "http://127.0.0.1:1/sso"
    organisation.sso_app.save()
    response = client.post(reverse("account_login"), {"login": world.member.email})
    assert "sign-in service is not answering" in response.content.decode()
    assert 'name="password"' in response.content.decode()
    assert sign_in(client, world.member).status_code == 302 and is_signed_in(client)


def test_the_sp_metadata_names_our_acs_for_the_organisation(client, organisation):
    response = client.get(saml.metadata_path(organisation))
    assert response.status_code == 200
    acs = f"http://testserver{reverse('saml_acs', args=[saml.app_slug(organisation)])}"
    assert acs in response.content.decode()


def admin_change(client, organisation, **fields):
    url = reverse("admin:workspaces_organisation_change", args=[organisation.pk])
    data = {
        "name": organisation.name,
        "website": "",
        "email_domains": "nordicwind.example",
        "sso_app": "",
        "saml_entity_id": "",
        "saml_sso_url": "",
        "saml_certificate": "",
    } | fields
    return client.post(url, data)


def test_a_superuser_links_an_organisation_to_its_saml_idp(world, client, idp_keys):
    admin = User.objects.create_superuser(email="root@example.org", password="pw-root-1234")
    client.force_login(admin)
    organisation = world.workspace.partners.first()
    response = admin_change(
        client,
        organisation,
        saml_entity_id=saml_idp.ENTITY_ID,
        saml_sso_url="https://idp.nordicwind.example/sso",
        saml_certificate=idp_keys[1],
    )
    assert response.status_code == 302
    organisation.refresh_from_db()
    assert saml.idp_settings(organisation)["sso_url"] == "https://idp.nordicwind.example/sso"
    assert organisation.sso_app.settings["advanced"]["want_assertion_signed"] is True
    page = client.get(reverse("admin:workspaces_organisation_change", args=[organisation.pk]))
    assert saml.metadata_url(organisation) in page.content.decode()


@pytest.mark.parametrize(
    "certificate, message",
    [
        ("-----BEGIN CERTIFICATE-----\nnot a certificate ٣", "This is not an X.509 certificate"),
        ("MIIB\x00AAAA", "Null characters are not allowed"),
    ],
)
def test_a_certificate_that_is_not_one_is_refused_clearly(world, client, certificate, message):
    admin = User.objects.create_superuser(email="root@example.org", password="pw-root-1234")
    client.force_login(admin)
    organisation = world.workspace.partners.first()
    response = admin_change(
        client,
        organisation,
        saml_entity_id=saml_idp.ENTITY_ID,
        saml_sso_url="https://idp.nordicwind.example/sso",
        saml_certificate=certificate,
    )
    assert response.status_code == 200 and message in response.content.decode()
    organisation.refresh_from_db()
    assert organisation.sso_app is None


def test_a_community_manager_sees_the_metadata_url_but_cannot_link(world, client, organisation):
    from django.contrib.auth.models import Permission

    world.community_manager.user_permissions.add(
        *Permission.objects.filter(codename__in=["change_organisation", "view_organisation"])
    )
    client.force_login(world.community_manager)
    url = reverse("admin:workspaces_organisation_change", args=[organisation.pk])
    page = client.get(url).content.decode()
    assert saml.metadata_url(organisation) in page and "saml_certificate" not in page
    admin_change(client, organisation, saml_sso_url="https://evil.example/sso")
    organisation.refresh_from_db()
    assert saml.idp_settings(organisation)["sso_url"].startswith("http://127.0.0.1:")
