"""Sign-off of wiki pages by partner organisations: requests, signing an exact
revision, edits after signing, the record (CSV, export), leavers and races."""

import threading

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test import Client
from django.urls import reverse

from alliance_hub import hooks
from tests.alliance import build_alliance
from tests.factories import add_member, make_group
from tests.workspaces.content_helpers import edit_page
from wiki import selectors, signoff
from wiki.models import Signoff
from workspaces.models import Activity, Notification
from workspaces.roles import Role
from workspaces.services import member_remove, organisation_remove


@pytest.fixture
def alliance(db):
    a = build_alliance()
    a.page = selectors.page_get_for(container=a.workspace, path="governance")
    return a


def _url(name, a, page=None):
    page = page or a.page
    return reverse(f"wiki:{name}", args=[page.container, page.path])


def _ask(a, organisations=None):
    a.page.refresh_from_db()
    return signoff.signoff_request(actor=a.lead, page=a.page, organisations=organisations)


def _sign(client, user, a, request, revision=None):
    client.force_login(user)
    data = {"request": request.pk, "revision": revision or request.revision}
    return client.post(_url("page_sign", a), data)


def _members_may_sign(a):
    signoff.signatory_roles_set(
        actor=a.lead, workspace=a.workspace, roles=["lead", "community_manager", "member"]
    )


def test_a_lead_asks_every_partner_and_their_signatories_are_notified(alliance, client):
    client.force_login(alliance.lead)
    partners = [alliance.nordic.pk, alliance.delft.pk, alliance.baltic.pk]
    response = client.post(_url("signoff_request", alliance), {"organisations": partners})
    assert response.status_code == 302
    rows = Signoff.objects.order_by("organisation_name")
    assert [r.organisation_name for r in rows] == ["Baltic", "Delft", "Nordic"]
    # Default signatories are leads and community managers: Elif for Baltic.
    assert list(Notification.objects.values_list("recipient", flat=True)) == [alliance.elif_.pk]
    page = client.get(alliance.page.get_absolute_url()).content.decode()
    assert f"Signed by 0 of 3 partners at revision {alliance.page.revision}" in page


def test_signing_records_who_which_revision_when_and_the_hash(alliance, client):
    request = _ask(alliance)
    assert _sign(client, alliance.elif_, alliance, request).status_code == 302
    row = Signoff.objects.get(organisation=alliance.baltic)
    assert (row.signed_by, row.signer_name, row.revision) == (
        alliance.elif_,
        str(alliance.elif_),
        alliance.page.revision,
    )
    assert row.signed_at is not None and row.content_hash == signoff.content_hash(
        alliance.page.body
    )
    assert Activity.objects.filter(verb__startswith="signed revision").exists()
    page = client.get(alliance.page.get_absolute_url()).content.decode()
    assert f"Signed by 1 of 3 partners at revision {request.revision}" in page


def test_only_signatory_roles_may_sign_and_the_workspace_sets_them(alliance, client):
    request = _ask(alliance)
    assert _sign(client, alliance.marco, alliance, request).status_code == 403
    assert _sign(client, alliance.observer, alliance, request).status_code == 403
    client.force_login(alliance.lead)
    response = client.post(
        reverse("wiki:signatory_roles", args=[alliance.workspace]), {"roles": ["observer"]}
    )
    assert response.status_code == 400  # observers never sign
    client.post(
        reverse("wiki:signatory_roles", args=[alliance.workspace]), {"roles": ["lead", "member"]}
    )
    assert _sign(client, alliance.marco, alliance, request).status_code == 302
    assert _sign(client, alliance.elif_, alliance, request).status_code == 403  # a CM now


def test_one_signature_per_organisation(alliance, client):
    _members_may_sign(alliance)
    request = _ask(alliance)
    assert _sign(client, alliance.marco, alliance, request).status_code == 302
    response = _sign(client, alliance.marta, alliance, request)
    assert response.status_code == 409
    assert f"{alliance.marco} already signed for Delft" in response.content.decode()


def test_an_edit_after_signing_shows_the_text_is_not_the_signed_one(alliance, client):
    request = _ask(alliance)
    _sign(client, alliance.elif_, alliance, request)
    edit_page(alliance.workspace, "governance", alliance.lead, "We changed our minds.")
    page = client.get(alliance.page.get_absolute_url()).content.decode()
    assert f"is not the signed one (revision {request.revision})" in page
    diff = f"{_url('page_diff', alliance)}?from={request.revision}&to={request.revision + 1}"
    assert diff.replace("&", "&amp;") in page
    assert client.get(diff).status_code == 200


def test_asking_for_sign_off_of_a_revision_edited_since_is_refused(alliance, client):
    client.force_login(alliance.lead)
    seen = alliance.page.revision
    edit_page(alliance.workspace, "governance", alliance.lead, "Edited meanwhile.")
    data = {"organisations": [alliance.delft.pk], "revision": seen}
    response = client.post(_url("signoff_request", alliance), data)
    assert response.status_code == 400
    assert "edited since you read it" in response.content.decode()
    data["revision"] = seen + 1
    assert client.post(_url("signoff_request", alliance), data).status_code == 302


def test_signing_from_a_stale_page_is_refused_clearly(alliance, client):
    first = _ask(alliance)
    edit_page(alliance.workspace, "governance", alliance.lead, "Second text.")
    second = _ask(alliance)
    response = _sign(client, alliance.elif_, alliance, first)
    assert response.status_code == 409
    assert f"Sign-off is now asked for revision {second.revision}" in response.content.decode()
    response = _sign(client, alliance.elif_, alliance, second, revision=first.revision)
    assert response.status_code == 409
    assert f"You were shown revision {first.revision}" in response.content.decode()
    assert not Signoff.objects.filter(signed_at__isnull=False).exists()


@pytest.mark.parametrize(
    "data", [{}, {"request": "abc", "revision": "1"}, {"request": "99999", "revision": "1"}]
)
def test_hostile_sign_posts_are_refused_without_a_server_error(alliance, client, data):
    _ask(alliance)
    client.force_login(alliance.elif_)
    assert client.post(_url("page_sign", alliance), data).status_code in (400, 409)


def test_asking_organisations_that_are_not_partners_is_refused(alliance, client):
    from tests.factories import OrganisationFactory

    stranger = OrganisationFactory(name="Stranger")
    client.force_login(alliance.lead)
    for orgs in ([stranger.pk], ["x"], []):
        response = client.post(_url("signoff_request", alliance), {"organisations": orgs})
        assert response.status_code == 400
    with pytest.raises(ValidationError):
        _ask(alliance, organisations=[stranger.pk])
    with pytest.raises(PermissionDenied):
        signoff.signoff_request(actor=alliance.elif_, page=alliance.page)


def test_the_record_survives_the_signatory_leaving_and_exports_as_csv(alliance, client):
    request = _ask(alliance)
    _sign(client, alliance.elif_, alliance, request)
    name = str(alliance.elif_)
    member_remove(
        actor=alliance.lead, membership=alliance.workspace.memberships.get(user=alliance.elif_)
    )
    client.force_login(alliance.anna)
    csv = client.get(_url("signoff_csv", alliance))
    assert csv["Content-Type"].startswith("text/csv")
    text = csv.content.decode("utf-8")
    assert text.startswith("\ufeff") and "signed" in text and name in text
    assert request.content_hash in text
    page = client.get(alliance.page.get_absolute_url()).content.decode()
    assert "Signed by 1 of 3 partners" in page


def test_the_csv_quotes_names_a_spreadsheet_would_run_as_formulas(alliance, client):
    alliance.baltic.name = "@SUM(A1)"
    alliance.baltic.save(update_fields=["name"])
    alliance.elif_.display_name = "=1+2"
    alliance.elif_.save(update_fields=["display_name"])
    _sign(client, alliance.elif_, alliance, _ask(alliance))
    client.force_login(alliance.anna)
    text = client.get(_url("signoff_csv", alliance)).content.decode("utf-8-sig")
    assert ",'@SUM(A1),signed,'=1+2," in text
    assert ",@SUM" not in text and ",=1+2" not in text


def test_an_organisation_removed_while_owing_no_longer_counts(alliance, client):
    request = _ask(alliance)
    _sign(client, alliance.elif_, alliance, request)
    organisation_remove(
        actor=alliance.lead, workspace=alliance.workspace, organisation=alliance.delft
    )
    client.force_login(alliance.anna)
    page = client.get(alliance.page.get_absolute_url()).content.decode()
    assert "Signed by 1 of 2 partners" in page
    # Baltic leaving keeps its signature on the record and in the count.
    organisation_remove(
        actor=alliance.lead, workspace=alliance.workspace, organisation=alliance.baltic
    )
    page = client.get(alliance.page.get_absolute_url()).content.decode()
    assert "Signed by 1 of 2 partners" in page
    assert Signoff.objects.filter(organisation_name="Delft").exists()


def test_the_workspace_export_includes_the_signoff_record(alliance, client):
    request = _ask(alliance)
    _sign(client, alliance.elif_, alliance, request)
    files = dict(
        item
        for exporter in hooks.get_hooks(hooks.EXPORTER)
        for item in exporter(alliance.workspace)
    )
    assert files["signoffs.csv"].decode().startswith("\ufeffpage,organisation")
    assert "Baltic" in files["signoffs.csv"].decode()


def test_sign_offs_owed_appear_on_the_start_page_of_the_signatory(alliance, client):
    from datetime import date

    alliance.page.refresh_from_db()
    signoff.signoff_request(actor=alliance.lead, page=alliance.page, due_date=date(2026, 3, 31))
    client.force_login(alliance.elif_)
    page = client.get(reverse("workspaces:start_here", args=[alliance.workspace])).content.decode()
    assert "Sign “Governance" in page and "31 Mar 2026" in page
    client.force_login(alliance.marco)
    page = client.get(reverse("workspaces:start_here", args=[alliance.workspace])).content.decode()
    assert "Sign “" not in page


def test_pages_in_a_private_group_are_signed_by_its_members_only(alliance, client):
    group = make_group(alliance.workspace, "Board", is_private=True, members=[alliance.elif_])
    from wiki import services
    from wiki.services import PageContent

    page = services.page_create(
        actor=alliance.lead, container=group, content=PageContent("Charter", "Text"), path="charter"
    )
    request = signoff.signoff_request(actor=alliance.lead, page=page)
    notified = set(Notification.objects.values_list("recipient", flat=True))
    assert notified == {alliance.elif_.pk}
    other = add_member(alliance.workspace, Role.COMMUNITY_MANAGER, organisation=alliance.delft)
    client.force_login(other)
    url = reverse("wiki:page_sign", args=[group, page.path])
    assert client.post(url, {"request": request.pk, "revision": 1}).status_code == 404
    client.force_login(alliance.elif_)
    assert client.post(url, {"request": request.pk, "revision": 1}).status_code == 302


@pytest.mark.django_db(transaction=True)
def test_two_signatories_of_one_organisation_signing_at_once_record_exactly_one():
    a = build_alliance()
    a.page = selectors.page_get_for(container=a.workspace, path="governance")
    _members_may_sign(a)
    request = _ask(a)
    start = threading.Barrier(2)
    statuses = []

    def sign(user):
        client = Client()
        if connection.vendor != "sqlite":
            start.wait(timeout=10)
        try:
            statuses.append(_sign(client, user, a, request).status_code)
        finally:
            connection.close()

    people = [a.marco, a.marta]
    if connection.vendor == "sqlite":
        for user in people:
            sign(user)
    else:
        threads = [threading.Thread(target=sign, args=(user,)) for user in people]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
    assert sorted(statuses) == [302, 409]
    row = Signoff.objects.get(organisation=a.delft)
    assert row.signed_by in (a.marco, a.marta)


@pytest.mark.django_db(transaction=True)
def test_signing_while_a_new_request_is_made_signs_the_revision_seen_or_refuses():
    a = build_alliance()
    a.page = selectors.page_get_for(container=a.workspace, path="governance")
    first = _ask(a)
    edit_page(a.workspace, "governance", a.lead, "Edited a second ago.")
    start = threading.Barrier(2)
    results = {}

    def sign():
        if connection.vendor != "sqlite":
            start.wait(timeout=10)
        try:
            results["sign"] = _sign(Client(), a.elif_, a, first).status_code
        finally:
            connection.close()

    def ask():
        if connection.vendor != "sqlite":
            start.wait(timeout=10)
        try:
            results["ask"] = _ask(a)
        finally:
            connection.close()

    if connection.vendor == "sqlite":
        sign()
        ask()
    else:
        threads = [threading.Thread(target=sign), threading.Thread(target=ask)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
    signed = Signoff.objects.filter(signed_at__isnull=False)
    if results["sign"] == 302:
        # The signature went to the revision Elif was shown, never to the new one.
        assert [(s.request_id, s.revision) for s in signed] == [(first.pk, first.revision)]
    else:
        assert results["sign"] == 409 and not signed.exists()


def test_a_signed_page_costs_one_query_more_than_any_page(
    alliance, client, django_assert_max_num_queries
):
    from tests.wiki.test_history import QUERY_BOUND

    client.force_login(alliance.anna)
    url = alliance.page.get_absolute_url()
    client.get(url)  # first-visit bookkeeping, not measured
    with django_assert_max_num_queries(QUERY_BOUND):
        client.get(url)
    for signer in (None, alliance.elif_):
        request = _ask(alliance)
        if signer:
            _sign(client, signer, alliance, request)
        client.force_login(alliance.anna)
        client.get(url)
        with django_assert_max_num_queries(QUERY_BOUND + 1):
            assert "Signed by" in client.get(url).content.decode()


def test_the_export_job_carries_the_record_after_the_signatory_left(
    alliance, client, django_capture_on_commit_callbacks
):
    import io
    import zipfile

    from jobs.models import Job

    request = _ask(alliance)
    _sign(client, alliance.elif_, alliance, request)
    name = str(alliance.elif_)
    member_remove(
        actor=alliance.lead, membership=alliance.workspace.memberships.get(user=alliance.elif_)
    )
    client.force_login(alliance.lead)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("workspaces:export", args=[alliance.workspace]))
    job = Job.objects.latest("pk")
    assert job.status == Job.Status.DONE, job.error
    download = client.get(reverse("jobs:job_download", args=[alliance.workspace, job.pk]))
    archive = zipfile.ZipFile(io.BytesIO(b"".join(download.streaming_content)))
    [record] = [n for n in archive.namelist() if n.endswith("signoffs.csv")]
    text = archive.read(record).decode("utf-8")
    assert "Baltic" in text and name in text and request.content_hash in text


def test_the_admin_shows_the_record_to_managers_and_nobody_can_edit_it(alliance, client):
    from tests.factories import make_workspace, superuser

    request = _ask(alliance)
    _sign(client, alliance.elif_, alliance, request)
    row = Signoff.objects.get(organisation=alliance.baltic)
    change = reverse("admin:wiki_signoff_change", args=[row.pk])
    changelist = reverse("admin:wiki_signoff_changelist")
    _, other_lead = make_workspace("Other Alliance")
    client.force_login(other_lead)  # staff, but of another alliance
    assert str(alliance.elif_) not in client.get(changelist).content.decode()
    for user in (alliance.lead, superuser()):
        client.force_login(user)
        assert str(alliance.elif_) in client.get(changelist).content.decode()
        assert client.get(change).status_code == 200
        forged = {"signer_name": "Someone else", "revision": 1, "content_hash": "0" * 64}
        assert client.post(change, forged).status_code == 403
        delete = reverse("admin:wiki_signoff_delete", args=[row.pk])
        assert client.post(delete, {"post": "yes"}).status_code == 403
    row.refresh_from_db()
    assert (row.signer_name, row.content_hash) == (str(alliance.elif_), request.content_hash)
