"""Every GET page of the permission matrix (tests/matrix.py) that a persona may open,
as URLs in one world: what the phone and axe walk in test_every_page.py visits."""

import dataclasses

from django.core.exceptions import ValidationError
from django.db import transaction
from django.test import Client
from django.utils import timezone

from tests.factories import add_member, make_workspace
from tests.matrix import OK, container_of
from tests.test_permission_matrix import ROUTES
from workspaces.models import Membership
from workspaces.roles import Role


def html_pages_for(world, persona):
    """``[(route name, url)]``: each GET route once (in its first container), whose URL
    answers ``persona`` with an HTML page (not a download, CSV, image or redirect).
    Builders that make an object at a fixed place (a wiki page at "matrix-page") run
    again in a spare workspace with the same people, so every route is visited."""
    client = Client()
    client.force_login(world.user(persona))
    pages, seen = [], set()
    for route in ROUTES:
        kind = route.containers[0]
        if route.method != "GET" or route.expected(persona, kind) != OK:
            continue
        url = _build(route, world, kind)
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
            pages.append((route.name, url))
    return pages


def _build(route, world, kind):
    try:
        with transaction.atomic():
            return route.url(world, container_of(world, kind))
    except ValidationError:  # already made in this workspace: make it in a fresh one
        spare = _spare_world(world)
        return route.url(spare, container_of(spare, kind))


def _spare_world(world):
    """A new workspace with the same lead, community manager, member and observer."""
    workspace, _ = make_workspace("Spare Alliance", lead=world.lead)
    for role, person in (
        (Role.COMMUNITY_MANAGER, world.community_manager),
        (Role.MEMBER, world.member),
        (Role.OBSERVER, world.observer),
    ):
        add_member(workspace, role, user=person)
    Membership.objects.update(welcomed_at=timezone.now())
    return dataclasses.replace(world, workspace=workspace)
