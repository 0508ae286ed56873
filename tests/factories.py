"""Factories for tests. Memberships always go through the services, so the
guardian rows are exactly what production would have."""

import itertools

import factory
from django.contrib.auth import get_user_model

from workspaces import services
from workspaces.models import Organisation, Workspace
from workspaces.roles import Role

PASSWORD = "correct horse battery staple"
_counter = itertools.count(1)


class UserFactory(factory.django.DjangoModelFactory):
    """A person with PASSWORD, saved once (the hash is made before the insert)."""

    class Meta:
        model = get_user_model()

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    display_name = factory.Sequence(lambda n: f"Person {n}")
    password = factory.django.Password(PASSWORD)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"Partner {n}")


def superuser():
    return get_user_model().objects.create_superuser(
        email=f"root{next(_counter)}@example.org", password=PASSWORD, display_name="Root"
    )


def make_workspace(name="Alliance", slug=None, lead=None, organisation=None):
    """A workspace created the way a superuser would; returns (workspace, lead)."""
    creator = superuser()
    if Workspace.objects.filter(name__iexact=name).exists():  # names are unique
        name = f"{name} {next(_counter)}"
    lead = lead or UserFactory()
    organisation = organisation or OrganisationFactory()
    workspace = services.workspace_create(
        actor=creator,
        name=name,
        slug=slug or f"{name.lower().replace(' ', '-')}-{next(_counter)}",
        organisation=organisation,
    )
    services.member_add(
        actor=creator, workspace=workspace, user=lead, role=Role.LEAD, organisation=organisation
    )
    # The creating superuser is a lead too; take them out so only real people remain.
    services.member_remove(actor=lead, membership=workspace.memberships.get(user=creator))
    return workspace, lead


def add_member(workspace, role=Role.MEMBER, user=None, organisation=None, groups=()):
    user = user or UserFactory()
    lead = workspace.memberships.filter(role=Role.LEAD).select_related("user").first().user
    services.member_add(
        actor=lead,
        workspace=workspace,
        user=user,
        role=role,
        organisation=organisation or OrganisationFactory(),
        groups=groups,
    )
    return user


def make_group(workspace, name="Work package 1", is_private=False, members=()):
    lead = workspace.memberships.filter(role=Role.LEAD).select_related("user").first().user
    group = services.group_create(
        actor=lead,
        workspace=workspace,
        name=name,
        slug=f"{name.lower().replace(' ', '-')}-{next(_counter)}",
        is_private=is_private,
    )
    for user in members:
        services.group_member_add(actor=lead, group=group, user=user)
    return group
