"""Fuzz: every URL of the resolver (through the permission matrix's Routes, so with real
ids), called by each kind of persona with hostile values in every path parameter, in
the query parameters pages read and in a few headers. Nothing answers 500 and no
hostile request changes what is stored.

Hostile: Unicode digits, NUL, 10,000 characters, negative and huge numbers, invalid
Range headers, htmx requests. Each request runs in a savepoint rolled back after it,
so one request cannot hide another's failure; the row counts of every table are
compared before and after it. Kept fast: one container per route; a member gets
every hostile variant, four other personas take turns.
"""

import re
from urllib.parse import quote, urlencode, urlsplit

import pytest
from django.apps import apps
from django.db import connection, transaction
from django.test import Client
from django.urls import Resolver404, resolve

from tests.matrix import container_of
from tests.test_permission_matrix import ROUTES

PERSONAS = ["anonymous", "outsider", "observer", "member", "lead"]
HOSTILE = ["²", "٣٤", "\x00", "x" * 10_000, "-1", "9" * 30, "9" * 5_000, "0", "' OR 1=1 --"]
# Names of query parameters the pages read (paging, filters, search, diffs, forms).
QUERY_NAMES = [
    "before", "after", "author", "folder", "parent", "q", "cursor", "page", "from", "to",
    "old", "new", "next", "path", "template", "title", "tag", "role", "organisation",
    "size", "v", "group", "kind",
]  # fmt: skip
HEADERS = [
    {"HTTP_RANGE": "bytes=1-" + "9" * 5_000},
    {"HTTP_RANGE": "bytes=²-٣", "HTTP_IF_RANGE": "\x7f" * 50},
    {"HTTP_RANGE": "bytes=-" + "9" * 30, "HTTP_HX_REQUEST": "true"},
    {"HTTP_HX_REQUEST": "true", "HTTP_HX_CURRENT_URL": "x" * 10_000},
    {"HTTP_REFERER": "javascript:alert(1)", "HTTP_ACCEPT_LANGUAGE": "²" * 100},
]
# Written by any GET on purpose: sessions, visit counters, the download log, and the
# account's own address that allauth records on the first visit to its e-mail page.
BOOKKEEPING = {
    "django_session",
    "workspaces_weeklyvisit",
    "documents_download",
    "account_emailaddress",
}


def _table_counts():
    tables = sorted(
        {
            model._meta.db_table
            for model in apps.get_models(include_auto_created=True)
            if model._meta.managed and not model._meta.proxy
        }
        - BOOKKEEPING
    )
    quoted = [(t, connection.ops.quote_name(t)) for t in tables]  # our own models' tables
    sql = " UNION ALL ".join(f"SELECT '{t}', COUNT(*) FROM {q}" for t, q in quoted)  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return dict(cursor.fetchall())


def _path_variants(url):
    """``url`` with each of its variable path segments replaced by each hostile value."""
    path = urlsplit(url).path
    match = resolve(path)
    values = {str(v) for v in match.kwargs.values()} | {
        str(getattr(v, "container_path", "")) for v in match.kwargs.values()
    }
    segments = path.strip("/").split("/")
    for index, segment in enumerate(segments):
        if segment not in values and not re.fullmatch(r"[0-9]+", segment):
            continue
        for value in HOSTILE[:7]:
            changed = [*segments[:index], quote(value, safe=""), *segments[index + 1 :]]
            yield "/" + "/".join(changed) + ("/" if path.endswith("/") else "")


def _query_variants(url):
    parts = urlsplit(url)
    for number, value in enumerate(HOSTILE):
        query = urlencode({name: value for name in QUERY_NAMES})
        original = f"{parts.query}&" if parts.query else ""
        yield f"{parts.path}?{original}{query}", HEADERS[number % len(HEADERS)]


def _call(client, method, url, headers, failures, label, before):
    try:
        with transaction.atomic():
            response = client.generic(method, url, **headers)
            after = _table_counts()
            transaction.set_rollback(True)
    except Exception as error:  # noqa: BLE001 - any exception is a 500 in production
        failures.append(f"{label} {method} {url[:120]}: {type(error).__name__}: {error!s:.200}")
        return
    if response.status_code >= 500:
        failures.append(f"{label} {method} {url[:120]}: {response.status_code}")
    changed = {t: (before[t], after[t]) for t in before if before[t] != after[t]}
    if changed:
        failures.append(f"{label} {method} {url[:120]}: changed {changed}")


def _clients(world):
    clients = {}
    for persona in PERSONAS:
        clients[persona] = Client()
        if world.user(persona) is not None:
            clients[persona].force_login(world.user(persona))
    return clients


# One test per route (the world is built once per module; each route's objects are
# made afresh in the test's own transaction, then dropped).
@pytest.mark.django_db
@pytest.mark.parametrize("route", ROUTES, ids=lambda route: f"{route.name}[{route.method}]")
def test_no_hostile_value_in_any_url_gives_500_or_changes_data(route, module_world):
    failures = []
    _fuzz_route(route, module_world, _clients(module_world), failures)
    assert not failures, f"{len(failures)} failures:\n" + "\n".join(failures[:60])


def _fuzz_route(route, world, clients, failures):
    url = route.url(world, container_of(world, route.containers[0]))
    try:
        resolve(urlsplit(url).path)
    except Resolver404:
        failures.append(f"{route.name}: its matrix URL {url} does not resolve")
        return
    before = _table_counts()
    for path in _path_variants(url):
        _call(clients["member"], route.method, path, {}, failures, f"{route.name} path", before)
    if route.method != "GET":
        return  # hostile query strings on writes would only test the forms
    for number, (variant, headers) in enumerate(_query_variants(url)):
        # The member gets every variant; the other personas take turns (speed).
        for persona in {"member", PERSONAS[number % len(PERSONAS)]}:
            label = f"{route.name} {persona}"
            _call(clients[persona], "GET", variant, headers, failures, label, before)


ADMIN_QUERY_NAMES = ["q", "o", "p", "all", "e", "_to_field", "_popup", "_changelist_filters"]


@pytest.mark.django_db
def test_no_hostile_value_in_the_admin_gives_500_or_changes_data(module_world):
    """The admin's changelists (search, ordering, paging, filters) and change pages of
    every registered model, as a superuser and as a lead (staff)."""
    from django.contrib import admin
    from django.urls import reverse

    from tests.factories import superuser

    world = module_world
    clients = {"superuser": Client(), "lead": Client()}
    clients["superuser"].force_login(superuser())
    clients["lead"].force_login(world.lead)
    failures = []
    before = _table_counts()
    for model in admin.site._registry:
        meta = model._meta
        changelist = reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist")
        for number, value in enumerate(HOSTILE):
            query = urlencode({name: value for name in ADMIN_QUERY_NAMES})
            client = clients["superuser" if number % 2 else "lead"]
            _call(client, "GET", f"{changelist}?{query}", {}, failures, meta.label, before)
        for value in HOSTILE[:7]:
            change = f"{changelist}{quote(value, safe='')}/change/"
            _call(clients["superuser"], "GET", change, {}, failures, meta.label, before)
    assert not failures, f"{len(failures)} failures:\n" + "\n".join(failures[:60])
