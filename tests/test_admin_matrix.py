"""The Django admin in the permission matrix: every admin URL of every registered model
(changelist, add, change, delete, history), the site's own URLs (index, app lists,
"view on site", autocomplete of every relation) x every persona, and the choices of
every admin form, checked against the same "may see" rule as the web pages.

Expected outcomes are written here from the product rules, not read from the admin:

* anonymous visitors and people who manage nothing are sent to the admin's login;
* leads and community managers (staff) hold the model permissions in STAFF_PERMS
  and nothing else (403), and see only rows of containers they manage: a row of any
  other container answers like a missing one (the admin's redirect to its index);
* a superuser sees everything, except what the admin refuses to everyone (REFUSED);
* no page a persona opens names a private group, a workspace or a person they may not
  see, links to an admin page they may not open, or offers such a row as a choice.

A model registered without a row in ROWS, or an admin URL pattern without a builder
here, fails ``test_every_admin_url_and_model_is_in_the_matrix``.
"""

import json

import pytest
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from tests.admin_matrix import (
    ADMIN_PERSONAS,
    EXTRA_MODEL_URLS,
    FORBIDDEN,
    LOGIN,
    NOT_FOUND,
    OK,
    ROWS,
    STAFF,
    STAFF_PERMS,
    build_admin_world,
    check_page,
    expected,
    manages,
    may_manage,
    model_urls,
    outcome,
)
from tests.conftest import built_once
from tests.test_permission_matrix import _url_names
from workspaces.models import Group


@pytest.fixture(scope="module")
def admin_world(django_db_setup, django_db_blocker):
    """Built once for the module: every test reads it inside its own savepoint."""
    yield from built_once(django_db_blocker, build_admin_world)


REGISTERED = sorted(model._meta.label_lower for model in admin.site._registry)


@pytest.mark.django_db
@pytest.mark.parametrize("label", REGISTERED)
def test_admin_pages_of_each_model_answer_each_persona_as_the_rules_say(label, client, admin_world):
    world = admin_world
    failures = []
    urls = model_urls(world, label)
    for persona in ADMIN_PERSONAS:
        user = world.user(persona) if persona != "superuser" else world.superuser
        client.logout()
        if user is not None:
            client.force_login(user)
        for name, action, url, owner in urls:
            response = client.get(url)
            got = outcome(response)
            if action == "redirect":
                want = (
                    {LOGIN} if expected(persona, label, "view", owner, world) == {LOGIN} else {302}
                )
            else:
                want = expected(persona, label, action, owner, world)
            if got not in want:
                failures.append(f"{persona}: {name} {url} got {got}, expected {want}")
            if got == OK:
                check_page(world, persona, user, url, response, failures)
    assert not failures, "\n".join(failures)


def _autocomplete_cases():
    """Every relation of every registered model: Django answers an autocomplete for any
    of them whose target model's admin has search fields, from that admin's queryset."""
    cases = []
    for model in admin.site._registry:
        for field in model._meta.get_fields():
            if field.concrete and field.is_relation and field.related_model:
                cases.append((model, field))
    return cases


def _autocomplete_expected(persona, target):
    target_admin = admin.site._registry.get(target)
    if target_admin is None:
        return FORBIDDEN
    if not target_admin.search_fields:
        return NOT_FOUND
    label = target._meta.label_lower
    may_view = persona == "superuser" or "view" in STAFF_PERMS.get(label, set())
    return OK if may_view else FORBIDDEN


@pytest.mark.django_db
def test_admin_site_urls_answer_each_persona_as_the_rules_say(client, admin_world):
    world = admin_world
    failures = []
    group_type = ContentType.objects.get_for_model(Group)
    on_site = [
        (reverse("admin:view_on_site", args=[group_type.pk, row.pk]), owner)
        for row, owner in ROWS["workspaces.group"](world)
    ]
    for persona in ADMIN_PERSONAS:
        user = world.user(persona) if persona != "superuser" else world.superuser
        client.logout()
        if user is not None:
            client.force_login(user)
        signed_in_staff = persona in STAFF or persona == "superuser"

        def check(url, want, persona=persona, user=user):
            response = client.get(url)
            got = outcome(response)
            if got != want:
                failures.append(f"{persona}: {url} got {got}, expected {want}")
            if got == OK:
                check_page(world, persona, user, url, response, failures)
            return response

        check(reverse("admin:index"), OK if signed_in_staff else LOGIN)
        check(reverse("admin:password_change"), OK if signed_in_staff else LOGIN)
        check(reverse("admin:password_change_done"), OK if signed_in_staff else LOGIN)
        check("/admin/no/such/page/", 404 if signed_in_staff else LOGIN)
        for app_label in {label.split(".")[0] for label in REGISTERED}:
            staff_app = any(label.startswith(f"{app_label}.") for label in STAFF_PERMS)
            want = OK if persona == "superuser" or staff_app else NOT_FOUND
            check(reverse("admin:app_list", args=[app_label]), want if signed_in_staff else LOGIN)
        for url, owner in on_site:
            want = 302 if manages(world, persona, owner) else NOT_FOUND
            check(url, want if signed_in_staff else LOGIN)
        for model, field in _autocomplete_cases():
            url = reverse("admin:autocomplete") + (
                f"?app_label={model._meta.app_label}&model_name={model._meta.model_name}"
                f"&field_name={field.name}&term="
            )
            want = _autocomplete_expected(persona, field.related_model)
            response = check(url, want if signed_in_staff else LOGIN)
            if response.status_code == 200:
                ids = {r["id"] for r in json.loads(response.content)["results"]}
                for row in field.related_model._default_manager.filter(pk__in=ids):
                    if not may_manage(user, row):
                        failures.append(f"{persona}: autocomplete {url} offers {row!r}")
        # The login page itself: public, never a server error.
        assert client.get(reverse("admin:login")).status_code < 500
    assert not failures, "\n".join(failures)


SITE_URL_NAMES = {
    "admin:index",
    "admin:login",
    "admin:logout",
    "admin:password_change",
    "admin:password_change_done",
    "admin:jsi18n",
    "admin:app_list",
    "admin:view_on_site",
    "admin:autocomplete",
    "admin:<unnamed (?P<url>.*)$>",
}
MODEL_URL_SUFFIXES = ["changelist", "add", "change", "delete", "history"]


def test_every_admin_url_and_model_is_in_the_matrix():
    registered = {model._meta.label_lower for model in admin.site._registry}
    assert registered == set(ROWS), (
        f"Admin models without matrix rows: {sorted(registered - set(ROWS))}; "
        f"rows for models no longer registered: {sorted(set(ROWS) - registered)}"
    )
    covered = set(SITE_URL_NAMES) | {"admin:<unnamed <path:object_id>/>"}
    covered |= {name for extras in EXTRA_MODEL_URLS.values() for name, _ in extras}
    for label in registered:
        app_label, model_name = label.split(".")
        covered |= {f"admin:{app_label}_{model_name}_{s}" for s in MODEL_URL_SUFFIXES}
    admin_names = {name for name in _url_names() if name.startswith("admin:")}
    assert not admin_names - covered, f"Admin URLs not in the matrix: {admin_names - covered}"


def test_logout_and_jsi18n_never_fail(db, client, admin_world):
    world = admin_world
    client.force_login(world.community_manager)
    assert client.get(reverse("admin:jsi18n")).status_code == 200
    assert client.post(reverse("admin:logout")).status_code < 500
