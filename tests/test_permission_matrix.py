"""Walks every URL pattern of the project and checks it for every persona (see tests/matrix.py)."""

import importlib
import pkgutil

import pytest
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver

import tests
from tests.matrix import LOGIN, OK, PERSONAS, container_of

# Namespaces guarded by another mechanism, each with its own tests.
EXEMPT_NAMESPACES = {
    "admin": "its own matrix, per model and persona: tests/test_admin_matrix.py",
}


def _all_routes():
    routes = []
    for module in pkgutil.iter_modules(tests.__path__):
        if module.ispkg:
            try:
                matrix = importlib.import_module(f"tests.{module.name}.matrix")
            except ModuleNotFoundError:
                continue
            routes.extend(matrix.ROUTES)
    return routes


ROUTES = _all_routes()


def _url_names(resolver=None, namespace=""):
    names = set()
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            names |= _url_names(entry, inner)
        elif isinstance(entry, URLPattern):
            names.add(
                f"{namespace}{entry.name}"
                if entry.name
                else f"{namespace}<unnamed {entry.pattern}>"
            )
    return names


def test_every_url_pattern_has_a_matrix_row():
    covered = {route.name for route in ROUTES}
    uncovered = {
        name
        for name in _url_names()
        if name not in covered and name.split(":")[0] not in EXEMPT_NAMESPACES
    }
    assert not uncovered, f"URL patterns without a permission-matrix row: {sorted(uncovered)}"


def _outcome(response):
    location = response.get("Location", "")
    if response.status_code == 302 and "/accounts/login/" in location:
        return LOGIN
    if response.status_code in (403, 404):
        return response.status_code
    assert response.status_code < 500, f"server error {response.status_code}"
    return OK


CASES = [
    pytest.param(route, kind, id=f"{route.name}[{route.method} {kind}]")
    for route in ROUTES
    for kind in route.containers
]


@pytest.mark.django_db
@pytest.mark.parametrize(("route", "kind"), CASES)
def test_route_answers_each_persona_as_the_rules_say(route, kind, client, module_world):
    """The route's objects are made once; each persona's request runs in a savepoint
    rolled back after it, so every persona meets them as they were made."""
    world = module_world
    container = container_of(world, kind)
    url = route.url(world, container)
    data = route.data(world, container) if callable(route.data) else route.data
    failures = []
    for persona in PERSONAS:
        with transaction.atomic():
            client.logout()
            user = world.user(persona)
            if user is not None:
                client.force_login(user)
            response = client.generic(
                route.method,
                url,
                data=_encode(data),
                content_type="application/x-www-form-urlencoded",
            )
            got, want = _outcome(response), route.expected(persona, kind)
            if got != want:
                failures.append(f"{persona}: got {got}, expected {want} ({response.status_code})")
            transaction.set_rollback(True)
    assert not failures, f"{route.method} {url}\n" + "\n".join(failures)


def _encode(data):
    from urllib.parse import urlencode

    return urlencode(data, doseq=True)
